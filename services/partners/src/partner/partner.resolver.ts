import { Connection, PageArgs, badInput, isUuid, type SubgraphContext } from '@mitgen/subgraph-kit';
import { Arg, Args, Ctx, FieldResolver, ID, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Region } from '../region/region.entity';
import { regionByCode } from '../region/region.loader';
import { Topic } from '../topic/topic.entity';
import { Partner } from './partner.entity';
import { PartnerFilter } from './partner.input';
import { partnerById, topicsOfPartner } from './partner.loader';
import { canSee, listPartners } from './partner.service';

@ObjectType({ description: 'A page of partners.' })
export class PartnerConnection extends Connection(Partner) {}

@Resolver(() => Partner)
export class PartnerResolver {
  @Query(() => PartnerConnection, { description: 'The partner directory: published partners, sorted by name, filtered and paged.' })
  partners(
    @Arg('filter', () => PartnerFilter, { nullable: true, description: 'Conditions the partners must meet.' }) filter: PartnerFilter | null,
    @Args() page: PageArgs,
    @Ctx() ctx: SubgraphContext,
  ) {
    return listPartners(ctx, filter ?? {}, page);
  }

  @Query(() => Partner, { nullable: true, description: 'One partner by `id` or by `slug` (give one of them); null when there is none you may see.' })
  async partner(
    @Arg('id', () => ID, { nullable: true, description: 'Id of the partner.' }) id: string | null,
    @Arg('slug', () => String, { nullable: true, description: 'Slug of the partner, e.g. `g-mit-niedersachsen`.' }) slug: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Partner | null> {
    if (!id === !slug) throw badInput('give either id or slug', id ? 'slug' : 'id');
    const partner = id
      ? isUuid(id)
        ? await partnerById(ctx).load(id)
        : null
      : await ctx.ds.getRepository(Partner).findOneBy({ slug: slug! });
    return partner && canSee(ctx, partner) ? partner : null;
  }

  @FieldResolver(() => Region, { nullable: true, description: 'The district, district-free city or region the partner is located in.' })
  region(@Root() partner: Partner, @Ctx() ctx: SubgraphContext) {
    return partner.regionCode ? regionByCode(ctx).load(partner.regionCode) : null;
  }

  @FieldResolver(() => [Topic], { description: 'Topic areas the partner works on.' })
  topics(@Root() partner: Partner, @Ctx() ctx: SubgraphContext) {
    return topicsOfPartner(ctx).load(partner.id);
  }
}
