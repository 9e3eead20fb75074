import { Connection, PageArgs, paginate, type SubgraphContext } from '@mitgen/subgraph-kit';
import { Arg, Args, ArgsType, Ctx, Directive, Field, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { Region, RegionKind } from './region.entity';
import { regionByCode } from './region.loader';

@Directive('@cacheControl(inheritMaxAge: true)')
@ObjectType({ description: 'A page of regions.' })
export class RegionConnection extends Connection(Region) {}

@ArgsType()
class RegionArgs extends PageArgs {
  // Lower Saxony has 45 areas: one page holds all of them by default.
  @Field(() => Int, { defaultValue: 100, description: 'How many regions to return (0 to 100; default 100).' })
  override first: number = 100;

  @Field(() => RegionKind, { nullable: true, description: 'Only areas of this kind.' })
  kind?: RegionKind | null;
}

@Resolver(() => Region)
export class RegionResolver {
  @Directive('@cacheControl(maxAge: 86400)')
  @Query(() => RegionConnection, { description: "All of Lower Saxony's districts, district-free cities and the Region Hannover, sorted by name." })
  regions(@Args() args: RegionArgs, @Ctx() ctx: SubgraphContext) {
    const qb = ctx.ds.getRepository(Region).createQueryBuilder('r');
    if (args.kind) qb.where('r.kind = :kind', { kind: args.kind });
    return paginate(qb, args, [
      { sql: 'r.name', value: (r) => r.name },
      { sql: 'r.code', value: (r) => r.code },
    ]);
  }

  @Directive('@cacheControl(maxAge: 86400)')
  @Query(() => Region, { nullable: true, description: 'One region by its official five-digit key.' })
  region(@Arg('code', { description: 'Official five-digit key, e.g. `03241`.' }) code: string, @Ctx() ctx: SubgraphContext) {
    return regionByCode(ctx).load(code);
  }
}

/** `_entities` for Region (regions are public). */
export const regionReference = {
  __resolveReference: (ref: { code: string }, ctx: SubgraphContext) => regionByCode(ctx).load(ref.code),
};
