import { badInput, PageArgs, touchCacheTag, useLanguageArgument } from '@mitgen/subgraph-kit';
import { Arg, Args, ArgsType, Authorized, Ctx, Directive, Field, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { assertOrganiser } from '../event/event.access';
import { Event, EventStatus } from '../event/event.entity';
import { eventById, organizerIdsOf } from '../event/event.loader';
import { attendeeCsvOf, registrationStatsOf } from '../export/attendees';
import { DOWNLOAD_MINUTES } from '../export/download';
import { attendeeFileName } from '../export/download.route';
import { AttendeeListDownload } from '../export/download.types';
import type { EventsContext } from '../context';
import { RegionRef } from '../region/region.reference';
import { eventSeatCounts, sessionById } from '../session/session.loader';
import { seatFor } from './capacity';
import { choicesOf, registrationsOfEvent, waitlistPositionOf } from './registration.loader';
import { Registration, RegistrationStatus } from './registration.entity';
import { RegisterForEventInput, RegistrationFilter } from './registration.input';
import { cancelRegistration, changeSessions, checkIn, registerForEvent, registrationByToken } from './registration.service';
import { NeedsView, OrganisationCount, RegionCount, RegistrationConnection, RegistrationState, RegistrationStatsView, SessionChoice } from './registration.types';

type Ctx = EventsContext;

/** A registration changes its event's seats and waiting list: gateways drop cached answers with the event. */
async function seatsChanged(registration: Promise<Registration>): Promise<Registration> {
  const r = await registration;
  touchCacheTag('Event', r.eventId);
  return r;
}

@ArgsType()
class RegistrationsArgs extends PageArgs {
  @Field(() => RegistrationFilter, { nullable: true, description: 'Conditions the registrations must meet.' })
  filter?: RegistrationFilter | null;
}

/** Personal details: for the person (manage token) and the organisers only. */
export const personal = (r: Registration) => r.access === 'owner' || r.access === 'organiser';

/** Registration fields of `Event`: seats, state, and the organisers' lists and exports. */
@Resolver(() => Event)
export class EventRegistrationFieldsResolver {
  @Directive('@cacheControl(maxAge: 10)')
  @FieldResolver(() => Int, { nullable: true, description: 'Seats still free; null when the event has no seat limit.' })
  async seatsLeft(@Root() event: Event, @Ctx() ctx: Ctx): Promise<number | null> {
    if (event.capacity === null) return null;
    const { taken } = await eventSeatCounts(ctx).load(event.id);
    return Math.max(0, event.capacity - taken);
  }

  @Directive('@cacheControl(maxAge: 10)')
  @FieldResolver(() => Int, { description: 'People on the waiting list.' })
  async waitlistCount(@Root() event: Event, @Ctx() ctx: Ctx): Promise<number> {
    return (await eventSeatCounts(ctx).load(event.id)).waiting;
  }

  @Directive('@cacheControl(maxAge: 10)')
  @FieldResolver(() => RegistrationState, { description: 'Whether people can register right now, and what they get (a seat or a waiting place).' })
  async registrationState(@Root() event: Event, @Ctx() ctx: Ctx): Promise<RegistrationState> {
    if (event.status === EventStatus.CANCELLED) return RegistrationState.CANCELLED;
    if (event.status !== EventStatus.PUBLISHED) return RegistrationState.NOT_PUBLISHED;
    const now = ctx.clock.now();
    if (event.registrationOpensAt && now < event.registrationOpensAt) return RegistrationState.NOT_OPEN_YET;
    if (now >= (event.registrationClosesAt ?? event.startsAt)) return RegistrationState.CLOSED;
    if (event.capacity === null) return RegistrationState.OPEN;
    const seat = seatFor(event.capacity, event.waitlistEnabled, await eventSeatCounts(ctx).load(event.id));
    if (!seat) return RegistrationState.FULL;
    return seat.waitlistPosition === null ? RegistrationState.OPEN : RegistrationState.WAITLIST;
  }

  @FieldResolver(() => RegistrationConnection, { nullable: true, description: 'Registrations, in the order people registered (coordinators and editors of an organising partner only).' })
  async registrations(@Root() event: Event, @Args() args: RegistrationsArgs, @Ctx() ctx: Ctx) {
    assertOrganiser(ctx, await organizerIdsOf(ctx).load(event.id));
    const page = await registrationsOfEvent(ctx, args).load(event.id);
    for (const r of page.nodes) r.access = 'organiser';
    return page;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      'Attendee list as CSV text (UTF-8 with byte-order mark, semicolons, one row per person, needs included) for spreadsheet programs; coordinators and organisers only. To download it as a file, ask for `attendeeListDownload { url }` instead.',
  })
  async attendeeListCsv(
    @Root() event: Event,
    @Arg('status', () => [RegistrationStatus], { nullable: true, description: 'Registrations in these states (default: confirmed, attended and waitlisted).' })
    status: RegistrationStatus[] | null,
    @Ctx() ctx: Ctx,
  ): Promise<string> {
    assertOrganiser(ctx, await organizerIdsOf(ctx).load(event.id));
    const statuses = status?.length ? status : [RegistrationStatus.CONFIRMED, RegistrationStatus.ATTENDED, RegistrationStatus.WAITLISTED];
    return attendeeCsvOf(ctx, statuses).load(event.id);
  }

  @Directive('@cacheControl(maxAge: 0, scope: PRIVATE)')
  @FieldResolver(() => AttendeeListDownload, {
    nullable: true,
    description: `The attendee list as a CSV file to download: a signed link that works for ${DOWNLOAD_MINUTES} minutes (coordinators and organisers only). Same content as \`attendeeListCsv\`.`,
  })
  async attendeeListDownload(
    @Root() event: Event,
    @Arg('status', () => [RegistrationStatus], { nullable: true, description: 'Registrations in these states (default: confirmed, attended and waitlisted).' })
    status: RegistrationStatus[] | null,
    @Ctx() ctx: Ctx,
  ): Promise<AttendeeListDownload> {
    assertOrganiser(ctx, await organizerIdsOf(ctx).load(event.id));
    const statuses = status?.length ? [...new Set(status)] : [RegistrationStatus.CONFIRMED, RegistrationStatus.ATTENDED, RegistrationStatus.WAITLISTED];
    const expiresAt = new Date(ctx.clock.now().getTime() + DOWNLOAD_MINUTES * 60_000);
    const token = await ctx.services.downloads.sign({ eventId: event.id, statuses, expiresAt });
    return { url: ctx.services.links.attendeeList(token), expiresAt, filename: attendeeFileName(event.slug) };
  }

  @FieldResolver(() => RegistrationStatsView, { nullable: true, description: 'Counts for funders: registrations, attendance, by organisation and region (coordinators and organisers only).' })
  async registrationStats(@Root() event: Event, @Ctx() ctx: Ctx): Promise<RegistrationStatsView> {
    assertOrganiser(ctx, await organizerIdsOf(ctx).load(event.id));
    const stats = await registrationStatsOf(ctx).load(event.id);
    return {
      ...stats,
      byOrganisation: stats.byOrganisation.map((g): OrganisationCount => ({ organisation: g.key, registrations: g.registrations, attended: g.attended })),
      byRegion: stats.byRegion.map((g): RegionCount => ({ region: g.key ? RegionRef.of(g.key) : null, registrations: g.registrations, attended: g.attended })),
    };
  }
}

