import { emptyPage, isUuid, PageArgs, type SubgraphContext } from '@mitgen/subgraph-kit';
import { PartnerRef } from './partner.reference';
import { Args, ArgsType, Ctx, Field, FieldResolver, Resolver, Root } from 'type-graphql';
import { EventConnection } from '../event/event.resolver';
import { eventsOfPartner } from '../event/event.loader';

@ArgsType()
class PartnerEventsArgs extends PageArgs {
  @Field(() => Boolean, { nullable: true, description: 'true: only events that have not ended, soonest first. Otherwise all, newest first.' })
  upcoming?: boolean | null;
}

@Resolver(() => PartnerRef)
export class PartnerEventsResolver {
  @FieldResolver(() => EventConnection, { nullable: true, description: 'Public events this partner organises or co-organises (null only when the events service is unavailable).' })
  events(@Root() partner: PartnerRef, @Args() args: PartnerEventsArgs, @Ctx() ctx: SubgraphContext) {
    return isUuid(partner.id) ? eventsOfPartner(ctx, args).load(partner.id) : emptyPage();
  }
}
