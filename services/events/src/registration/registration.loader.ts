import { byIdLoader, germanContainsPattern, groupByKey, groupedEntityPages, type Page, type SubgraphContext } from '@mitgen/subgraph-kit';
import type { ChoiceStatus } from '../session/session.entity';
import { Registration } from './registration.entity';
import type { RegistrationFilter } from './registration.input';

/** Registrations by id, one statement per batch. */
export const registrationById = (ctx: SubgraphContext) => byIdLoader(ctx, Registration);

/** Current place on the event's waiting list (1 = next to move up) of many registrations; null when not waiting. */
export const waitlistPositionOf = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, number | null>('registration.waitlistPosition', async (ids) => {
    const rows: { id: string; place: number }[] = await ctx.ds.query(
      `SELECT id, place FROM (
         SELECT w.id, row_number() OVER (PARTITION BY w.event_id ORDER BY w.queue_seq)::int AS place
           FROM registration w
          WHERE w.status = 'WAITLISTED' AND w.event_id IN (SELECT event_id FROM registration WHERE id = ANY($1::uuid[]))
       ) ranked WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    const byId = new Map(rows.map((r) => [r.id, r.place]));
    return ids.map((id) => byId.get(id) ?? null);
  });

export interface ChoiceRow {
  registrationId: string;
  sessionId: string;
  status: ChoiceStatus;
  waitlistPosition: number | null;
}

/** Chosen sessions of many registrations with their seat state and place on each session's waiting list. */
export const choicesOf = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, ChoiceRow[]>('registration.choices', async (ids) => {
    const rows: { registration_id: string; session_id: string; status: ChoiceStatus; place: number | null }[] = await ctx.ds.query(
      `SELECT c.registration_id, c.session_id, c.status, q.place
         FROM session_choice c
         JOIN event_session s ON s.id = c.session_id
         LEFT JOIN (
           SELECT registration_id, session_id, row_number() OVER (PARTITION BY session_id ORDER BY queue_seq)::int AS place
             FROM session_choice
            WHERE status = 'WAITLISTED' AND session_id IN (SELECT session_id FROM session_choice WHERE registration_id = ANY($1::uuid[]))
         ) q ON q.registration_id = c.registration_id AND q.session_id = c.session_id
        WHERE c.registration_id = ANY($1::uuid[])
        ORDER BY s.position, s.id`,
      [ids],
    );
    return groupByKey(
      ids,
      rows.map((r) => ({ registrationId: r.registration_id, sessionId: r.session_id, status: r.status, waitlistPosition: r.place })),
      (r) => r.registrationId,
    );
  });

export type RegistrationPageArgs = { first: number; after?: string | null; filter?: RegistrationFilter | null };

/** The SQL condition of a registration filter, with `$n` placeholders starting at `offset`. */
function filterSql(filter: RegistrationFilter | null | undefined, offset: number): { where: string; params: unknown[] } {
  const conditions: string[] = [];
  const params: unknown[] = [];
  const p = (v: unknown) => {
    params.push(v);
    return `$${offset + params.length}`;
  };
  if (filter?.status?.length) conditions.push(`r.status = ANY(${p(filter.status)}::text[])`);
  if (filter?.sessionId) conditions.push(`EXISTS (SELECT 1 FROM session_choice c WHERE c.registration_id = r.id AND c.session_id = ${p(filter.sessionId)}::uuid)`);
  if (filter?.search?.trim()) {
    // Folded on both sides (kit, German rule): "Mueller" finds "Müller" and the other way round.
    const like = p(germanContainsPattern(filter.search));
    conditions.push(`(german_fold(r.name) LIKE ${like} OR german_fold(r.email) LIKE ${like} OR german_fold(r.organisation) LIKE ${like})`);
  }
  if (filter?.hasNeeds === true) conditions.push(`r.needs <> '{}'::jsonb`);
  if (filter?.hasNeeds === false) conditions.push(`r.needs = '{}'::jsonb`);
  return { where: conditions.join(' AND ') || 'true', params };
}

/** Registrations of many events at once, in registration order (`Event.registrations`). */
export const registrationsOfEvent = (ctx: SubgraphContext, args: RegistrationPageArgs) =>
  ctx.loaders.get<string, Page<Registration>>(`registration.ofEvent:${JSON.stringify([args.first, args.after ?? null, args.filter ?? null])}`, (eventIds) => {
    const { where, params } = filterSql(args.filter, 0);
    return groupedEntityPages(
      ctx.ds,
      {
        from: 'registration r',
        group: 'r.event_id',
        groupType: 'uuid',
        id: 'r.id',
        where,
        params,
        // The queue number is unique and follows the order in which people registered (exact, unlike
        // created_at, whose microseconds a JSON cursor would lose).
        sort: [{ sql: 'r.queue_seq', cast: 'bigint' }],
      },
      eventIds,
      args,
      registrationById(ctx),
    );
  });
