import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export enum EventPartnerRole {
  ORGANIZER = 'ORGANIZER',
  PROGRAMME = 'PROGRAMME',
}

registerEnumType(EventPartnerRole, {
  name: 'EventPartnerRole',
  description: 'How an event names another organisation.',
  valuesConfig: {
    ORGANIZER: { description: 'As co-organiser: it shows among the organisers, and its editors may administer the event.' },
    PROGRAMME: { description: 'In the programme: as the partner presenting an item, or as a speaker’s organisation.' },
  },
});

export enum EventPartnerRequestStatus {
  PENDING = 'PENDING',
  ACCEPTED = 'ACCEPTED',
  DECLINED = 'DECLINED',
}

registerEnumType(EventPartnerRequestStatus, {
  name: 'EventPartnerRequestStatus',
  description: 'Whether the named organisation agreed.',
  valuesConfig: {
    PENDING: { description: 'Waiting for an editor of the named organisation or a coordinator; the event does not show the organisation yet.' },
    ACCEPTED: { description: 'Agreed (or set by a coordinator): the event shows the organisation.' },
    DECLINED: { description: 'Refused: the event does not show the organisation.' },
  },
});

/**
 * Another organisation named in an event by a partner editor: a request that organisation's editors
 * (or a coordinator) accept before the event shows it — nobody borrows another organisation's name.
 * One row per event, partner and role.
 */
@Directive('@cacheControl(maxAge: 0, scope: PRIVATE)')
@ObjectType({ description: 'A request to name an organisation in an event (as co-organiser or in the programme), made by an editor of another organisation.' })
@Entity()
export class EventPartnerRequest {
  @Field(() => ID, { description: 'Stable unique id (UUID).' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  eventId: string;

  /** The organisation named (partners service). */
  @Column({ type: 'uuid' })
  partnerId: string;

  @Field(() => EventPartnerRole, { description: 'As co-organiser or in the programme.' })
  @Column({ type: 'text' })
  role: EventPartnerRole;

  @Field(() => EventPartnerRequestStatus, { description: 'Pending, accepted or declined.' })
  @Column({ type: 'text', default: EventPartnerRequestStatus.PENDING })
  status: EventPartnerRequestStatus;

  /** Wanted place among the organisers. */
  @Column({ type: 'integer', default: 0 })
  position: number;

  /** Account that asked. */
  @Column({ type: 'uuid', nullable: true })
  requestedBy: string | null;

  /** Organisation of the editor who asked. */
  @Column({ type: 'uuid', nullable: true })
  requestedByPartnerId: string | null;

  @Field({ description: 'When it was asked (UTC).' })
  @Column({ type: 'timestamptz', default: () => 'now()' })
  requestedAt: Date;

  /** Account that accepted or declined. */
  @Column({ type: 'uuid', nullable: true })
  decidedBy: string | null;

  @Field(() => Date, { nullable: true, description: 'When it was accepted or declined (UTC); null while pending.' })
  @Column({ type: 'timestamptz', nullable: true })
  decidedAt: Date | null;
}
