import { audit, badInput, berlinDate, domainError, enqueueMail, isUuid, notFound, type SubgraphContext } from '@mitgen/subgraph-kit';
import { GraphQLError } from 'graphql';
import type { EntityManager } from 'typeorm';
import { Event, EventStatus } from '../event/event.entity';
import { eventById, organizerIdsOf } from '../event/event.loader';
import { assertOrganiser } from '../event/event.access';
import type { EventsServices } from '../links';
import {
  alreadyRegisteredMail,
  cancellationReceiptMail,
  confirmationMail,
  waitlistMail,
  type ChoiceOutcome,
} from '../mail/registration-mails';
import { ChoiceStatus, EventSession } from '../session/session.entity';
import { allocateSessions, eventCounts, eventTransaction, fillFreeSeats, lockEvent, SessionFullError } from './capacity';
import type { BatchSteps, PendingRegistration } from './registration.batch';
import { Registration, RegistrationStatus, type Needs, type RegistrationAccess } from './registration.entity';
import type { NeedsInput, RegisterForEventInput } from './registration.input';
import { hashToken, looksLikeToken, mintToken } from './token';

type Ctx = SubgraphContext<EventsServices>;

const closed = (message: string) => domainError('REGISTRATION_CLOSED', message, { field: 'eventId' });
const eventFull = () => domainError('EVENT_FULL', 'The event is fully booked and has no waiting list', { field: 'eventId' });
const sessionFull = (s: EventSession) => domainError('SESSION_FULL', `"${s.title}" is fully booked and has no waiting list; choose another session`, { field: 'sessionIds' });
/** One answer for every token that does not (or no longer) open a registration. */
const unknownToken = () => new GraphQLError('This link is unknown or has expired', { extensions: { code: 'NOT_FOUND', field: 'token' } });

const withAccess = (r: Registration, access: RegistrationAccess) => Object.assign(r, { access });

/** Throws unless the event takes registrations now. */
export function assertOpen(ctx: Ctx, event: Event): void {
  if (event.status === EventStatus.CANCELLED) throw closed('The event was cancelled; registration is closed');
  if (event.status !== EventStatus.PUBLISHED) throw notFound('Event');
  const now = ctx.clock.now();
  if (event.registrationOpensAt && now < event.registrationOpensAt) {
    throw closed(`Registration opens on ${event.registrationOpensAt.toISOString()}`);
  }
  if (now >= (event.registrationClosesAt ?? event.startsAt)) throw closed('Registration for this event has closed');
}

/** The chosen sessions, checked: all of this event, no duplicates, no two at the same time. */
export async function chosenSessions(ds: EntityManager, eventId: string, ids: readonly string[]): Promise<EventSession[]> {
  if (new Set(ids).size !== ids.length) throw badInput('sessionIds lists a session twice', 'sessionIds');
  if (!ids.length) return [];
  const sessions = await ds.getRepository(EventSession).find({ where: { eventId }, order: { position: 'ASC', id: 'ASC' } });
  const chosen = sessions.filter((s) => ids.includes(s.id));
  if (chosen.length !== ids.length) throw badInput('sessionIds contains a session that does not belong to this event', 'sessionIds');
  for (const a of chosen) {
    for (const b of chosen) {
      if (a !== b && a.startsAt && a.endsAt && b.startsAt && b.endsAt && a.startsAt < b.endsAt && b.startsAt < a.endsAt) {
        throw badInput(`"${a.title}" and "${b.title}" take place at the same time; choose one of them`, 'sessionIds');
      }
    }
  }
  return chosen;
}

function cleanNeeds(n: NeedsInput | null | undefined): Needs {
  if (!n) return {};
  const text = (v: string | null | undefined) => (v?.trim() ? v.trim() : undefined);
  const needs: Needs = {
    accessibility: text(n.accessibility),
    interpretationLanguage: text(n.interpretationLanguage),
    signLanguage: n.signLanguage || undefined,
    childcare: n.childcare || undefined,
    childcareDetails: text(n.childcareDetails),
    notes: text(n.notes),
  };
  return JSON.parse(JSON.stringify(needs));
}

/**
 * Registers a person: a seat while any is left, else the waiting list (or EVENT_FULL). The same
 * email (any letter case) gets the existing registration back and a mail, never a second one.
 * Everything (registration, sessions, token, mail) is written in one transaction under the
 * event's row lock; input is checked before anything is looked up by email.
 */
export async function registerForEvent(ctx: Ctx, input: RegisterForEventInput): Promise<Registration> {
  const name = input.name.trim().replace(/\s+/g, ' ');
  const email = input.email.trim();
  if (!name) throw badInput('name must not be empty', 'name');
  const organisation = input.organisation?.trim() || null;
  const needs = cleanNeeds(input.needs);

  if (!isUuid(input.eventId)) throw notFound('Event');
  // The event itself is read (and checked open) under its lock in the batch: no read before.
  const event = { id: input.eventId };
  const sessions = await chosenSessions(ctx.ds.manager, event.id, input.sessionIds ?? []);

  const id = await ctx.services.registrations.submit(ctx.ds, event.id, {
    ctx,
    name,
    email,
    organisation,
    regionCode: input.regionCode ?? null,
    needs,
    sessions,
  });
  return withAccess((await ctx.ds.getRepository(Registration).findOneByOrFail({ id })), 'receipt');
}

