import { Connection, PageArgs, paginate, type SubgraphContext } from '@mitgen/subgraph-kit';
import { Arg, Args, ArgsType, Ctx, Field, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { Topic } from './topic.entity';
import { topicBySlug } from './topic.loader';

@ObjectType({ description: 'A page of topics.' })
export class TopicConnection extends Connection(Topic) {}

@ArgsType()
class TopicPageArgs extends PageArgs {
  // Taxonomies are short: one page holds all of them by default.
  @Field(() => Int, { defaultValue: 100, description: 'How many topics to return (0 to 100; default 100).' })
  override first: number = 100;
}

@Resolver(() => Topic)
export class TopicResolver {
  @Query(() => TopicConnection, { description: 'All topic areas, sorted by name.' })
  topics(@Args() page: TopicPageArgs, @Ctx() ctx: SubgraphContext) {
    return paginate(ctx.ds.getRepository(Topic).createQueryBuilder('t'), page, [
      { sql: 't.name', value: (t) => t.name },
      { sql: 't.slug', value: (t) => t.slug },
    ]);
  }

  @Query(() => Topic, { nullable: true, description: 'One topic area by slug.' })
  topic(@Arg('slug', { description: 'Slug of the topic (old slugs of renamed topics work too).' }) slug: string, @Ctx() ctx: SubgraphContext) {
    return topicBySlug(ctx).load(slug);
  }
}

/** `_entities` for Topic (topics are public). */
export const topicReference = {
  __resolveReference: (ref: { slug: string }, ctx: SubgraphContext) => topicBySlug(ctx).load(ref.slug),
};
