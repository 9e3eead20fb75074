import { byIdLoader, groupByKey, groupedEntityPages, type Page, type SubgraphContext } from '@mitgen/subgraph-kit';
import { Event } from './event.entity';

/** Statuses the public may see. */
export const PUBLIC_EVENT_STATUSES = ['PUBLISHED', 'CANCELLED'];

/** Events by id, one statement per batch. */
export const eventById = (ctx: SubgraphContext) => byIdLoader(ctx, Event);

/** Organising partner ids of many events, in their display order. */
export const organizerIdsOf = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, string[]>('event.organizers', async (eventIds) => {
    const rows: { event_id: string; partner_id: string }[] = await ctx.ds.query(
      'SELECT event_id, partner_id FROM event_organizer WHERE event_id = ANY($1::uuid[]) ORDER BY position, partner_id',
      [eventIds],
    );
    return groupByKey(eventIds, rows, (r) => r.event_id).map((g) => g.map((r) => r.partner_id));
  });

export type EventPageArgs = { first: number; after?: string | null; upcoming?: boolean | null };

/** Upcoming events soonest first; otherwise all events, newest first. */
export function eventOrder(upcoming: boolean | null | undefined) {
  return upcoming
    ? [{ sql: 'e.starts_at', cast: 'timestamptz' }, { sql: 'e.id', cast: 'uuid' }]
    : [{ sql: 'e.starts_at', desc: true, cast: 'timestamptz' }, { sql: 'e.id', desc: true, cast: 'uuid' }];
}

function pagesOf(ctx: SubgraphContext, groups: readonly string[], args: EventPageArgs, from: string, group: string, groupType: string) {
  const where = `e.status = ANY($1::text[])${args.upcoming ? ' AND e.ends_at >= now()' : ''}`;
  const q = { from, group, groupType, id: 'e.id', where, params: [PUBLIC_EVENT_STATUSES], sort: eventOrder(args.upcoming) };
  return groupedEntityPages(ctx.ds, q, groups, args, eventById(ctx));
}

/** Public events organised by many partners at once (`Partner.events`). */
export const eventsOfPartner = (ctx: SubgraphContext, args: EventPageArgs) =>
  ctx.loaders.get<string, Page<Event>>(`event.ofPartner:${args.first}:${args.after ?? ''}:${!!args.upcoming}`, (ids) =>
    pagesOf(ctx, ids, args, 'event e JOIN event_organizer o ON o.event_id = e.id', 'o.partner_id', 'uuid'),
  );

/** Upcoming public events of many topics at once (`Topic.upcomingEvents`). */
export const upcomingEventsOfTopic = (ctx: SubgraphContext, args: { first: number; after?: string | null }) =>
  ctx.loaders.get<string, Page<Event>>(`event.ofTopic:${args.first}:${args.after ?? ''}`, (slugs) =>
    pagesOf(ctx, slugs, { ...args, upcoming: true }, 'event e CROSS JOIN LATERAL unnest(e.topic_slugs) AS t(slug)', 't.slug', 'text'),
  );