@Resolver(() => Registration)
export class RegistrationResolver {
  @Mutation(() => Registration, {
    description:
      'Registers for an event: CONFIRMED while seats are left, else WAITLISTED with `waitlistPosition` (or the error EVENT_FULL without a waiting list; REGISTRATION_CLOSED outside the registration window). Registering again with the same email returns the existing registration. The answer shows status and position only; the confirmation mail carries the personal manage link.',
  })
  registerForEvent(
    @Arg('input', () => RegisterForEventInput, { description: 'Who registers, and for what.' }) input: RegisterForEventInput,
    @Arg('language', () => String, {
      nullable: true,
      description:
        'Content language of the mails to this person (ISO 639-1: de, en, ar, fa, tr, uk, ru, ku); the `Accept-Language` header when left out, else German. Also the language the answer shows texts in. An unknown code is BAD_USER_INPUT.',
    })
    language: string | null,
    @Ctx() ctx: Ctx,
  ) {
    useLanguageArgument(ctx, language);
    return seatsChanged(registerForEvent(ctx, input));
  }

  @Directive('@cacheControl(maxAge: 0, scope: PRIVATE)')
  @Query(() => Registration, { description: 'The registration a manage link opens (token from the mail); NOT_FOUND for unknown tokens and after the event.' })
  registration(@Arg('token', { description: 'The token of the manage link.' }) token: string, @Ctx() ctx: Ctx) {
    return registrationByToken(ctx, token);
  }

  @Mutation(() => Registration, { description: 'Cancels a registration with the token of its manage link; the seat goes to the first person waiting, who gets a mail.' })
  cancelRegistration(@Arg('token', { description: 'The token of the manage link.' }) token: string, @Ctx() ctx: Ctx) {
    return seatsChanged(cancelRegistration(ctx, token));
  }

  @Mutation(() => Registration, { description: 'Changes the chosen sessions with the token of the manage link: kept sessions keep their seat, new ones get a seat or a waiting place.' })
  changeRegistrationSessions(
    @Arg('token', { description: 'The token of the manage link.' }) token: string,
    @Arg('sessionIds', () => [ID], { description: 'All sessions the person wants (an empty list drops all).' }) sessionIds: string[],
    @Ctx() ctx: Ctx,
  ) {
    if (sessionIds.length > 20) throw badInput('choose at most 20 sessions', 'sessionIds');
    return seatsChanged(changeSessions(ctx, token, sessionIds));
  }

