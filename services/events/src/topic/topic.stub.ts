import { Directive, Field, ObjectType } from 'type-graphql';

/** Reference to a topic area; the partners service owns its fields. */
@Directive('@key(fields: "slug")')
@ObjectType({ description: 'A topic area (Themenbereich) of the network.' })
export class Topic {
  @Field({ description: 'Stable URL-safe key of the topic.' })
  slug: string;
}
