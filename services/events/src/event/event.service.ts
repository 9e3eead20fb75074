import { audit, badInput, conflict, isUuid, notFound, paginate, slugify, berlinDate, enqueueMail, type Page, type SubgraphContext } from '@mitgen/subgraph-kit';
import type { EntityManager } from 'typeorm';
import type { EventsContext } from '../context';
import { eventCancelledMail, mailEventsFor } from '../mail/registration-mails';
import { ProgrammeItem } from '../programme/programme.entity';
import { keptProgrammeTranslations } from '../programme/programme.translation';
import { eventTransaction, fillFreeSeats, lockEvent } from '../registration/capacity';
import { EventSession, SessionKind } from '../session/session.entity';
import { settleOrganizers, settleProgrammePartners } from '../partner-request/partner-request.service';
import { assertOrganiser, isOrganiser } from './event.access';
import { Event, EventOrganizer, EventStatus } from './event.entity';
import { checkEventReferences, programmePartners } from './event.references';
import type { ProgrammeItemInput } from '../programme/programme.input';
import type { EventSessionInput } from '../session/session.input';
import type { CreateEventInput, EventFilter, UpdateEventInput } from './event.input';
import { eventById, eventOrder, organizerIdsOf, PUBLIC_EVENT_STATUSES } from './event.loader';

type Ctx = EventsContext;

/** One page of events the caller may see. */
export async function listEvents(ctx: SubgraphContext, filter: EventFilter = {}, page: { first: number; after?: string | null }): Promise<Page<Event>> {
  const statuses = filter.status?.length ? filter.status : PUBLIC_EVENT_STATUSES;
  const qb = ctx.ds.getRepository(Event).createQueryBuilder('e').where('e.status IN (:...statuses)', { statuses });
  if (statuses.some((s) => !PUBLIC_EVENT_STATUSES.includes(s)) && ctx.principal.role !== 'COORDINATOR') {
    // Drafts and archived events only of the editor's own organisation.
    if (ctx.principal.role === 'PARTNER_EDITOR' && ctx.principal.partnerId) {
      qb.andWhere('(e.status IN (:...public) OR EXISTS (SELECT 1 FROM event_organizer mine WHERE mine.event_id = e.id AND mine.partner_id = :me))', {
        public: PUBLIC_EVENT_STATUSES,
        me: ctx.principal.partnerId,
      });
    } else {
      qb.andWhere('e.status IN (:...public)', { public: PUBLIC_EVENT_STATUSES });
    }
  }
  const now = ctx.clock.now();
  if (filter.upcoming) qb.andWhere('e.ends_at >= :now', { now });
  if (filter.past) qb.andWhere('e.ends_at < :now', { now });
  if (filter.topic) qb.andWhere(':topic = ANY(e.topic_slugs)', { topic: filter.topic });
  if (filter.region) qb.andWhere('e.region_code = :region', { region: filter.region });
  if (filter.kind) qb.andWhere('e.kind = :kind', { kind: filter.kind });
  if (filter.organizer) qb.andWhere('EXISTS (SELECT 1 FROM event_organizer o WHERE o.event_id = e.id AND o.partner_id = :organizer)', { organizer: filter.organizer });
  if (filter.from) qb.andWhere('e.ends_at >= :from', { from: filter.from });
  if (filter.until) qb.andWhere('e.starts_at < :until', { until: filter.until });
  const [start, id] = eventOrder(filter.upcoming && !filter.past);
  return paginate(qb, page, [
    { ...start, value: (e) => e.startsAt },
    { ...id, value: (e) => e.id },
  ]);
}

/** True when the caller may see the event (public, or organised by their organisation, or a coordinator). */
export function canSeeEvent(ctx: SubgraphContext, event: Event, organizerIds: string[]): boolean {
  return PUBLIC_EVENT_STATUSES.includes(event.status) || isOrganiser(ctx, organizerIds);
}

/** The event for an administrative change: NOT_FOUND unless visible, then the organiser check. */
async function eventToAdminister(ctx: Ctx, id: string): Promise<{ event: Event; organizerIds: string[] }> {
  const event = isUuid(id) ? await eventById(ctx).load(id) : null;
  if (!event) throw notFound('Event');
  // Signed-in non-organisers learn FORBIDDEN even for drafts: ids are unguessable UUIDs, and one
  // answer for "not yours" keeps the access rules simple to state.
  const organizerIds = await organizerIdsOf(ctx).load(event.id);
  assertOrganiser(ctx, organizerIds);
  return { event, organizerIds };
}

