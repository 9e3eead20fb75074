import { alignByKey, dataSubjectEmail, groupByKey, isUuid, PageArgs, paginate } from '@mitgen/subgraph-kit';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { In } from 'typeorm';
import { Account } from '../account/account.entity';
import type { PartnersContext } from '../context';
import { refuseOwnAddress } from '../privacy/privacy.service';
import { ErasureRequest, ErasureRequestConnection, ErasureStatus, ErasureStep } from './erasure.entity';

type Ctx = PartnersContext;

const emailArg = { description: 'E-mail address of the person (letter case does not matter).' };

/** Each request's parts, one statement per batch of requests. */
const partsOf = (ctx: Ctx) =>
  ctx.loaders.get<string, ErasureStep[]>('erasure.parts', async (ids) => {
    const rows = await ctx.ds.getRepository(ErasureStep).find({ where: { requestId: In([...ids]) }, order: { service: 'ASC' } });
    return groupByKey(ids, rows, (s) => s.requestId);
  });

const accountById = (ctx: Ctx) =>
  ctx.loaders.get<string, Account | null>('erasure.account', async (ids) => alignByKey(ids, await ctx.ds.getRepository(Account).findBy({ id: In([...ids]) }), (a) => a.id));

// Erasure requests (GDPR Art. 17): coordinators ask for an erasure and follow it; the erasure
// coordinator (erasure.service.ts) carries it out in every service. ErasureRequest is reached only
// through these coordinator-only root fields, so its own fields need no further check.

@Resolver(() => ErasureRequest)
export class ErasureRequestResolver {
  @Authorized('COORDINATOR')
  @Mutation(() => ErasureRequest, {
    nullable: true,
    description:
      'Erases (deletes or anonymises) everything the network stores about the person with this e-mail address, in every service that holds personal data (GDPR right to be forgotten; coordinators only), whatever you select. Returns the stored erasure request: each service is called at once and the answer shows how far they got within a few seconds; a service that is down stays PENDING and is called again every few seconds until it confirms, by itself — follow it with `erasureRequest(id)`. An address nobody has gives a DONE request with zero counts. Your own address is refused (CANNOT_ERASE_OWN_DATA).',
  })
  async eraseDataSubject(@Arg('email', emailArg) email: string, @Ctx() ctx: Ctx): Promise<ErasureRequest> {
    const normalised = dataSubjectEmail(email);
    await refuseOwnAddress(ctx, normalised);
    const id = await ctx.services.erasure.request(ctx, normalised);
    return ctx.ds.getRepository(ErasureRequest).findOneByOrFail({ id });
  }

  @Authorized('COORDINATOR')
  @Query(() => ErasureRequest, { nullable: true, description: 'One erasure request with each service’s part (coordinators only); null for an unknown id.' })
  erasureRequest(@Arg('id', () => ID, { description: 'Id of the request.' }) id: string, @Ctx() ctx: Ctx): Promise<ErasureRequest | null> | null {
    return isUuid(id) ? ctx.ds.getRepository(ErasureRequest).findOneBy({ id }) : null;
  }

  @Authorized('COORDINATOR')
  @Query(() => ErasureRequestConnection, { description: 'Erasure requests, newest first (coordinators only): all, those in one status, or those about one address.' })
  erasureRequests(
    @Args() page: PageArgs,
    @Arg('status', () => ErasureStatus, { nullable: true, description: 'Only requests in this status, e.g. PENDING.' }) status: ErasureStatus | null | undefined,
    @Arg('email', () => String, { nullable: true, description: 'Only requests about this address (compared by its keyed hash; letter case does not matter).' }) email: string | null | undefined,
    @Ctx() ctx: Ctx,
  ) {
    const qb = ctx.ds.getRepository(ErasureRequest).createQueryBuilder('r');
    if (status) qb.andWhere('r.status = :status', { status });
    if (email != null) qb.andWhere('r.email_hash = :hash', { hash: ctx.services.erasure.hashOf(dataSubjectEmail(email)) });
    return paginate(qb, page, [
      { sql: 'r.requested_at', desc: true, cast: 'timestamptz', value: (r) => r.requestedAt },
      { sql: 'r.id', desc: true, cast: 'uuid', value: (r) => r.id },
    ]);
  }

  @FieldResolver(() => [ErasureStep], { description: 'Each participating service’s part, by service name.' })
  services(@Root() request: ErasureRequest, @Ctx() ctx: Ctx): Promise<ErasureStep[]> {
    return partsOf(ctx).load(request.id);
  }

  @FieldResolver(() => Account, { nullable: true, description: 'The coordinator who asked for the erasure.' })
  requestedBy(@Root() request: ErasureRequest, @Ctx() ctx: Ctx): Promise<Account | null> {
    return accountById(ctx).load(request.requestedById);
  }
}
