import { Arg, Args, Authorized, Ctx, FieldResolver, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Connection, PageArgs, paginate, type SubgraphContext } from '../../index';
import { PartnerRef } from './partner.reference';
import { Thing } from './thing.entity';
import { CreateThingInput } from './thing.input';

@ObjectType({ description: 'A page of things.' })
export class ThingConnection extends Connection(Thing) {}

@Resolver(() => Thing)
export class ThingResolver {
  @Query(() => ThingConnection, { description: 'Things partners lend, by name.' })
  things(@Args() page: PageArgs, @Ctx() ctx: SubgraphContext) {
    return paginate(ctx.ds.getRepository(Thing).createQueryBuilder('t'), page);
  }

  @Authorized('COORDINATOR')
  @Mutation(() => Thing, { description: 'Records a thing (coordinators only).' })
  createThing(@Arg('input', { description: 'The new thing.' }) input: CreateThingInput, @Ctx() ctx: SubgraphContext) {
    return ctx.ds.getRepository(Thing).save(Object.assign(new Thing(), input));
  }

  @FieldResolver(() => PartnerRef, { description: 'The partner that owns it.' })
  partner(@Root() thing: Thing) {
    return PartnerRef.of(thing.partnerId);
  }
}
