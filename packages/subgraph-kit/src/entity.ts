import { Field, ID, ObjectType } from 'type-graphql';
import { CreateDateColumn, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

/** Shared columns of owned entities: a UUID id and creation/update times. */
@ObjectType()
export abstract class TimestampedEntity {
  @Field(() => ID, { description: 'Stable unique id (UUID).' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field({ description: 'When this record was created (UTC, ISO 8601).' })
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Field({ description: 'When this record was last changed (UTC, ISO 8601).' })
  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/** Timestamped entity with an optimistic-locking version: updates must name the version they read. */
@ObjectType()
export abstract class VersionedEntity extends TimestampedEntity {
  @Field({ description: 'Changes with every update; send it back with an update so that a concurrent change is reported, not overwritten.' })
  @VersionColumn({ default: 1 })
  version: number;
}
