import { emptyPage, isUuid, PageArgs, type SubgraphContext } from '@mitgen/subgraph-kit';
import { PartnerRef } from './partner.reference';
import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { ResourceConnection } from '../resource/resource.resolver';
import { resourcesOfPartner } from '../resource/resource.loader';

@Resolver(() => PartnerRef)
export class PartnerResourcesResolver {
  @FieldResolver(() => ResourceConnection, { nullable: true, description: 'Published resources this partner provides, sorted by title (null only when the resources service is unavailable).' })
  resources(@Root() partner: PartnerRef, @Args() page: PageArgs, @Ctx() ctx: SubgraphContext) {
    return isUuid(partner.id) ? resourcesOfPartner(ctx, page).load(partner.id) : emptyPage();
  }
}