/**
 * One registration that chose sessions, in the batch's transaction under the event's lock (see
 * RegistrationBatcher): seat decision, session seats, token and mail.
 */
async function registerWithSessions(ctx: Ctx, tx: EntityManager, locked: Event, item: PendingRegistration<Ctx>): Promise<{ id: string; status: RegistrationStatus }> {
  const { taken, waiting } = await eventCounts(tx, locked.id);
  let status: RegistrationStatus;
  if (locked.capacity === null || taken < locked.capacity) status = RegistrationStatus.CONFIRMED;
  else if (locked.waitlistEnabled) status = RegistrationStatus.WAITLISTED;
  else throw eventFull();
  const [row]: { id: string }[] = await tx.query(
    `INSERT INTO registration (event_id, name, email, organisation, region_code, needs, status, consent_at, consent_ip, consent_user_agent, confirmed_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, CASE WHEN $7 = 'CONFIRMED' THEN $8::timestamptz END) RETURNING id`,
    [locked.id, item.name, item.email, item.organisation, item.regionCode, JSON.stringify(item.needs), status, ctx.clock.now(), ctx.client.ip ?? null, ctx.client.userAgent ?? null],
  );
  let outcomes: ChoiceOutcome[] = [];
  if (status === RegistrationStatus.CONFIRMED) {
    try {
      outcomes = await allocateSessions(tx, row.id, item.sessions, locked.waitlistEnabled, 'insert');
    } catch (e) {
      throw e instanceof SessionFullError ? sessionFull(e.session) : e;
    }
  } else {
    await tx.query(`INSERT INTO session_choice (registration_id, session_id, status) SELECT $1, unnest($2::uuid[]), 'PENDING'`, [
      row.id,
      item.sessions.map((s) => s.id),
    ]);
    outcomes = item.sessions.map((session) => ({ session, status: ChoiceStatus.PENDING }));
  }
  const token = await mintToken(tx, row.id);
  const recipient = { name: item.name, email: item.email };
  const mail =
    status === RegistrationStatus.CONFIRMED
      ? confirmationMail(ctx.services, locked, recipient, token, outcomes)
      : waitlistMail(ctx.services, locked, recipient, token, waiting + 1);
  await enqueueMail(tx, `registration:${row.id}:${status === RegistrationStatus.CONFIRMED ? 'confirmed' : 'waitlisted'}`, mail);
  return { id: row.id, status };
}

/** What a registration batch does per person (see RegistrationBatcher). */
export const registrationSteps: BatchSteps<Ctx> = {
  assertOpen,
  eventFull,
  notFound: () => notFound('Event'),
  remindExisting: (ctx, tx, event, existing) => remindExisting(ctx, tx, event, existing),
  registerWithSessions,
  services: (ctx) => ctx.services,
  now: (ctx) => ctx.clock.now(),
  client: (ctx) => ctx.client,
};

/** Mails the registered address (as stored, not as typed now) its manage link again (at most once a day, so nobody can flood a mailbox). */
async function remindExisting(ctx: Ctx, tx: EntityManager, event: Event, existing: { id: string; name: string; email: string; status: RegistrationStatus }) {
  const key = `registration:${existing.id}:reminder:${berlinDate(ctx.clock.now())}`;
  const [sent] = await tx.query('SELECT 1 FROM outbox_mail WHERE dedupe_key = $1', [key]);
  if (sent) return;
  let position: number | null = null;
  if (existing.status === RegistrationStatus.WAITLISTED) {
    const [row] = await tx.query(
      `SELECT count(*)::int AS position FROM registration w, registration r
        WHERE r.id = $1 AND w.event_id = r.event_id AND w.status = 'WAITLISTED' AND w.queue_seq <= r.queue_seq`,
      [existing.id],
    );
    position = row.position;
  }
  const token = await mintToken(tx, existing.id);
  await enqueueMail(tx, key, alreadyRegisteredMail(ctx.services, event, existing, token, existing.status, position));
}

/** The registration a manage token opens, while its event has not ended; else NOT_FOUND. */
export async function registrationByToken(ctx: Ctx, token: string, tx: EntityManager = ctx.ds.manager): Promise<Registration> {
  if (!looksLikeToken(token)) throw unknownToken();
  const registration = await tx
    .getRepository(Registration)
    .createQueryBuilder('r')
    .innerJoin('registration_token', 't', 't.registration_id = r.id')
    .innerJoin('event', 'e', 'e.id = r.event_id')
    .where('t.token_hash = :hash', { hash: hashToken(token) })
    .andWhere('e.ends_at > :now', { now: ctx.clock.now() })
    .getOne();
  if (!registration) throw unknownToken();
  return withAccess(registration, 'owner');
}

