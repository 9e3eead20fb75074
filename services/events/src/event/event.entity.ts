import { VersionedEntity } from '@mitgen/subgraph-kit';
import { Directive, Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index } from 'typeorm';

export enum EventKind {
  FACHTAG = 'FACHTAG',
  NETZWERKTREFFEN = 'NETZWERKTREFFEN',
  WORKSHOP = 'WORKSHOP',
  TRAINING = 'TRAINING',
}

registerEnumType(EventKind, {
  name: 'EventKind',
  description: 'Kind of event the network runs.',
  valuesConfig: {
    FACHTAG: { description: 'The yearly Fachtag: a one-day conference of the network with keynote, theme tables and project presentations.' },
    NETZWERKTREFFEN: { description: 'Netzwerktreffen: a meeting of the network partners to exchange and plan together.' },
    WORKSHOP: { description: 'A workshop on one subject.' },
    TRAINING: { description: 'A training (Fortbildung) for practitioners.' },
  },
});

export enum EventStatus {
  DRAFT = 'DRAFT',
  PUBLISHED = 'PUBLISHED',
  CANCELLED = 'CANCELLED',
  ARCHIVED = 'ARCHIVED',
}

registerEnumType(EventStatus, {
  name: 'EventStatus',
  description: 'Publication state of an event.',
  valuesConfig: {
    DRAFT: { description: 'Being prepared; visible to coordinators and organisers only.' },
    PUBLISHED: { description: 'Public; registration follows the registration window.' },
    CANCELLED: { description: 'Called off; stays visible so that people learn about it, registration is closed.' },
    ARCHIVED: { description: 'Hidden from public lists.' },
  },
});

@Directive('@key(fields: "id")')
@Directive('@cacheControl(maxAge: 60)')
@ObjectType({ description: 'An event of the network: Fachtag, Netzwerktreffen, workshop or training.' })
@Entity()
export class Event extends VersionedEntity {
  @Field({ description: 'Stable URL-safe name, e.g. `fachtag-2019`; usable instead of the id in `event(slug:)`.' })
  @Index({ unique: true })
  @Column({ type: 'text' })
  slug: string;

  @Field({ description: 'Title of the event, in the requested language (German where it has no translation).' })
  @Column({ type: 'text' })
  title: string;

  @Field({ description: 'Description in plain text, in the requested language (German where it has no translation).' })
  @Column({ type: 'text', default: '' })
  description: string;

  @Field(() => EventKind, { description: 'Fachtag, Netzwerktreffen, workshop or training.' })
  @Column({ type: 'text' })
  kind: EventKind;

  @Field({ description: 'Start (UTC, ISO 8601); the event takes place in Europe/Berlin time.' })
  @Column({ type: 'timestamptz' })
  startsAt: Date;

  @Field({ description: 'End (UTC, ISO 8601).' })
  @Column({ type: 'timestamptz' })
  endsAt: Date;

  @Field(() => String, { nullable: true, description: 'Name of the venue, e.g. `Kulturzentrum Pavillon`.' })
  @Column({ type: 'text', nullable: true })
  venueName: string | null;

  @Field(() => String, { nullable: true, description: 'Street and house number of the venue.' })
  @Column({ type: 'text', nullable: true })
  street: string | null;

  @Field(() => String, { nullable: true, description: 'Postal code of the venue.' })
  @Column({ type: 'text', nullable: true })
  postalCode: string | null;

  @Field(() => String, { nullable: true, description: 'City of the venue.' })
  @Column({ type: 'text', nullable: true })
  city: string | null;

  /** Official key of the region the event takes place in. */
  @Column({ type: 'char', length: 5, nullable: true })
  regionCode: string | null;

  @Field({ description: 'True when the event (also) takes place online.' })
  @Column({ type: 'boolean', default: false })
  online: boolean;

  /** Link to the online room; shown to confirmed participants only. */
  @Column({ type: 'text', nullable: true })
  onlineUrl: string | null;

  @Field(() => Int, { nullable: true, description: 'Number of seats; null when unlimited.' })
  @Column({ type: 'integer', nullable: true })
  capacity: number | null;

  @Field({ description: 'True when people can join a waiting list once all seats are taken.' })
  @Column({ type: 'boolean', default: true })
  waitlistEnabled: boolean;

  @Field(() => Date, { nullable: true, description: 'Registration opens (UTC); open right away when null.' })
  @Column({ type: 'timestamptz', nullable: true })
  registrationOpensAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'Registration closes (UTC); at the start of the event when null.' })
  @Column({ type: 'timestamptz', nullable: true })
  registrationClosesAt: Date | null;

  /** Slugs of topics (owned by the partners service). */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  topicSlugs: string[];

  @Field(() => EventStatus, { description: 'Draft, published, cancelled or archived.' })
  @Column({ type: 'text', default: EventStatus.DRAFT })
  status: EventStatus;

  /** Ids of resources (resources service) documenting the event: programme, slides, photos. */
  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  documentationResourceIds: string[];

  @Field(() => Date, { nullable: true, description: 'When the event was called off (UTC); null unless cancelled.' })
  @Column({ type: 'timestamptz', nullable: true })
  cancelledAt: Date | null;

  @Field(() => String, { nullable: true, description: 'Why the event was called off, as told to the registered people.' })
  @Column({ type: 'text', nullable: true })
  cancellationReason: string | null;
}

/** Organising partners of an event (partners live in the partners service). */
@Entity()
export class EventOrganizer {
  @Column({ type: 'uuid', primary: true })
  eventId: string;

  @Column({ type: 'uuid', primary: true })
  partnerId: string;

  @Column({ type: 'integer', default: 0 })
  position: number;
}
