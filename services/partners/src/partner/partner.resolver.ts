import { AuditEntryConnection, Connection, PageArgs, PublicationResolver, PublicationStatus, badInput, isUuid, type SubgraphContext } from '@mitgen/subgraph-kit';
import { Arg, Args, Authorized, Ctx, Directive, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { auditOfPartner } from '../common/audit';
import { Region } from '../region/region.entity';
import { regionByCode } from '../region/region.loader';
import { Topic } from '../topic/topic.entity';
import { topicsOfPartner } from '../topic/topic.loader';
import { Partner } from './partner.entity';
import { CreatePartnerInput, PartnerFilter, UpdatePartnerInput } from './partner.input';
import { partnerById } from './partner.loader';
import { canShowProfile, createPartner, listPartners, setPartnerStatus, updatePartner } from './partner.service';

@Directive('@cacheControl(inheritMaxAge: true)')
@ObjectType({ description: 'A page of partners.' })
export class PartnerConnection extends Connection(Partner) {}

@Resolver(() => Partner)
export class PartnerResolver extends PublicationResolver(Partner, {
  idDescription: 'Id of the partner.',
  publish: {
    description: 'Publishes a partner: everyone can see it (coordinators only).',
    roles: ['COORDINATOR'],
    run: (ctx, id) => setPartnerStatus(ctx, id, PublicationStatus.PUBLISHED),
  },
  archive: {
    description: 'Archives a partner that left the network: hidden from the public, kept for references and history (coordinators only).',
    roles: ['COORDINATOR'],
    run: (ctx, id) => setPartnerStatus(ctx, id, PublicationStatus.ARCHIVED),
  },
}) {
  @Directive('@cacheControl(maxAge: 60)')
  @Query(() => PartnerConnection, { description: 'The partner directory: published partners, sorted by name, filtered and paged.' })
  async partners(
    @Arg('filter', () => PartnerFilter, { nullable: true, description: 'Conditions the partners must meet.' }) filter: PartnerFilter | null,
    @Args() page: PageArgs,
    @Ctx() ctx: SubgraphContext,
  ) {
    const result = await listPartners(ctx, filter ?? {}, page);
    // Nested fields (a contact person's or news item's partner) then find them without another statement.
    for (const partner of result.nodes) partnerById(ctx).prime(partner.id, partner);
    return result;
  }

  @Directive('@cacheControl(maxAge: 60)')
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
    return partner && canShowProfile(ctx, partner) ? partner : null;
  }

  @Authorized('COORDINATOR')
  @Mutation(() => Partner, { description: 'Creates a partner organisation as a draft (coordinators only).' })
  createPartner(@Arg('input', { description: 'The new partner.' }) input: CreatePartnerInput, @Ctx() ctx: SubgraphContext) {
    return createPartner(ctx, input);
  }

  @Authorized()
  @Mutation(() => Partner, {
    description:
      'Changes a partner profile (coordinators; editors for their own organisation). Send the `version` you read: CONFLICT when someone changed the partner meanwhile.',
  })
  updatePartner(
    @Arg('id', () => ID, { description: 'Id of the partner.' }) id: string,
    @Arg('input', { description: 'The changes.' }) input: UpdatePartnerInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    return updatePartner(ctx, id, input);
  }

  @Authorized()
  @Mutation(() => Partner, {
    description: 'Takes a partner offline (back to draft) (coordinators; editors for their own organisation). Publishing again needs a coordinator.',
  })
  unpublishPartner(@Arg('id', () => ID, { description: 'Id of the partner.' }) id: string, @Ctx() ctx: SubgraphContext) {
    return setPartnerStatus(ctx, id, PublicationStatus.DRAFT);
  }

  @Authorized('COORDINATOR')
  @FieldResolver(() => AuditEntryConnection, {
    description: 'Every administrative change of the partner and its contact persons, cooperations and news, newest first (coordinators only).',
  })
  auditLog(@Root() partner: Partner, @Args() page: PageArgs, @Ctx() ctx: SubgraphContext) {
    return auditOfPartner(ctx, page).load(partner.id);
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
