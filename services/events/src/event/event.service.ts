import { actsFor, paginate, type Page, type SubgraphContext } from '@mitgen/subgraph-kit';
import { Event } from './event.entity';
import type { EventFilter } from './event.input';
import { eventOrder, PUBLIC_EVENT_STATUSES } from './event.loader';

/** One page of public events. */
export async function listEvents(
  ctx: SubgraphContext,
  filter: EventFilter = {},
  page: { first: number; after?: string | null },
): Promise<Page<Event>> {
  const qb = ctx.ds.getRepository(Event).createQueryBuilder('e').where('e.status IN (:...statuses)', { statuses: PUBLIC_EVENT_STATUSES });
  if (filter.upcoming) qb.andWhere('e.ends_at >= now()');
  if (filter.topic) qb.andWhere(':topic = ANY(e.topic_slugs)', { topic: filter.topic });
  if (filter.region) qb.andWhere('e.region_code = :region', { region: filter.region });
  if (filter.kind) qb.andWhere('e.kind = :kind', { kind: filter.kind });
  const [start, id] = eventOrder(filter.upcoming);
  return paginate(qb, page, [
    { ...start, value: (e) => e.startsAt },
    { ...id, value: (e) => e.id },
  ]);
}

/** True when the caller may see the event (public, or organised by their organisation, or a coordinator). */
export function canSeeEvent(ctx: SubgraphContext, event: Event, organizerIds: string[]): boolean {
  return PUBLIC_EVENT_STATUSES.includes(event.status) || organizerIds.some((id) => actsFor(ctx, id));
}
