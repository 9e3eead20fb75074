import { byIdLoader, groupByKey, type SubgraphContext } from '@mitgen/subgraph-kit';
import { In } from 'typeorm';
import { ProgrammeItem } from '../programme/programme.entity';
import type { SeatCounts } from '../registration/capacity';
import { EventSession } from './session.entity';

/** Sessions of many events, in display order: one statement per batch. */
export const sessionsOfEvent = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, EventSession[]>('session.ofEvent', async (eventIds) => {
    const rows = await ctx.ds.getRepository(EventSession).find({ where: { eventId: In([...eventIds]) }, order: { position: 'ASC', id: 'ASC' } });
    return groupByKey(eventIds, rows, (s) => s.eventId);
  });

/** Programme items of many events, in time order: one statement per batch. */
export const programmeOfEvent = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, ProgrammeItem[]>('programme.ofEvent', async (eventIds) => {
    const rows = await ctx.ds.getRepository(ProgrammeItem).find({ where: { eventId: In([...eventIds]) }, order: { startsAt: 'ASC', position: 'ASC' } });
    return groupByKey(eventIds, rows, (p) => p.eventId);
  });

/** Taken seats and waiting people of many events. */
export const eventSeatCounts = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, SeatCounts>('event.seatCounts', async (eventIds) => {
    const rows: { event_id: string; taken: number; waiting: number }[] = await ctx.ds.query(
      `SELECT event_id, count(*) FILTER (WHERE status IN ('CONFIRMED', 'ATTENDED'))::int AS taken, count(*) FILTER (WHERE status = 'WAITLISTED')::int AS waiting
         FROM registration WHERE event_id = ANY($1::uuid[]) GROUP BY event_id`,
      [eventIds],
    );
    const byId = new Map(rows.map((r) => [r.event_id, { taken: r.taken, waiting: r.waiting }]));
    return eventIds.map((id) => byId.get(id) ?? { taken: 0, waiting: 0 });
  });

/** Taken seats and waiting people of many sessions. */
export const sessionSeatCounts = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, SeatCounts>('session.seatCounts', async (sessionIds) => {
    const rows: { session_id: string; taken: number; waiting: number }[] = await ctx.ds.query(
      `SELECT session_id, count(*) FILTER (WHERE status = 'CONFIRMED')::int AS taken, count(*) FILTER (WHERE status = 'WAITLISTED')::int AS waiting
         FROM session_choice WHERE session_id = ANY($1::uuid[]) GROUP BY session_id`,
      [sessionIds],
    );
    const byId = new Map(rows.map((r) => [r.session_id, { taken: r.taken, waiting: r.waiting }]));
    return sessionIds.map((id) => byId.get(id) ?? { taken: 0, waiting: 0 });
  });

/** A session by id (for `SessionChoice.session`). */
export const sessionById = (ctx: SubgraphContext) => byIdLoader(ctx, EventSession);
