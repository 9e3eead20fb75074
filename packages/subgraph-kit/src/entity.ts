import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { PublicationStatus } from './status';

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
  // Int, like the `version` of every Update input that sends it back.
  @Field(() => Int, { description: 'Changes with every update; send it back with an update so that a concurrent change is reported, not overwritten.' })
  @VersionColumn({ default: 1 })
  version: number;
}

/** Descriptions of the publication fields, in the words of the entity (defaults are generic). */
export interface PublishableDescriptions {
  status?: string;
  publishedAt?: string;
}

/**
 * Base of entities the public sees once published: a versioned entity with a publication `status`
 * (column `status`, text, default `DRAFT`) and `publishedAt` (column `published_at`, set on first
 * publication). A factory, like `Connection`, so that each entity keeps its own field descriptions:
 * `class Resource extends PublishableEntity({ status: '…' }) {}`.
 */
export function PublishableEntity(descriptions: PublishableDescriptions = {}) {
  @ObjectType()
  abstract class PublishableEntityClass extends VersionedEntity {
    @Field(() => PublicationStatus, { description: descriptions.status ?? 'Draft, published or archived; the public sees published records only.' })
    @Column({ type: 'text', default: PublicationStatus.DRAFT })
    status: PublicationStatus;

    @Field(() => Date, { nullable: true, description: descriptions.publishedAt ?? 'When the record was first published; null while a draft.' })
    @Column({ type: 'timestamptz', nullable: true })
    publishedAt: Date | null;
  }
  return PublishableEntityClass;
}
