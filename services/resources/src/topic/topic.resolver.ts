import { PageArgs, type SubgraphContext } from '@mitgen/subgraph-kit';
import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { ResourceConnection } from '../resource/resource.resolver';
import { resourcesOfTopic } from '../resource/resource.loader';
import { Topic } from './topic.stub';

@Resolver(() => Topic)
export class TopicResourcesResolver {
  @FieldResolver(() => ResourceConnection, { description: 'Published resources on this topic, sorted by title.' })
  resources(@Root() topic: Topic, @Args() page: PageArgs, @Ctx() ctx: SubgraphContext) {
    return resourcesOfTopic(ctx, page).load(topic.slug);
  }
}
