import { actsFor, audit, domainError, forbidden, isUuid, notFound, paginate, unauthenticated, type Page } from '@mitgen/subgraph-kit';
import type { EntityManager } from 'typeorm';
import type { EventsContext } from '../context';
import { eventTransaction, lockEvent } from '../registration/capacity';
import { EventPartnerRequest, EventPartnerRequestStatus, EventPartnerRole } from './partner-request.entity';

type Ctx = EventsContext;

const isCoordinator = (ctx: Ctx) => ctx.principal.role === 'COORDINATOR';

/** Partners in the order first named, without repeats. */
const unique = (ids: readonly string[]) => [...new Set(ids)];

/**
 * Asks `partners` to agree to be named in the event in `role`: a pending request each, unless one is
 * pending already or (for the programme) was accepted. Returns the partners newly asked, audited on
 * the event.
 */
async function ask(tx: EntityManager, ctx: Ctx, eventId: string, role: EventPartnerRole, partners: Array<{ id: string; position: number }>, reask: string): Promise<string[]> {
  if (!partners.length) return [];
  const rows: Array<{ partner_id: string }> = await tx.query(
    `INSERT INTO event_partner_request (event_id, partner_id, role, status, position, requested_by, requested_by_partner_id, requested_at)
     SELECT $1, p, $2, 'PENDING', pos, $5, $6, now() FROM unnest($3::uuid[], $4::int[]) AS t(p, pos)
     ON CONFLICT (event_id, partner_id, role) DO UPDATE
       SET status = 'PENDING', position = EXCLUDED.position, requested_by = EXCLUDED.requested_by,
           requested_by_partner_id = EXCLUDED.requested_by_partner_id, requested_at = EXCLUDED.requested_at, decided_by = NULL, decided_at = NULL
       WHERE ${reask}
     RETURNING partner_id`,
    [eventId, role, partners.map((p) => p.id), partners.map((p) => p.position), ctx.principal.subject ?? null, ctx.principal.partnerId ?? null],
  );
  const asked = rows.map((r) => r.partner_id);
  for (const partnerId of asked) {
    await audit(tx, ctx, { entityType: 'Event', entityId: eventId, action: role === EventPartnerRole.ORGANIZER ? 'REQUEST_ORGANIZER' : 'REQUEST_PROGRAMME_PARTNER', changes: { partnerId } });
  }
  return asked;
}

/**
 * The organisers a change may store now. Coordinators set them directly. A partner editor's list
 * keeps its own organisation and those already organising; every other organisation it names
 * becomes a pending request to that organisation (withdrawn when the editor drops it again), and
 * the event shows it only once accepted.
 */
export async function settleOrganizers(tx: EntityManager, ctx: Ctx, eventId: string, wanted: readonly string[], current: readonly string[]): Promise<string[]> {
  const list = unique(wanted);
  const own = ctx.principal.partnerId;
  const now = isCoordinator(ctx) ? list : list.filter((id) => id === own || current.includes(id));
  const others = list.map((id, position) => ({ id, position })).filter((p) => !now.includes(p.id));
  await tx.query(`DELETE FROM event_partner_request WHERE event_id = $1 AND role = 'ORGANIZER' AND status = 'PENDING' AND NOT (partner_id = ANY($2::uuid[]))`, [
    eventId,
    others.map((p) => p.id),
  ]);
  // A partner that accepted, was dropped and is named again is asked again; one that declined too.
  await ask(tx, ctx, eventId, EventPartnerRole.ORGANIZER, others, `event_partner_request.status <> 'PENDING'`);
  return now;
}

/**
 * Partners the programme names besides the organisers: coordinators' choices count as accepted; a
 * partner editor's become pending requests (again after a decline) — until accepted, the programme
 * shows the printed affiliation only, not the organisation.
 */
export async function settleProgrammePartners(tx: EntityManager, ctx: Ctx, eventId: string, named: readonly string[], organizers: readonly string[]): Promise<void> {
  const others = unique(named).filter((id) => !organizers.includes(id));
  await tx.query(`DELETE FROM event_partner_request WHERE event_id = $1 AND role = 'PROGRAMME' AND status = 'PENDING' AND NOT (partner_id = ANY($2::uuid[]))`, [eventId, others]);
  if (!others.length) return;
  if (isCoordinator(ctx)) {
    await tx.query(
      `INSERT INTO event_partner_request (event_id, partner_id, role, status, requested_by, decided_by, decided_at)
       SELECT $1, p, 'PROGRAMME', 'ACCEPTED', $3, $3, now() FROM unnest($2::uuid[]) AS p
       ON CONFLICT (event_id, partner_id, role) DO UPDATE SET status = 'ACCEPTED', decided_by = $3, decided_at = now()
         WHERE event_partner_request.status <> 'ACCEPTED'`,
      [eventId, others, ctx.principal.subject ?? null],
    );
    return;
  }
  await ask(tx, ctx, eventId, EventPartnerRole.PROGRAMME, others.map((id) => ({ id, position: 0 })), `event_partner_request.status = 'DECLINED'`);
}

