import type { SubgraphContext } from '@mitgen/subgraph-kit';
import { Ctx, Directive, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { berlinLocalIso } from '../time';
import { EventSession } from './session.entity';
import { sessionSeatCounts } from './session.loader';

@Resolver(() => EventSession)
export class EventSessionResolver {
  @FieldResolver(() => String, { nullable: true, description: 'Start as wall-clock time in Europe/Berlin (ISO 8601 without offset).' })
  startsAtLocal(@Root() s: EventSession): string | null {
    return s.startsAt ? berlinLocalIso(s.startsAt) : null;
  }

  @FieldResolver(() => String, { nullable: true, description: 'End as wall-clock time in Europe/Berlin.' })
  endsAtLocal(@Root() s: EventSession): string | null {
    return s.endsAt ? berlinLocalIso(s.endsAt) : null;
  }

  @Directive('@cacheControl(maxAge: 10)')
  @FieldResolver(() => Int, { nullable: true, description: 'Seats still free in this session; null when unlimited.' })
  async seatsLeft(@Root() s: EventSession, @Ctx() ctx: SubgraphContext): Promise<number | null> {
    if (s.capacity === null) return null;
    const { taken } = await sessionSeatCounts(ctx).load(s.id);
    return Math.max(0, s.capacity - taken);
  }

  @Directive('@cacheControl(maxAge: 10)')
  @FieldResolver(() => Int, { description: 'People on the waiting list of this session.' })
  async waitlistCount(@Root() s: EventSession, @Ctx() ctx: SubgraphContext): Promise<number> {
    return (await sessionSeatCounts(ctx).load(s.id)).waiting;
  }
}