/** What the audit log records of an event (no personal data in events). */
async function snapshot(tx: EntityManager, event: Event): Promise<Record<string, unknown>> {
  // One statement: queries of one transaction share its connection, so they could only queue.
  const [parts]: { organizers: string[]; programme: { title: string; kind: string; starts_at: string }[]; sessions: unknown[] }[] = await tx.query(
    `SELECT (SELECT coalesce(json_agg(partner_id ORDER BY position), '[]') FROM event_organizer WHERE event_id = $1) AS organizers,
            (SELECT coalesce(json_agg(json_build_object('title', title, 'kind', kind, 'starts_at', starts_at) ORDER BY starts_at, position), '[]')
               FROM programme_item WHERE event_id = $1) AS programme,
            (SELECT coalesce(json_agg(json_build_object('id', id, 'title', title, 'capacity', capacity) ORDER BY position), '[]')
               FROM event_session WHERE event_id = $1) AS sessions`,
    [event.id],
  );
  const { createdAt: _c, updatedAt: _u, version: _v, ...fields } = event;
  return JSON.parse(
    JSON.stringify({
      ...fields,
      organizerIds: parts.organizers,
      programme: parts.programme.map((p) => `${new Date(p.starts_at).toISOString()} ${p.kind} ${p.title}`),
      sessions: parts.sessions,
    }),
  );
}

function checkTimes(e: Pick<Event, 'startsAt' | 'endsAt' | 'registrationOpensAt' | 'registrationClosesAt'>): void {
  if (e.endsAt < e.startsAt) throw badInput('endsAt must not be before startsAt', 'endsAt');
  if (e.registrationOpensAt && e.registrationClosesAt && e.registrationClosesAt <= e.registrationOpensAt) {
    throw badInput('registrationClosesAt must be after registrationOpensAt', 'registrationClosesAt');
  }
  if (e.registrationClosesAt && e.registrationClosesAt > e.endsAt) throw badInput('registrationClosesAt must not be after the end of the event', 'registrationClosesAt');
}

function checkOrganizers(ctx: Ctx, ids: string[], field = 'organizerIds'): string[] {
  const unique = [...new Set(ids)];
  if (!unique.length) throw badInput('an event needs at least one organising partner', field);
  if (ctx.principal.role !== 'COORDINATOR' && !unique.includes(ctx.principal.partnerId ?? '')) {
    throw badInput('your own organisation must stay among the organisers', field);
  }
  return unique;
}

async function writeOrganizers(tx: EntityManager, eventId: string, ids: string[]): Promise<void> {
  await tx.query('DELETE FROM event_organizer WHERE event_id = $1', [eventId]);
  await tx.getRepository(EventOrganizer).insert(ids.map((partnerId, position) => ({ eventId, partnerId, position })));
}

async function writeProgramme(tx: EntityManager, eventId: string, items: ProgrammeItemInput[]): Promise<void> {
  items.forEach((item, i) => {
    if (item.endsAt && item.endsAt < item.startsAt) throw badInput(`programme item ${i + 1}: endsAt must not be before startsAt`, `programme.${i}.endsAt`);
  });
  const restoreTranslations = await keptProgrammeTranslations(tx, eventId);
  await tx.query('DELETE FROM programme_item WHERE event_id = $1', [eventId]);
  if (!items.length) return;
  await tx.getRepository(ProgrammeItem).insert(
    items.map((item, position) => ({
      eventId,
      startsAt: item.startsAt,
      endsAt: item.endsAt ?? null,
      title: item.title.trim(),
      description: item.description?.trim() ?? '',
      kind: item.kind,
      partnerId: item.partnerId ?? null,
      speakers: (item.speakers ?? []).map((s) => ({ name: s.name.trim(), affiliation: s.affiliation?.trim() || null, partnerId: s.partnerId ?? null })),
      position,
    })),
  );
  await restoreTranslations(tx);
}