/** Accepts or declines a pending request (editors of the named organisation, coordinators); audited on the event. */
export async function decideRequest(ctx: Ctx, id: string, accept: boolean): Promise<EventPartnerRequest> {
  const request = isUuid(id) ? await ctx.ds.getRepository(EventPartnerRequest).findOneBy({ id }) : null;
  const { role } = ctx.principal;
  if (!request) throw notFound('Request');
  if (role === 'ANONYMOUS' || role === 'API_CLIENT') throw unauthenticated('Sign in as an editor of the named organisation or as a coordinator');
  if (!actsFor(ctx, request.partnerId)) throw forbidden('Only editors of the named organisation and coordinators decide on this request');
  const to = accept ? EventPartnerRequestStatus.ACCEPTED : EventPartnerRequestStatus.DECLINED;
  return eventTransaction(ctx, request.eventId, async (tx) => {
    await lockEvent(tx, request.eventId);
    const current = await tx.getRepository(EventPartnerRequest).findOneByOrFail({ id });
    if (current.status === to) return current;
    if (current.status !== EventPartnerRequestStatus.PENDING) {
      throw domainError('REQUEST_DECIDED', `This request was ${current.status.toLowerCase()} already; the organisation that asked can ask again`);
    }
    const changes: Record<string, unknown> = { partnerId: current.partnerId };
    if (accept && current.role === EventPartnerRole.ORGANIZER) {
      const before: string[] = (await tx.query('SELECT partner_id FROM event_organizer WHERE event_id = $1 ORDER BY position', [current.eventId])).map((r: { partner_id: string }) => r.partner_id);
      await tx.query(
        `INSERT INTO event_organizer (event_id, partner_id, position)
         VALUES ($1, $2, (SELECT coalesce(max(position) + 1, 0) FROM event_organizer WHERE event_id = $1)) ON CONFLICT DO NOTHING`,
        [current.eventId, current.partnerId],
      );
      // Whoever holds the event's old version must not overwrite the new organiser unawares.
      await tx.query('UPDATE event SET version = version + 1, updated_at = now() WHERE id = $1', [current.eventId]);
      changes.organizerIds = { from: before, to: before.includes(current.partnerId) ? before : [...before, current.partnerId] };
    }
    Object.assign(current, { status: to, decidedBy: ctx.principal.subject ?? null, decidedAt: ctx.clock.now() });
    const saved = await tx.getRepository(EventPartnerRequest).save(current);
    const what = current.role === EventPartnerRole.ORGANIZER ? 'ORGANIZER' : 'PROGRAMME_PARTNER';
    await audit(tx, ctx, { entityType: 'Event', entityId: current.eventId, action: `${accept ? 'ACCEPT' : 'DECLINE'}_${what}`, changes });
    return saved;
  });
}

/** Requests to the caller's organisation (editors) or to anyone (coordinators), newest first. */
export function listRequests(ctx: Ctx, status: EventPartnerRequestStatus | null, page: { first: number; after?: string | null }): Promise<Page<EventPartnerRequest>> {
  const qb = ctx.ds.getRepository(EventPartnerRequest).createQueryBuilder('r');
  if (status) qb.where('r.status = :status', { status });
  if (!isCoordinator(ctx)) qb.andWhere('r.partner_id = :me', { me: ctx.principal.partnerId });
  return paginate(qb, page, [
    { sql: 'r.requested_at', desc: true, cast: 'timestamptz', value: (r) => r.requestedAt.toISOString() },
    { sql: 'r.id', desc: true, cast: 'uuid', value: (r) => r.id },
  ]);
}

/** Requests of many events (for `Event.partnerRequests`), oldest first. */
export const requestsOfEvent = (ctx: Ctx) =>
  ctx.loaders.get<string, EventPartnerRequest[]>('event.partnerRequests', async (eventIds) => {
    const rows = await ctx.ds.getRepository(EventPartnerRequest).createQueryBuilder('r').where('r.event_id = ANY(:ids)', { ids: eventIds }).orderBy('r.requested_at').addOrderBy('r.id').getMany();
    return eventIds.map((id) => rows.filter((r) => r.eventId === id));
  });

/**
 * Partners a programme may show, per event: its organisers and the partners that accepted to be
 * named in it (one statement for all events of a request).
 */
export const programmePartnersShown = (ctx: Ctx) =>
  ctx.loaders.get<string, Set<string>>('event.programmePartners', async (eventIds) => {
    const rows: Array<{ event_id: string; partner_id: string }> = await ctx.ds.query(
      `SELECT event_id, partner_id FROM event_organizer WHERE event_id = ANY($1::uuid[])
       UNION SELECT event_id, partner_id FROM event_partner_request WHERE event_id = ANY($1::uuid[]) AND role = 'PROGRAMME' AND status = 'ACCEPTED'`,
      [eventIds],
    );
    return eventIds.map((id) => new Set(rows.filter((r) => r.event_id === id).map((r) => r.partner_id)));
  });
