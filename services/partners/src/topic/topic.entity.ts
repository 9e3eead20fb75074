import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

@Directive('@key(fields: "slug")')
@Directive('@cacheControl(maxAge: 300)')
@ObjectType({
  description:
    'A topic area (Themenbereich) of the network, e.g. Gleichstellung or Gewaltschutz. Partners, resources, events and newsletter interests refer to topics by slug.',
})
@Entity()
export class Topic {
  @Field(() => ID, { description: 'Stable unique id (UUID); it stays when the slug changes. Clients normalise topics by it.' })
  @Column({ type: 'uuid', unique: true, default: () => 'gen_random_uuid()' })
  id: string;

  @Field({ description: 'Stable URL-safe key, e.g. `gewaltschutz`. Old slugs of renamed or merged topics keep resolving.' })
  @PrimaryColumn({ type: 'text' })
  slug: string;

  @Field({ description: 'Display name (German), e.g. `Gewaltschutz`.' })
  @Column()
  name: string;

  @Field(() => String, { nullable: true, description: 'What the topic area covers.' })
  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Field(() => Int, { description: 'Changes with every update; send it back with `updateTopic` so that a concurrent change is reported, not overwritten.' })
  @VersionColumn({ default: 1 })
  version: number;

  @Field({ description: 'When the topic was created (UTC).' })
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Field({ description: 'When the topic was last changed (UTC).' })
  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/** An old slug of a renamed or merged topic, still resolving to the topic it became. */
@Entity()
export class TopicAlias {
  @PrimaryColumn({ type: 'text' })
  alias: string;

  @Column({ type: 'text' })
  topicSlug: string;
}
