import { emptyPage, isUuid, PageArgs, type SubgraphContext } from '@mitgen/subgraph-kit';
import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { ResourceConnection } from '../resource/resource.resolver';
import { resourcesOfPartner } from '../resource/resource.loader';
import { Partner } from './partner.stub';

@Resolver(() => Partner)
export class PartnerResourcesResolver {
  @FieldResolver(() => ResourceConnection, { description: 'Published resources this partner provides, sorted by title.' })
  resources(@Root() partner: Partner, @Args() page: PageArgs, @Ctx() ctx: SubgraphContext) {
    return isUuid(partner.id) ? resourcesOfPartner(ctx, page).load(partner.id) : emptyPage();
  }
}
