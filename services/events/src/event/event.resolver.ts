import {
  AuditEntryConnection,
  auditLog,
  badInput,
  Connection,
  isUuid,
  LANGUAGE_ARGUMENT_DESCRIPTION,
  PageArgs,
  PublicationResolver,
  TIME_ZONE,
  useLanguageArgument,
  type SubgraphContext,
} from '@mitgen/subgraph-kit';
import { Arg, Args, Authorized, Ctx, Directive, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { EventsContext } from '../context';
import { EventPartnerRequest } from '../partner-request/partner-request.entity';
import { requestsOfEvent } from '../partner-request/partner-request.service';
import { ProgrammeItem } from '../programme/programme.entity';
import { PartnerRef } from '../partner/partner.reference';
import { RegionRef } from '../region/region.reference';
import { ResourceRef } from '../resource/resource.reference';
import { TopicRef } from '../topic/topic.reference';
import { EventSession } from '../session/session.entity';
import { programmeOfEvent, sessionsOfEvent } from '../session/session.loader';
import { berlinLocalIso } from '../time';
import { assertOrganiser, isOrganiser } from './event.access';
import { Event } from './event.entity';
import { CreateEventInput, EventFilter, UpdateEventInput } from './event.input';
import { eventById, organizerIdsOf } from './event.loader';
import { archiveEvent, cancelEvent, canSeeEvent, createEvent, listEvents, publishEvent, updateEvent } from './event.service';

type Ctx = EventsContext;

@Directive('@cacheControl(inheritMaxAge: true)')
@ObjectType({ description: 'A page of events.' })
export class EventConnection extends Connection(Event) {}

/** The event if the caller may see it, else null. */
export async function visibleEvent(ctx: SubgraphContext, event: Event | null): Promise<Event | null> {
  if (!event) return null;
  return canSeeEvent(ctx, event, await organizerIdsOf(ctx).load(event.id)) ? event : null;
}

@Resolver(() => Event)
export class EventResolver extends PublicationResolver(Event, {
  idDescription: 'Id of the event.',
  publish: { description: 'Publishes an event: it becomes public and takes registrations within its window.', run: publishEvent },
  archive: { description: 'Archives an event: hidden from public lists and feeds.', run: archiveEvent },
}) {
  @Directive('@cacheControl(maxAge: 60)')
  @Query(() => EventConnection, {
    description: 'Events, filtered and paged. Without a status filter: published and cancelled events (drafts and archived ones only for their organisers and coordinators, on request).',
  })
  events(
    @Arg('filter', () => EventFilter, { nullable: true, description: 'Conditions the events must meet.' }) filter: EventFilter | null,
    @Args() page: PageArgs,
    @Arg('language', () => String, { nullable: true, description: LANGUAGE_ARGUMENT_DESCRIPTION }) language: string | null,
    @Ctx() ctx: Ctx,
  ) {
    useLanguageArgument(ctx, language);
    return listEvents(ctx, filter ?? {}, page);
  }

  @Directive('@cacheControl(maxAge: 60)')
  @Query(() => Event, { nullable: true, description: 'One event by `id` or `slug` (give one of them); null when there is none you may see.' })
  async event(
    @Arg('id', () => ID, { nullable: true, description: 'Id of the event.' }) id: string | null,
    @Arg('slug', () => String, { nullable: true, description: 'Slug of the event, e.g. `fachtag-2019`.' }) slug: string | null,
    @Arg('language', () => String, { nullable: true, description: LANGUAGE_ARGUMENT_DESCRIPTION }) language: string | null,
    @Ctx() ctx: Ctx,
  ): Promise<Event | null> {
    useLanguageArgument(ctx, language);
    if (!id === !slug) throw badInput('give either id or slug', id ? 'slug' : 'id');
    const event = id ? (isUuid(id) ? await eventById(ctx).load(id) : null) : await ctx.ds.getRepository(Event).findOneBy({ slug: slug! });
    return visibleEvent(ctx, event);
  }

  @FieldResolver(() => [PartnerRef], {
    nullable: 'items',
    description:
      'Partner organisations organising the event. An entry is null where the partners service does not show that partner (e.g. it was taken back to a draft); archived partners still show.',
  })
  async organizers(@Root() event: Event, @Ctx() ctx: Ctx): Promise<PartnerRef[]> {
    const ids = await organizerIdsOf(ctx).load(event.id);
    return ids.map((id) => PartnerRef.of(id));
  }

  @FieldResolver(() => [TopicRef], { description: 'Topic areas of the event.' })
  topics(@Root() event: Event): TopicRef[] {
    return event.topicSlugs.map(TopicRef.of);
  }

  @FieldResolver(() => RegionRef, { nullable: true, description: 'Region (district) the event takes place in; null for online-only events.' })
  region(@Root() event: Event): RegionRef | null {
    return event.regionCode ? RegionRef.of(event.regionCode) : null;
  }

  @FieldResolver(() => String, { description: 'Start as wall-clock time in Europe/Berlin, ISO 8601 without offset (e.g. `2019-09-12T10:00:00`).' })
  startsAtLocal(@Root() event: Event): string {
    return berlinLocalIso(event.startsAt);
  }

  @FieldResolver(() => String, { description: 'End as wall-clock time in Europe/Berlin, ISO 8601 without offset.' })
  endsAtLocal(@Root() event: Event): string {
    return berlinLocalIso(event.endsAt);
  }

  @FieldResolver(() => String, { description: 'Time zone of the local times: always `Europe/Berlin`.' })
  timeZone(): string {
    return TIME_ZONE;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'Link to the online room: only for coordinators and organisers (participants find it in their mail and via `registration(token)`); null for everyone else.',
  })
  async onlineUrl(@Root() event: Event, @Ctx() ctx: Ctx): Promise<string | null> {
    if (!event.onlineUrl) return null;
    return isOrganiser(ctx, await organizerIdsOf(ctx).load(event.id)) ? event.onlineUrl : null;
  }

  @FieldResolver(() => [ProgrammeItem], { description: 'The programme, in time order (at most 100 items).' })
  programme(@Root() event: Event, @Ctx() ctx: Ctx): Promise<ProgrammeItem[]> {
    return programmeOfEvent(ctx).load(event.id);
  }

  @FieldResolver(() => [EventSession], { description: 'Sessions with their own seats (e.g. theme tables) that people choose when registering (at most 50).' })
  sessions(@Root() event: Event, @Ctx() ctx: Ctx): Promise<EventSession[]> {
    return sessionsOfEvent(ctx).load(event.id);
  }

  @FieldResolver(() => [ResourceRef], {
    nullable: 'items',
    description: 'Documentation from the resource pool: programme, slides, photos (entries are null where a resource is not, or no longer, public).',
  })
  documentation(@Root() event: Event): ResourceRef[] {
    return event.documentationResourceIds.map((id) => ResourceRef.of(id));
  }

  @Directive('@cacheControl(maxAge: 0, scope: PRIVATE)')
  @FieldResolver(() => [EventPartnerRequest], {
    nullable: true,
    description: 'Organisations this event names as co-organiser or in the programme, with whether they agreed (coordinators and organisers only).',
  })
  async partnerRequests(@Root() event: Event, @Ctx() ctx: Ctx): Promise<EventPartnerRequest[]> {
    assertOrganiser(ctx, await organizerIdsOf(ctx).load(event.id));
    return requestsOfEvent(ctx).load(event.id);
  }

  @FieldResolver(() => AuditEntryConnection, { nullable: true, description: 'Who changed the event when, newest first (coordinators and organisers only).' })
  async auditLog(@Root() event: Event, @Args() page: PageArgs, @Ctx() ctx: Ctx) {
    assertOrganiser(ctx, await organizerIdsOf(ctx).load(event.id));
    return auditLog(ctx, 'Event', event.id, page);
  }

  @Authorized()
  @Mutation(() => Event, { description: "Creates an event as a draft (coordinators; partner editors for their own organisation's events)." })
  createEvent(@Arg('input', () => CreateEventInput, { description: 'The new event.' }) input: CreateEventInput, @Ctx() ctx: Ctx) {
    return createEvent(ctx, input);
  }

  @Authorized()
  @Mutation(() => Event, { description: 'Changes an event (coordinators and editors of an organising partner). Send the `version` you read; CONFLICT if it changed since.' })
  updateEvent(
    @Arg('id', () => ID, { description: 'Id of the event.' }) id: string,
    @Arg('input', () => UpdateEventInput, { description: 'The changes.' }) input: UpdateEventInput,
    @Ctx() ctx: Ctx,
  ) {
    return updateEvent(ctx, id, input);
  }

  @Authorized()
  @Mutation(() => Event, { description: 'Calls a published event off: registration closes and everyone registered (confirmed or waiting) gets a mail.' })
  cancelEvent(
    @Arg('id', () => ID, { description: 'Id of the event.' }) id: string,
    @Arg('reason', () => String, { nullable: true, description: 'Why, in a sentence; quoted in the mail and shown publicly.' }) reason: string | null,
    @Ctx() ctx: Ctx,
  ) {
    if (reason && reason.length > 1000) throw badInput('reason must be at most 1000 characters long', 'reason');
    return cancelEvent(ctx, id, reason);
  }
}
