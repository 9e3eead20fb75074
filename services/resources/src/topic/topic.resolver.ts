import { PageArgs, type SubgraphContext } from '@mitgen/subgraph-kit';
import { TopicRef } from './topic.reference';
import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { ResourceConnection } from '../resource/resource.resolver';
import { resourcesOfTopic } from '../resource/resource.loader';

@Resolver(() => TopicRef)
export class TopicResourcesResolver {
  @FieldResolver(() => ResourceConnection, { nullable: true, description: 'Published resources on this topic, sorted by title (null only when the resources service is unavailable).' })
  resources(@Root() topic: TopicRef, @Args() page: PageArgs, @Ctx() ctx: SubgraphContext) {
    return resourcesOfTopic(ctx, page).load(topic.slug);
  }
}
