import { actsFor, badInput, forbidden, type SubgraphContext } from '@mitgen/subgraph-kit';
import type { EntityManager } from 'typeorm';
import { auditProfilePart } from '../common/audit';
import { assertVersion, lockById } from '../common/record';
import { isUniqueViolation } from '../common/slug';
import { Partner } from '../partner/partner.entity';
import { canSee } from '../partner/partner.service';
import { Cooperation } from './cooperation.entity';
import type { CreateCooperationInput, UpdateCooperationInput } from './cooperation.input';
import { seenFrom } from './cooperation.loader';

/**
 * True when the caller may see the cooperation: both partners must be visible to the caller, and an
 * unconfirmed one only to coordinators and editors of the two partners.
 */
export function canSeeCooperation(ctx: SubgraphContext, a: Partner | null, b: Partner | null, coop?: Pick<Cooperation, 'confirmedAt'>): boolean {
  if (coop && !coop.confirmedAt && !(a && actsFor(ctx, a.id)) && !(b && actsFor(ctx, b.id))) return false;
  return !!a && !!b && canSee(ctx, a) && canSee(ctx, b);
}

function assertActsForEither(ctx: SubgraphContext, coop: Pick<Cooperation, 'partnerAId' | 'partnerBId'>): void {
  if (!actsFor(ctx, coop.partnerAId) && !actsFor(ctx, coop.partnerBId)) throw forbidden('You may only change cooperations of your own organisation');
}

const snapshot = (c: Cooperation) => ({ partners: [c.partnerAId, c.partnerBId], since: c.since, description: c.description, confirmed: c.confirmedAt !== null });

/** Writes the change into the audit log of both partners. */
async function auditBoth(tx: EntityManager, ctx: SubgraphContext, c: Cooperation, verb: 'CREATE' | 'UPDATE' | 'DELETE', before: object | null, after: object | null) {
  for (const partnerId of [c.partnerAId, c.partnerBId]) {
    await auditProfilePart(tx, ctx, partnerId, 'cooperation', { id: c.id, verb, before, after });
  }
}

/**
 * Records a cooperation between two partners (coordinators; editors with their own organisation as
 * `partnerId`). An editor's cooperation names another organisation: it is a request that waits for
 * that organisation's editors (or a coordinator) to confirm it, and stays hidden from the public until then.
 */
export async function createCooperation(ctx: SubgraphContext, input: CreateCooperationInput): Promise<Cooperation> {
  if (input.partnerId === input.otherPartnerId) throw badInput('a partner cannot cooperate with itself', 'otherPartnerId');
  const [partnerAId, partnerBId] = [input.partnerId, input.otherPartnerId].sort();
  if (!actsFor(ctx, input.partnerId)) {
    throw forbidden('You may only record cooperations of your own organisation (give it as partnerId)');
  }
  try {
    return await ctx.ds.transaction(async (tx) => {
      const found = await tx.getRepository(Partner).countBy([{ id: input.partnerId }, { id: input.otherPartnerId }]);
      if (found < 2) {
        const own = await tx.getRepository(Partner).existsBy({ id: input.partnerId });
        throw badInput('no partner has this id', own ? 'otherPartnerId' : 'partnerId');
      }
      if (await tx.getRepository(Cooperation).existsBy({ partnerAId, partnerBId })) {
        throw badInput('these partners have a cooperation already; change that one', 'otherPartnerId');
      }
      const coop = tx.getRepository(Cooperation).create({
        partnerAId,
        partnerBId,
        since: input.since ?? null,
        description: input.description?.trim() ?? '',
        confirmedAt: ctx.principal.role === 'COORDINATOR' ? ctx.clock.now() : null,
        requestedByPartnerId: ctx.principal.role === 'COORDINATOR' ? null : input.partnerId,
      });
      await tx.getRepository(Cooperation).save(coop);
      await auditBoth(tx, ctx, coop, 'CREATE', null, snapshot(coop));
      return seenFrom(coop, input.partnerId);
    });
  } catch (error) {
    // Two requests recording the same pair at once: the second one loses like the check above.
    if (isUniqueViolation(error)) throw badInput('these partners have a cooperation already; change that one', 'otherPartnerId');
    throw error;
  }
}

async function lockOwned(tx: EntityManager, ctx: SubgraphContext, id: string): Promise<Cooperation> {
  const coop = await lockById(tx, Cooperation, id, 'Cooperation');
  assertActsForEither(ctx, coop);
  return coop;
}

/** Changes start date or description of a cooperation; `input.version` must be the current one. */
export async function updateCooperation(ctx: SubgraphContext, id: string, input: UpdateCooperationInput): Promise<Cooperation> {
  return ctx.ds.transaction(async (tx) => {
    const coop = await lockOwned(tx, ctx, id);
    assertVersion(coop, input.version, 'The cooperation');
    const before = snapshot(coop);
    if (input.since !== undefined) coop.since = input.since ?? null;
    if (input.description !== undefined) coop.description = input.description?.trim() ?? '';
    await tx.getRepository(Cooperation).save(coop);
    await auditBoth(tx, ctx, coop, 'UPDATE', before, snapshot(coop));
    const own = ctx.principal.partnerId;
    return seenFrom(coop, own === coop.partnerBId ? coop.partnerBId : coop.partnerAId);
  });
}

/**
 * Confirms a cooperation another organisation recorded with yours (editors of the partner that did
 * not record it; coordinators). Audited for both partners. Declining is deleting it.
 */
export async function confirmCooperation(ctx: SubgraphContext, id: string): Promise<Cooperation> {
  return ctx.ds.transaction(async (tx) => {
    const coop = await lockById(tx, Cooperation, id, 'Cooperation');
    const asked = coop.requestedByPartnerId === coop.partnerAId ? coop.partnerBId : coop.partnerAId;
    if (!actsFor(ctx, asked)) {
      throw forbidden(coop.requestedByPartnerId && actsFor(ctx, coop.requestedByPartnerId) ? 'The other partner confirms this cooperation, not the one that recorded it' : 'You may only confirm cooperations with your own organisation');
    }
    const viewpoint = ctx.principal.partnerId === coop.partnerBId ? coop.partnerBId : coop.partnerAId;
    if (coop.confirmedAt) return seenFrom(coop, viewpoint);
    const before = snapshot(coop);
    coop.confirmedAt = ctx.clock.now();
    await tx.getRepository(Cooperation).save(coop);
    await auditBoth(tx, ctx, coop, 'UPDATE', before, snapshot(coop));
    return seenFrom(coop, viewpoint);
  });
}

/** Ends (deletes) a cooperation (coordinators; editors of either partner). */
export async function deleteCooperation(ctx: SubgraphContext, id: string): Promise<boolean> {
  return ctx.ds.transaction(async (tx) => {
    const coop = await lockOwned(tx, ctx, id);
    await tx.getRepository(Cooperation).delete({ id: coop.id });
    await auditBoth(tx, ctx, coop, 'DELETE', snapshot(coop), null);
    return true;
  });
}
