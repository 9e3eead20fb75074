import { emptyPage, Connection, isUuid, PageArgs, type SubgraphContext } from '@mitgen/subgraph-kit';
import { Arg, Args, Authorized, Ctx, Directive, FieldResolver, ID, Mutation, ObjectType, Resolver, Root } from 'type-graphql';
import { Partner } from '../partner/partner.entity';
import { partnerById } from '../partner/partner.loader';
import { canSee } from '../partner/partner.service';
import { Cooperation } from './cooperation.entity';
import { CreateCooperationInput, UpdateCooperationInput } from './cooperation.input';
import { cooperationById, cooperationsOfPartner } from './cooperation.loader';
import { canSeeCooperation, confirmCooperation, createCooperation, deleteCooperation, updateCooperation } from './cooperation.service';

@Directive('@cacheControl(inheritMaxAge: true)')
@ObjectType({ description: 'A page of cooperations.' })
export class CooperationConnection extends Connection(Cooperation) {}

@Resolver(() => Cooperation)
export class CooperationResolver {
  @Authorized()
  @Mutation(() => Cooperation, {
    description:
      'Records a cooperation between two partners (coordinators; editors with their own organisation as `partnerId`). An editor’s cooperation waits for the other partner to confirm it (`confirmCooperation`; `confirmedAt` null until then) and is not public before.',
  })
  createCooperation(@Arg('input', { description: 'The two partners and the cooperation.' }) input: CreateCooperationInput, @Ctx() ctx: SubgraphContext) {
    return createCooperation(ctx, input);
  }

  @Authorized()
  @Mutation(() => Cooperation, {
    description: 'Changes a cooperation (coordinators; editors of either partner). Send the `version` you read: CONFLICT when it changed meanwhile.',
  })
  updateCooperation(
    @Arg('id', () => ID, { description: 'Id of the cooperation.' }) id: string,
    @Arg('input', { description: 'The changes.' }) input: UpdateCooperationInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    return updateCooperation(ctx, id, input);
  }

  @Authorized()
  @Mutation(() => Cooperation, {
    description: 'Confirms a cooperation another partner recorded with yours (editors of the other partner; coordinators): from now on it is public. Decline it with `deleteCooperation`.',
  })
  confirmCooperation(@Arg('id', () => ID, { description: 'Id of the cooperation.' }) id: string, @Ctx() ctx: SubgraphContext) {
    return confirmCooperation(ctx, id);
  }

  @Authorized()
  @Mutation(() => Boolean, { description: 'Removes a cooperation (coordinators; editors of either partner). True when done.' })
  deleteCooperation(@Arg('id', () => ID, { description: 'Id of the cooperation.' }) id: string, @Ctx() ctx: SubgraphContext) {
    return deleteCooperation(ctx, id);
  }

  @FieldResolver(() => [Partner], { description: 'Both partners of the cooperation, sorted by name.' })
  async partners(@Root() coop: Cooperation, @Ctx() ctx: SubgraphContext): Promise<Partner[]> {
    const found = await partnerById(ctx).loadMany([coop.partnerAId, coop.partnerBId]);
    return found
      .filter((p): p is Partner => !!p && !(p instanceof Error) && canSee(ctx, p))
      .sort((a, b) => a.name.localeCompare(b.name, 'de'));
  }

  @FieldResolver(() => Partner, {
    nullable: true,
    description: 'The other partner, seen from the partner whose `cooperations` you read (or the `partnerId` you created it for); null elsewhere.',
  })
  async withPartner(@Root() coop: Cooperation, @Ctx() ctx: SubgraphContext): Promise<Partner | null> {
    if (!coop.viewpointPartnerId) return null;
    const other = await partnerById(ctx).load(coop.viewpointPartnerId === coop.partnerAId ? coop.partnerBId : coop.partnerAId);
    return other && canSee(ctx, other) ? other : null;
  }
}

@Resolver(() => Partner)
export class PartnerCooperationsResolver {
  @FieldResolver(() => CooperationConnection, {
    description: 'Cooperations of the partner with other partners you may see, sorted by the other partner’s name.',
  })
  cooperations(@Root() partner: Partner, @Args() page: PageArgs, @Ctx() ctx: SubgraphContext) {
    // An archived partner keeps its profile, not its contacts, news or cooperations.
    return canSee(ctx, partner) ? cooperationsOfPartner(ctx, page).load(partner.id) : emptyPage();
  }
}

/** `_entities` for Cooperation: batched, and null unless the caller may see both partners. */
export const cooperationReference = {
  async __resolveReference(ref: { id: string }, ctx: SubgraphContext): Promise<Cooperation | null> {
    if (!isUuid(ref.id)) return null;
    const coop = await cooperationById(ctx).load(ref.id);
    if (!coop) return null;
    const [a, b] = await Promise.all([partnerById(ctx).load(coop.partnerAId), partnerById(ctx).load(coop.partnerBId)]);
    return canSeeCooperation(ctx, a, b, coop) ? coop : null;
  },
};
