import { badInput, Connection, isUuid, PageArgs, type SubgraphContext } from '@mitgen/subgraph-kit';
import { PartnerRef, TopicRef } from '../references';
import { Arg, Args, Ctx, FieldResolver, ID, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Event } from './event.entity';
import { EventFilter } from './event.input';
import { eventById, organizerIdsOf } from './event.loader';
import { canSeeEvent, listEvents } from './event.service';

@ObjectType({ description: 'A page of events.' })
export class EventConnection extends Connection(Event) {}

/** The event if the caller may see it, else null. */
export async function visibleEvent(ctx: SubgraphContext, event: Event | null): Promise<Event | null> {
  if (!event) return null;
  return canSeeEvent(ctx, event, await organizerIdsOf(ctx).load(event.id)) ? event : null;
}

@Resolver(() => Event)
export class EventResolver {
  @Query(() => EventConnection, { description: 'Public events (published or cancelled), filtered and paged.' })
  events(
    @Arg('filter', () => EventFilter, { nullable: true, description: 'Conditions the events must meet.' }) filter: EventFilter | null,
    @Args() page: PageArgs,
    @Ctx() ctx: SubgraphContext,
  ) {
    return listEvents(ctx, filter ?? {}, page);
  }

  @Query(() => Event, { nullable: true, description: 'One event by `id` or `slug` (give one of them); null when there is none you may see.' })
  async event(
    @Arg('id', () => ID, { nullable: true, description: 'Id of the event.' }) id: string | null,
    @Arg('slug', () => String, { nullable: true, description: 'Slug of the event, e.g. `fachtag-2019`.' }) slug: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Event | null> {
    if (!id === !slug) throw badInput('give either id or slug', id ? 'slug' : 'id');
    const event = id ? (isUuid(id) ? await eventById(ctx).load(id) : null) : await ctx.ds.getRepository(Event).findOneBy({ slug: slug! });
    return visibleEvent(ctx, event);
  }

  @FieldResolver(() => [PartnerRef], { description: 'Partner organisations organising the event.' })
  async organizers(@Root() event: Event, @Ctx() ctx: SubgraphContext): Promise<PartnerRef[]> {
    const ids = await organizerIdsOf(ctx).load(event.id);
    return ids.map((id) => PartnerRef.of(id));
  }

  @FieldResolver(() => [TopicRef], { description: 'Topic areas of the event.' })
  topics(@Root() event: Event): TopicRef[] {
    return event.topicSlugs.map(TopicRef.of);
  }
}