/** Cancels a registration by its manage token; the freed seat goes to the waiting list at once. */
export async function cancelRegistration(ctx: Ctx, token: string): Promise<Registration> {
  const found = await registrationByToken(ctx, token);
  await eventTransaction(ctx, found.eventId, async (tx) => {
    const event = (await lockEvent(tx, found.eventId))!;
    const reg = await tx.getRepository(Registration).findOneByOrFail({ id: found.id });
    // An erasure that got in first cancelled it and removed name and address.
    if (reg.status === RegistrationStatus.CANCELLED || reg.name === null || reg.email === null) return;
    if (reg.status === RegistrationStatus.ATTENDED) throw badInput('You were checked in at the event already; nothing to cancel', 'token');
    await tx.query(`UPDATE registration SET status = 'CANCELLED', cancelled_at = $2, updated_at = now() WHERE id = $1`, [reg.id, ctx.clock.now()]);
    await tx.query('DELETE FROM session_choice WHERE registration_id = $1', [reg.id]);
    await enqueueMail(tx, `registration:${reg.id}:cancelled`, cancellationReceiptMail(event, { name: reg.name, email: reg.email }));
    await fillFreeSeats(ctx, tx, event);
  });
  return withAccess(await ctx.ds.getRepository(Registration).findOneByOrFail({ id: found.id }), 'owner');
}

/**
 * Changes the sessions of a registration (manage token): kept sessions keep their seat or place,
 * dropped ones free theirs for the next person waiting, new ones get a seat or a waiting place.
 */
export async function changeSessions(ctx: Ctx, token: string, sessionIds: string[]): Promise<Registration> {
  const found = await registrationByToken(ctx, token);
  const event = (await eventById(ctx).load(found.eventId))!;
  if (event.status !== EventStatus.PUBLISHED) throw badInput('The event does not take changes any more', 'token');
  if (!sessionIds.every(isUuid)) throw badInput('sessionIds must be ids of sessions of this event', 'sessionIds');
  const wanted = await chosenSessions(ctx.ds.manager, event.id, sessionIds);
  await eventTransaction(ctx, event.id, async (tx) => {
    const locked = (await lockEvent(tx, event.id))!;
    const reg = await tx.getRepository(Registration).findOneByOrFail({ id: found.id });
    if (reg.status !== RegistrationStatus.CONFIRMED && reg.status !== RegistrationStatus.WAITLISTED) {
      throw badInput('Only an active registration can change its sessions', 'token');
    }
    const current: { session_id: string }[] = await tx.query('SELECT session_id FROM session_choice WHERE registration_id = $1', [reg.id]);
    const had = new Set(current.map((c) => c.session_id));
    const dropped = [...had].filter((id) => !wanted.some((s) => s.id === id));
    const added = wanted.filter((s) => !had.has(s.id));
    if (dropped.length) await tx.query('DELETE FROM session_choice WHERE registration_id = $1 AND session_id = ANY($2::uuid[])', [reg.id, dropped]);
    if (added.length && reg.status === RegistrationStatus.CONFIRMED) {
      try {
        await allocateSessions(tx, reg.id, added, locked.waitlistEnabled, 'insert');
      } catch (e) {
        throw e instanceof SessionFullError ? sessionFull(e.session) : e;
      }
    } else if (added.length) {
      await tx.query(`INSERT INTO session_choice (registration_id, session_id, status) SELECT $1, unnest($2::uuid[]), 'PENDING'`, [reg.id, added.map((s) => s.id)]);
    }
    if (dropped.length) await fillFreeSeats(ctx, tx, locked);
  });
  return withAccess(await ctx.ds.getRepository(Registration).findOneByOrFail({ id: found.id }), 'owner');
}

/** Checks a person in at the event (or takes the check-in back); organisers only. */
export async function checkIn(ctx: Ctx, id: string, attended: boolean): Promise<Registration> {
  const reg = isUuid(id) ? await ctx.ds.getRepository(Registration).findOneBy({ id }) : null;
  if (!reg) throw notFound('Registration');
  assertOrganiser(ctx, await organizerIdsOf(ctx).load(reg.eventId));
  await eventTransaction(ctx, reg.eventId, async (tx) => {
    await lockEvent(tx, reg.eventId);
    const current = await tx.getRepository(Registration).findOneByOrFail({ id });
    const from = current.status;
    if (attended && from === RegistrationStatus.ATTENDED) return;
    if (!attended && from === RegistrationStatus.CONFIRMED) return;
    if (attended && from !== RegistrationStatus.CONFIRMED) throw badInput(`Only confirmed registrations can be checked in (this one is ${from})`, 'id');
    if (!attended && from !== RegistrationStatus.ATTENDED) throw badInput('This registration is not checked in', 'id');
    const to = attended ? RegistrationStatus.ATTENDED : RegistrationStatus.CONFIRMED;
    await tx.query('UPDATE registration SET status = $2, checked_in_at = $3, updated_at = now() WHERE id = $1', [id, to, attended ? ctx.clock.now() : null]);
    await audit(tx, ctx, { entityType: 'Registration', entityId: id, action: attended ? 'CHECK_IN' : 'UNDO_CHECK_IN', changes: { status: { from, to } } });
  });
  return withAccess(await ctx.ds.getRepository(Registration).findOneByOrFail({ id }), 'organiser');
}
