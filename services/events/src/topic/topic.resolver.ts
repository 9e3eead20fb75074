import { PageArgs, type SubgraphContext } from '@mitgen/subgraph-kit';
import { TopicRef } from './topic.reference';
import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { EventConnection } from '../event/event.resolver';
import { upcomingEventsOfTopic } from '../event/event.loader';

@Resolver(() => TopicRef)
export class TopicEventsResolver {
  @FieldResolver(() => EventConnection, { nullable: true, description: 'Public events on this topic that have not ended yet, soonest first (null only when the events service is unavailable).' })
  upcomingEvents(@Root() topic: TopicRef, @Args() page: PageArgs, @Ctx() ctx: SubgraphContext) {
    return upcomingEventsOfTopic(ctx, page).load(topic.slug);
  }
}
