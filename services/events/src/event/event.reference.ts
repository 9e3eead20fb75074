import { isUuid, type SubgraphContext } from '@mitgen/subgraph-kit';
import type { Event } from './event.entity';
import { eventById } from './event.loader';
import { visibleEvent } from './event.resolver';

/** `_entities` for Event: batched, never more than the `event` query would show. */
export const eventReference = {
  async __resolveReference(ref: { id: string }, ctx: SubgraphContext): Promise<Event | null> {
    return isUuid(ref.id) ? visibleEvent(ctx, await eventById(ctx).load(ref.id)) : null;
  },
};