/** Keeps sessions given with id, adds new ones, removes the rest (refused while someone chose one). */
async function writeSessions(tx: EntityManager, eventId: string, inputs: EventSessionInput[]): Promise<void> {
  const repo = tx.getRepository(EventSession);
  const existing = await repo.findBy({ eventId });
  const kept = new Set<string>();
  inputs.forEach((s, i) => {
    if (s.endsAt && s.startsAt && s.endsAt < s.startsAt) throw badInput(`session ${i + 1}: endsAt must not be before startsAt`, `sessions.${i}.endsAt`);
    if (s.id) {
      if (!existing.some((e) => e.id === s.id) || kept.has(s.id)) throw badInput(`session ${i + 1}: id is not a session of this event (or is given twice)`, `sessions.${i}.id`);
      kept.add(s.id);
    }
  });
  const removed = existing.filter((e) => !kept.has(e.id));
  if (removed.length) {
    const [used] = await tx.query('SELECT s.title FROM session_choice c JOIN event_session s ON s.id = c.session_id WHERE c.session_id = ANY($1::uuid[]) LIMIT 1', [
      removed.map((r) => r.id),
    ]);
    if (used) throw badInput(`"${used.title}" cannot be removed: people chose it. Keep it (with its id), or ask them to choose another session first.`, 'sessions');
    await repo.delete(removed.map((r) => r.id));
  }
  for (const [position, s] of inputs.entries()) {
    const fields = {
      title: s.title.trim(),
      description: s.description?.trim() ?? '',
      kind: s.kind ?? SessionKind.THEME_TABLE,
      startsAt: s.startsAt ?? null,
      endsAt: s.endsAt ?? null,
      room: s.room?.trim() || null,
      capacity: s.capacity ?? null,
      position,
    };
    if (s.id) await repo.update({ id: s.id }, fields);
    else await repo.insert({ ...fields, eventId });
  }
}

/**
 * Refuses programme items and timed sessions outside the event's time (after they and the event
 * were written in this transaction, so a change of either is checked): a programme cannot start
 * before the event does.
 */
async function checkScheduleWithin(tx: EntityManager, eventId: string, e: Pick<Event, 'startsAt' | 'endsAt'>): Promise<void> {
  const [outside]: { part: 'programme' | 'sessions'; title: string; position: number }[] = await tx.query(
    `SELECT 'programme' AS part, title, position FROM programme_item WHERE event_id = $1 AND (starts_at < $2 OR coalesce(ends_at, starts_at) > $3)
     UNION ALL
     SELECT 'sessions', title, position FROM event_session WHERE event_id = $1 AND (starts_at < $2 OR ends_at > $3)
     ORDER BY 1, 3 LIMIT 1`,
    [eventId, e.startsAt, e.endsAt],
  );
  if (!outside) return;
  const what = outside.part === 'programme' ? 'programme item' : 'session';
  throw badInput(
    `${what} ${outside.position + 1} ("${outside.title}") lies outside the event (${e.startsAt.toISOString()} to ${e.endsAt.toISOString()}); move it or change the event's times`,
    `${outside.part}.${outside.position}.startsAt`,
  );
}

function isUniqueViolation(e: unknown): boolean {
  return (e as { code?: string; driverError?: { code?: string } }).code === '23505' || (e as { driverError?: { code?: string } }).driverError?.code === '23505';
}

/** Partners named in the stored programme of an event (presenting partners and speakers' organisations). */
async function storedProgrammePartners(ctx: Ctx, eventId: string): Promise<string[]> {
  const rows: Array<{ id: string }> = await ctx.ds.query(
    `SELECT partner_id AS id FROM programme_item WHERE event_id = $1 AND partner_id IS NOT NULL
     UNION SELECT (s ->> 'partnerId')::uuid FROM programme_item i, jsonb_array_elements(i.speakers) s WHERE i.event_id = $1 AND s ->> 'partnerId' IS NOT NULL`,
    [eventId],
  );
  return rows.map((r) => r.id);
}

/** Topic slugs as stored: the current slug of each (old slugs of renamed topics are accepted), without repeats. */
const currentSlugs = (slugs: readonly string[], current: Map<string, string>) => [...new Set(slugs.map((s) => current.get(s) ?? s))];

/**
 * Creates a draft event; a partner editor's organisation is always among its organisers. Every
 * partner, topic, region and resource it names must exist (checked through the graph); other
 * organisations a partner editor names are asked first (see partner-request.service.ts).
 */
