import { VersionedEntity } from '@mitgen/subgraph-kit';
import { Directive, Field, ObjectType } from 'type-graphql';
import { Column, Entity } from 'typeorm';

@Directive('@key(fields: "id")')
@Directive('@cacheControl(maxAge: 60)')
@ObjectType({ description: 'A cooperation between two partner organisations that grew out of the network (Kooperation).' })
@Entity()
export class Cooperation extends VersionedEntity {
  /** The partner with the smaller id (a pair is stored once). */
  @Column({ type: 'uuid' })
  partnerAId: string;

  /** The partner with the larger id. */
  @Column({ type: 'uuid' })
  partnerBId: string;

  @Field(() => String, { nullable: true, description: 'Date the cooperation started (YYYY-MM-DD), when known.' })
  @Column({ type: 'date', nullable: true })
  since: string | null;

  @Field({ description: 'What the partners do together, in plain text.' })
  @Column({ type: 'text', default: '' })
  description: string;

  @Field(() => Date, {
    nullable: true,
    description:
      'When the cooperation was confirmed: by a coordinator, or by an editor of the other partner when an editor recorded it. Null while that confirmation is missing; until then only coordinators and editors of the two partners see it.',
  })
  @Column({ type: 'timestamptz', nullable: true, default: () => 'now()' })
  confirmedAt: Date | null;

  /** The partner whose editor recorded it (and who waits for the other's confirmation); null when a coordinator did. */
  @Column({ type: 'uuid', nullable: true })
  requestedByPartnerId: string | null;

  /** The partner from whose side the cooperation is seen (`Partner.cooperations`); not stored. */
  viewpointPartnerId?: string;
}
