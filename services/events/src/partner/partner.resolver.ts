import { emptyPage, isUuid, PageArgs, type SubgraphContext } from '@mitgen/subgraph-kit';
import { PartnerRef } from './partner.reference';
import { Args, ArgsType, Ctx, Field, FieldResolver, Resolver, Root } from 'type-graphql';
import { EventConnection } from '../event/event.resolver';
import { eventsOfPartner } from '../event/event.loader';

@ArgsType()
class PartnerEventsArgs extends PageArgs {
  // A partner's website shows what comes next: upcoming events, soonest first, unless asked otherwise.
  @Field(() => Boolean, { nullable: true, defaultValue: true, description: 'true (default): only events that have not ended, soonest first. false: all events, newest first.' })
  upcoming?: boolean | null;
}

@Resolver(() => PartnerRef)
export class PartnerEventsResolver {
  @FieldResolver(() => EventConnection, { nullable: true, description: 'Public events this partner organises or co-organises: by default the upcoming ones, soonest first (null only when the events service is unavailable).' })
  events(@Root() partner: PartnerRef, @Args() args: PartnerEventsArgs, @Ctx() ctx: SubgraphContext) {
    return isUuid(partner.id) ? eventsOfPartner(ctx, { ...args, upcoming: args.upcoming ?? true }).load(partner.id) : emptyPage();
  }
}
