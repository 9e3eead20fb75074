import { TimestampedEntity } from '@mitgen/subgraph-kit';
import { Field, ObjectType } from 'type-graphql';
import { Column, Entity } from 'typeorm';

@ObjectType({ description: "An API key of a partner institution's server (sent as `X-API-Key`). Only a hash of the key is stored." })
@Entity()
export class ApiKey extends TimestampedEntity {
  @Field({ description: 'What the key is used for, e.g. `WordPress-Website`.' })
  @Column({ type: 'text' })
  name: string;

  /** The partner the key belongs to; resolved by `ApiKey.partner`. */
  @Column({ type: 'uuid' })
  partnerId: string;

  @Field({ description: 'First characters of the key, to recognise it (the key itself is shown once, at creation).' })
  @Column({ type: 'text' })
  prefix: string;

  /** SHA-256 of the whole key (keys are long random strings, so a fast hash is enough). */
  @Column({ type: 'text' })
  keyHash: string;

  @Field(() => Date, { nullable: true, description: 'When the key was last used (updated at most once a minute).' })
  @Column({ type: 'timestamptz', nullable: true })
  lastUsedAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the key was revoked; revoked keys are refused.' })
  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}
