import { badInput, Connection, isUuid, PageArgs, type SubgraphContext } from '@mitgen/subgraph-kit';
import { Arg, Args, Ctx, FieldResolver, ID, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Partner } from '../partner/partner.stub';
import { Topic } from '../topic/topic.stub';
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

  @FieldResolver(() => [Partner], { description: 'Partner organisations organising the event.' })
  async organizers(@Root() event: Event, @Ctx() ctx: SubgraphContext): Promise<Partner[]> {
    const ids = await organizerIdsOf(ctx).load(event.id);
    return ids.map((id) => Object.assign(new Partner(), { id }));
  }

  @FieldResolver(() => [Topic], { description: 'Topic areas of the event.' })
  topics(@Root() event: Event): Topic[] {
    return event.topicSlugs.map((slug) => Object.assign(new Topic(), { slug }));
  }
}