  @Authorized()
  @Mutation(() => Registration, { description: 'Checks a person in at the event (ATTENDED), or takes it back with `attended: false` (coordinators and organisers).' })
  checkInRegistration(
    @Arg('id', () => ID, { description: 'Id of the registration.' }) id: string,
    @Arg('attended', () => Boolean, { defaultValue: true, description: 'false takes a check-in back.' }) attended: boolean,
    @Ctx() ctx: Ctx,
  ) {
    return seatsChanged(checkIn(ctx, id, attended));
  }

  @FieldResolver(() => Int, { nullable: true, description: 'Current place on the waiting list (1 = next to get a seat); null unless WAITLISTED.' })
  waitlistPosition(@Root() r: Registration, @Ctx() ctx: Ctx): number | Promise<number | null> | null {
    if (r.status !== RegistrationStatus.WAITLISTED) return null;
    // Known when this request wrote or looked up the row under the event's lock (registerForEvent).
    return r.knownWaitlistPosition ?? waitlistPositionOf(ctx).load(r.id);
  }

  @FieldResolver(() => Event, { description: 'The event.' })
  async event(@Root() r: Registration, @Ctx() ctx: Ctx): Promise<Event> {
    return (await eventById(ctx).load(r.eventId))!;
  }

  @FieldResolver(() => String, { nullable: true, description: 'Name (only for the person and the organisers).' })
  name(@Root() r: Registration): string | null {
    return personal(r) ? r.name : null;
  }

  @FieldResolver(() => String, { nullable: true, description: 'Email address (only for the person and the organisers).' })
  email(@Root() r: Registration): string | null {
    return personal(r) ? r.email : null;
  }

  @FieldResolver(() => String, { nullable: true, description: 'Organisation (only for the person and the organisers).' })
  organisation(@Root() r: Registration): string | null {
    return personal(r) ? r.organisation : null;
  }

  @FieldResolver(() => RegionRef, { nullable: true, description: 'Region the person works in (only for the person and the organisers).' })
  region(@Root() r: Registration): RegionRef | null {
    return personal(r) && r.regionCode ? RegionRef.of(r.regionCode) : null;
  }

  @FieldResolver(() => NeedsView, { nullable: true, description: 'Stated needs (only for the person and the organisers).' })
  needs(@Root() r: Registration): NeedsView | null {
    if (!personal(r)) return null;
    const n = r.needs ?? {};
    return {
      accessibility: n.accessibility ?? null,
      interpretationLanguage: n.interpretationLanguage ?? null,
      signLanguage: !!n.signLanguage,
      childcare: !!n.childcare,
      childcareDetails: n.childcareDetails ?? null,
      notes: n.notes ?? null,
    };
  }

  @FieldResolver(() => [SessionChoice], {
    nullable: true,
    description:
      'Chosen sessions with seat state: for the person (manage link) and the organisers; in the answer of `registerForEvent`, the sessions chosen with it (null when the address was registered before: the mail carries the manage link).',
  })
  async sessions(@Root() r: Registration, @Ctx() ctx: Ctx): Promise<SessionChoice[] | null> {
    // What this request chose is no secret to whoever sent it; an earlier registration's choices are.
    if (r.access === 'receipt') return r.receiptChoices ?? null;
    if (!personal(r)) return null;
    const choices = await choicesOf(ctx).load(r.id);
    const sessions = await sessionById(ctx).loadMany(choices.map((c) => c.sessionId));
    return choices.map((c, i) => ({ session: sessions[i] as never, status: c.status, waitlistPosition: c.waitlistPosition }));
  }

  @FieldResolver(() => Date, { nullable: true, description: 'When the person registered (only for the person and the organisers).' })
  createdAt(@Root() r: Registration): Date | null {
    return personal(r) ? r.createdAt : null;
  }

  @FieldResolver(() => Date, { nullable: true, description: 'When the person agreed to the privacy notice (only for the person and the organisers).' })
  consentAt(@Root() r: Registration): Date | null {
    return personal(r) ? r.consentAt : null;
  }

  @FieldResolver(() => Date, { nullable: true, description: 'When the person was checked in (only for the person and the organisers).' })
  checkedInAt(@Root() r: Registration): Date | null {
    return personal(r) ? r.checkedInAt : null;
  }

  @FieldResolver(() => Date, { nullable: true, description: 'When the registration was cancelled (only for the person and the organisers).' })
  cancelledAt(@Root() r: Registration): Date | null {
    return personal(r) ? r.cancelledAt : null;
  }

  @FieldResolver(() => String, { nullable: true, description: 'Link to the online room: for the person (via the manage token) while their seat is confirmed, and for the organisers.' })
  async onlineUrl(@Root() r: Registration, @Ctx() ctx: Ctx): Promise<string | null> {
    const seat = r.status === RegistrationStatus.CONFIRMED || r.status === RegistrationStatus.ATTENDED;
    if (!(r.access === 'organiser' || (r.access === 'owner' && seat))) return null;
    return (await eventById(ctx).load(r.eventId))?.onlineUrl ?? null;
  }
}
