import { emptyPage, isUuid, PageArgs, type SubgraphContext } from '@mitgen/subgraph-kit';
import { Args, ArgsType, Ctx, Field, FieldResolver, Resolver, Root } from 'type-graphql';
import { EventConnection } from '../event/event.resolver';
import { eventsOfPartner } from '../event/event.loader';
import { Partner } from './partner.stub';

@ArgsType()
class PartnerEventsArgs extends PageArgs {
  @Field(() => Boolean, { nullable: true, description: 'true: only events that have not ended, soonest first. Otherwise all, newest first.' })
  upcoming?: boolean | null;
}

@Resolver(() => Partner)
export class PartnerEventsResolver {
  @FieldResolver(() => EventConnection, { description: 'Public events this partner organises or co-organises.' })
  events(@Root() partner: Partner, @Args() args: PartnerEventsArgs, @Ctx() ctx: SubgraphContext) {
    return isUuid(partner.id) ? eventsOfPartner(ctx, args).load(partner.id) : emptyPage();
  }
}
