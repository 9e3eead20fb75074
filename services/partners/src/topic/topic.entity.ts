import { Directive, Field, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';

@Directive('@key(fields: "slug")')
@ObjectType({
  description:
    'A topic area (Themenbereich) of the network, e.g. Gleichstellung or Gewaltschutz. Partners, resources, events and newsletter interests refer to topics by slug.',
})
@Entity()
export class Topic {
  @Field({ description: 'Stable URL-safe key, e.g. `gewaltschutz`. Old slugs of renamed or merged topics keep resolving.' })
  @PrimaryColumn({ type: 'text' })
  slug: string;

  @Field({ description: 'Display name (German), e.g. `Gewaltschutz`.' })
  @Column()
  name: string;

  @Field(() => String, { nullable: true, description: 'What the topic area covers.' })
  @Column({ type: 'text', nullable: true })
  description: string | null;
}