export async function createEvent(ctx: Ctx, input: CreateEventInput): Promise<Event> {
  const role = ctx.principal.role;
  const own = role === 'PARTNER_EDITOR' ? ctx.principal.partnerId : undefined;
  const organizerIds = checkOrganizers(ctx, input.organizerIds ?? (own ? [own] : []));
  const named = programmePartners(input.programme ?? []);
  // An editor's own organisation comes from the signed principal: it needs no check.
  const checked = await checkEventReferences(ctx, {
    partners: [...organizerIds.map((id) => ({ id, field: 'organizerIds' })), ...named].filter((p) => p.id !== own),
    topicSlugs: input.topicSlugs ?? [],
    regionCode: input.regionCode,
    documentationResourceIds: input.documentationResourceIds ?? [],
  });
  const fields = {
    slug: input.slug ?? `${slugify(input.title).slice(0, 68).replace(/-+$/, '')}-${berlinDate(input.startsAt)}`,
    title: input.title.trim(),
    description: input.description?.trim() ?? '',
    kind: input.kind,
    startsAt: input.startsAt,
    endsAt: input.endsAt,
    venueName: input.venueName ?? null,
    street: input.street ?? null,
    postalCode: input.postalCode ?? null,
    city: input.city ?? null,
    regionCode: input.regionCode ?? null,
    online: input.online ?? false,
    onlineUrl: input.onlineUrl ?? null,
    capacity: input.capacity ?? null,
    waitlistEnabled: input.waitlistEnabled ?? true,
    registrationOpensAt: input.registrationOpensAt ?? null,
    registrationClosesAt: input.registrationClosesAt ?? null,
    topicSlugs: currentSlugs(input.topicSlugs ?? [], checked.topicSlugs),
    documentationResourceIds: [...new Set(input.documentationResourceIds ?? [])],
    status: EventStatus.DRAFT,
  };
  checkTimes(fields);
  try {
    const id = await ctx.ds.transaction(async (tx) => {
      const saved = await tx.getRepository(Event).save(tx.getRepository(Event).create(fields));
      const organizers = await settleOrganizers(tx, ctx, saved.id, organizerIds, []);
      await writeOrganizers(tx, saved.id, organizers);
      if (input.programme) {
        await writeProgramme(tx, saved.id, input.programme);
        await settleProgrammePartners(tx, ctx, saved.id, named.map((p) => p.id), organizers);
      }
      if (input.sessions) await writeSessions(tx, saved.id, input.sessions);
      await checkScheduleWithin(tx, saved.id, saved);
      await audit(tx, ctx, { entityType: 'Event', entityId: saved.id, action: 'CREATE', after: await snapshot(tx, saved) });
      return saved.id;
    });
    return ctx.ds.getRepository(Event).findOneByOrFail({ id });
  } catch (e) {
    if (isUniqueViolation(e)) throw badInput('another event has this slug already; choose another', 'slug');
    throw e;
  }
}

/**
 * Changes an event; refused with CONFLICT when `version` is not the current one. What it newly names
 * of other services must exist; other organisations a partner editor adds are asked first.
 */
