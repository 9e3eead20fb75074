import { AuditEntryConnection, Connection, PageArgs, paginate, type SubgraphContext } from '@mitgen/subgraph-kit';
import { Arg, Args, ArgsType, Authorized, Ctx, Directive, Field, FieldResolver, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { auditOfTopic } from '../common/audit';
import { Topic } from './topic.entity';
import { CreateTopicInput, UpdateTopicInput } from './topic.input';
import { aliasesOfTopic, partnerCountOfTopic, topicBySlug } from './topic.loader';
import { createTopic, mergeTopics, updateTopic } from './topic.service';

@Directive('@cacheControl(inheritMaxAge: true)')
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
  @Directive('@cacheControl(maxAge: 300)')
  @Query(() => TopicConnection, { description: 'All topic areas, sorted by name.' })
  topics(@Args() page: TopicPageArgs, @Ctx() ctx: SubgraphContext) {
    return paginate(ctx.ds.getRepository(Topic).createQueryBuilder('t'), page, [
      { sql: 't.name', value: (t) => t.name },
      { sql: 't.slug', value: (t) => t.slug },
    ]);
  }

  @Directive('@cacheControl(maxAge: 300)')
  @Query(() => Topic, { nullable: true, description: 'One topic area by slug; an old slug of a renamed or merged topic gives the topic it became.' })
  topic(@Arg('slug', { description: 'Slug of the topic (old slugs of renamed or merged topics work too).' }) slug: string, @Ctx() ctx: SubgraphContext) {
    return topicBySlug(ctx).load(slug);
  }

  @Authorized('COORDINATOR')
  @Mutation(() => Topic, { description: 'Adds a topic area (coordinators only).' })
  createTopic(@Arg('input', { description: 'The new topic.' }) input: CreateTopicInput, @Ctx() ctx: SubgraphContext) {
    return createTopic(ctx, input);
  }

  @Authorized('COORDINATOR')
  @Mutation(() => Topic, {
    description:
      'Renames a topic area or changes its description or slug (coordinators only). A changed slug keeps the old one as an alias, so references elsewhere keep resolving.',
  })
  updateTopic(
    @Arg('slug', { description: 'Current slug of the topic (an old slug works too).' }) slug: string,
    @Arg('input', { description: 'The changes.' }) input: UpdateTopicInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    return updateTopic(ctx, slug, input);
  }

  @Authorized('COORDINATOR')
  @Mutation(() => Topic, {
    description:
      'Merges topic `source` into topic `into` (coordinators only): partners and contact persons move over, and the slugs of `source` become aliases of `into`. Returns `into`.',
  })
  mergeTopics(
    @Arg('source', { description: 'Slug of the topic that goes away.' }) source: string,
    @Arg('into', { description: 'Slug of the topic that stays.' }) into: string,
    @Ctx() ctx: SubgraphContext,
  ) {
    return mergeTopics(ctx, source, into);
  }

  @FieldResolver(() => [String], { description: 'Former slugs of this topic (after renames and merges); they resolve to this topic.' })
  aliases(@Root() topic: Topic, @Ctx() ctx: SubgraphContext) {
    return aliasesOfTopic(ctx).load(topic.slug);
  }

  @Directive('@cacheControl(maxAge: 60)')
  @FieldResolver(() => Int, { description: 'Number of published partners working on this topic.' })
  partnerCount(@Root() topic: Topic, @Ctx() ctx: SubgraphContext) {
    return partnerCountOfTopic(ctx).load(topic.slug);
  }

  @Authorized('COORDINATOR')
  @FieldResolver(() => AuditEntryConnection, { description: 'Changes of this topic (also under its old slugs), newest first (coordinators only).' })
  auditLog(@Root() topic: Topic, @Args() page: PageArgs, @Ctx() ctx: SubgraphContext) {
    return auditOfTopic(ctx, page).load(topic.slug);
  }
}

/** `_entities` for Topic (topics are public); old slugs resolve to the current topic. */
export const topicReference = {
  __resolveReference: (ref: { slug: string }, ctx: SubgraphContext) => topicBySlug(ctx).load(ref.slug),
};
