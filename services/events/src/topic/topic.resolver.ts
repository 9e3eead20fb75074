import { PageArgs, type SubgraphContext } from '@mitgen/subgraph-kit';
import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { EventConnection } from '../event/event.resolver';
import { upcomingEventsOfTopic } from '../event/event.loader';
import { Topic } from './topic.stub';

@Resolver(() => Topic)
export class TopicEventsResolver {
  @FieldResolver(() => EventConnection, { description: 'Public events on this topic that have not ended yet, soonest first.' })
  upcomingEvents(@Root() topic: Topic, @Args() page: PageArgs, @Ctx() ctx: SubgraphContext) {
    return upcomingEventsOfTopic(ctx, page).load(topic.slug);
  }
}