export async function updateEvent(ctx: Ctx, id: string, input: UpdateEventInput): Promise<Event> {
  const { event, organizerIds: current } = await eventToAdminister(ctx, id);
  const organizerIds = input.organizerIds ? checkOrganizers(ctx, input.organizerIds) : null;
  const required = ['title', 'kind', 'startsAt', 'endsAt', 'online', 'waitlistEnabled', 'slug'] as const;
  for (const f of required) if (input[f] === null) throw badInput(`${f} cannot be cleared`, f);
  // Only what the change adds is checked: what is stored was checked when it was added.
  const named = input.programme ? programmePartners(input.programme) : [];
  const known = new Set([...current, ...(named.length ? await storedProgrammePartners(ctx, event.id) : [])]);
  const checked = await checkEventReferences(ctx, {
    partners: [...(organizerIds ?? []).map((pid) => ({ id: pid, field: 'organizerIds' })), ...named].filter((p) => !known.has(p.id)),
    topicSlugs: (input.topicSlugs ?? []).filter((s) => !event.topicSlugs.includes(s)),
    regionCode: input.regionCode && input.regionCode !== event.regionCode ? input.regionCode : null,
    documentationResourceIds: (input.documentationResourceIds ?? []).filter((r) => !event.documentationResourceIds.includes(r)),
  });
  if (input.topicSlugs) input.topicSlugs = currentSlugs(input.topicSlugs, checked.topicSlugs);
  try {
    await eventTransaction(ctx, event.id, async (tx) => {
      const locked = (await lockEvent(tx, event.id))!;
      if (locked.version !== input.version) {
        throw conflict(`The event was changed by someone else since you read it (version ${input.version}, now ${locked.version}); reload and try again`, {
          currentVersion: locked.version,
        });
      }
      const before = await snapshot(tx, locked);
      const plain = [
        'slug', 'title', 'description', 'kind', 'startsAt', 'endsAt', 'venueName', 'street', 'postalCode', 'city', 'regionCode', 'online', 'onlineUrl',
        'capacity', 'waitlistEnabled', 'registrationOpensAt', 'registrationClosesAt', 'topicSlugs', 'documentationResourceIds',
      ] as const;
      const changes: Record<string, unknown> = {};
      for (const f of plain) if (input[f] !== undefined) changes[f] = typeof input[f] === 'string' ? (input[f] as string).trim() : input[f];
      if (changes.description === null) changes.description = '';
      Object.assign(locked, changes);
      checkTimes(locked);
      const saved = await tx.getRepository(Event).save(locked);
      let organizers = current;
      if (organizerIds) {
        organizers = await settleOrganizers(tx, ctx, event.id, organizerIds, current);
        await writeOrganizers(tx, event.id, organizers);
      }
      if (input.programme) {
        await writeProgramme(tx, event.id, input.programme);
        await settleProgrammePartners(tx, ctx, event.id, named.map((p) => p.id), organizers);
      }
      if (input.sessions) await writeSessions(tx, event.id, input.sessions);
      await checkScheduleWithin(tx, event.id, saved);
      await audit(tx, ctx, { entityType: 'Event', entityId: event.id, action: 'UPDATE', before, after: await snapshot(tx, saved) });
      // More seats (event or sessions) go to the waiting lists right away.
      await fillFreeSeats(ctx, tx, saved);
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw badInput('another event has this slug already; choose another', 'slug');
    throw e;
  }
  return ctx.ds.getRepository(Event).findOneByOrFail({ id: event.id });
}

/** Moves an event to another status with an audit entry; `check` refuses transitions that make no sense. */
async function transition(ctx: Ctx, id: string, to: EventStatus, action: string, check: (e: Event) => void, extra?: (tx: EntityManager, e: Event) => Promise<void>) {
  const { event } = await eventToAdminister(ctx, id);
  await eventTransaction(ctx, event.id, async (tx) => {
    const locked = (await lockEvent(tx, event.id))!;
    if (locked.status === to) return;
    check(locked);
    const before = await snapshot(tx, locked);
    locked.status = to;
    if (extra) await extra(tx, locked);
    const saved = await tx.getRepository(Event).save(locked);
    await audit(tx, ctx, { entityType: 'Event', entityId: event.id, action, before, after: await snapshot(tx, saved) });
    if (to === EventStatus.PUBLISHED) await fillFreeSeats(ctx, tx, saved);
  });
  return ctx.ds.getRepository(Event).findOneByOrFail({ id: event.id });
}

export const publishEvent = (ctx: Ctx, id: string) =>
  transition(ctx, id, EventStatus.PUBLISHED, 'PUBLISH', (e) => {
    if (e.status === EventStatus.CANCELLED) throw badInput('A cancelled event cannot be published again; create a new event', 'id');
  });

export const archiveEvent = (ctx: Ctx, id: string) => transition(ctx, id, EventStatus.ARCHIVED, 'ARCHIVE', () => undefined);

/** Calls an event off and mails everyone registered (confirmed or waiting), in the same transaction. */
export const cancelEvent = (ctx: Ctx, id: string, reason: string | null) =>
  transition(
    ctx,
    id,
    EventStatus.CANCELLED,
    'CANCEL',
    (e) => {
      if (e.status !== EventStatus.PUBLISHED) throw badInput('Only a published event can be cancelled; archive a draft instead', 'id');
      if (e.endsAt <= ctx.clock.now()) throw badInput('The event is over already', 'id');
    },
    async (tx, e) => {
      e.cancelledAt = ctx.clock.now();
      e.cancellationReason = reason?.trim() || null;
      const people: { id: string; name: string; email: string; language: string }[] = await tx.query(
        `SELECT id, name, email, language FROM registration WHERE event_id = $1 AND status IN ('CONFIRMED', 'WAITLISTED') ORDER BY queue_seq`,
        [e.id],
      );
      const mailEvents = mailEventsFor(ctx.ds, Object.assign(new Event(), e, { version: e.version + 1 }));
      for (const p of people) await enqueueMail(tx, `event:${e.id}:cancelled:${p.id}`, eventCancelledMail(ctx.services.links, await mailEvents(p.language), p));
    },
  );
