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

  /** The partner from whose side the cooperation is seen (`Partner.cooperations`); not stored. */
  viewpointPartnerId?: string;
}
