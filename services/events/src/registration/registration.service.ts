import { audit, badInput, emailAddress, enqueueMail, isUuid, notFound, SOURCE_LANGUAGE } from '@mitgen/subgraph-kit';
import { GraphQLError } from 'graphql';
import type { EntityManager } from 'typeorm';
import { checkEventReferences } from '../event/event.references';
import type { EventsContext } from '../context';
import { EventStatus } from '../event/event.entity';
import { eventById, organizerIdsOf } from '../event/event.loader';
import { assertOrganiser } from '../event/event.access';
import { cancellationReceiptMail, mailEvent } from '../mail/registration-mails';
import { EventSession } from '../session/session.entity';
import { columnsOf, rowsOf } from '../sql';
import { allocateSessions, eventTransaction, fillFreeSeats, lockEvent } from './capacity';
import { Registration, RegistrationStatus, type Needs, type RegistrationAccess } from './registration.entity';
import type { NeedsInput, RegisterForEventInput } from './registration.input';
import { chooseSessions } from './registration.rules';
import { hashToken, looksLikeToken } from './token';

type Ctx = EventsContext;

/** One answer for every token that does not (or no longer) open a registration. */
const unknownToken = () => new GraphQLError('This link is unknown or has expired', { extensions: { code: 'NOT_FOUND', field: 'token' } });

const withAccess = (r: Registration, access: RegistrationAccess) => Object.assign(r, { access });

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
 * The input is cleaned here; the registration then goes into the event's next batch
 * (RegistrationBatcher), which checks, decides and writes everything (registration, sessions,
 * token, mail) in one transaction under the event's row lock, and answers with the stored row.
 */
export async function registerForEvent(ctx: Ctx, input: RegisterForEventInput): Promise<Registration> {
  const name = input.name.trim().replace(/\s+/g, ' ');
  if (!name) throw badInput('name must not be empty', 'name');
  // The event itself is read (and checked open) under its lock in the batch: no read before.
  if (!isUuid(input.eventId)) throw notFound('Event');
  // The region is the partners service's (regions are known for a while once looked up).
  if (input.regionCode) await checkEventReferences(ctx, { regionCode: input.regionCode });
  const registration = await ctx.services.registrations.submit(ctx, {
    eventId: input.eventId,
    name,
    email: emailAddress(input.email),
    organisation: input.organisation?.trim() || null,
    regionCode: input.regionCode ?? null,
    needs: cleanNeeds(input.needs),
    sessionIds: input.sessionIds ?? [],
    language: ctx.language ?? SOURCE_LANGUAGE,
  });
  return withAccess(registration, 'receipt');
}

/** The chosen sessions of an event, checked (see chooseSessions). */
async function chosenSessions(tx: EntityManager, eventId: string, ids: readonly string[]): Promise<EventSession[]> {
  const sessions = ids.length ? await tx.getRepository(EventSession).find({ where: { eventId }, order: { position: 'ASC', id: 'ASC' } }) : [];
  return chooseSessions(sessions, ids);
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
  const registration = await eventTransaction(ctx, found.eventId, async (tx) => {
    const event = (await lockEvent(tx, found.eventId))!;
    const reg = await tx.getRepository(Registration).findOneByOrFail({ id: found.id });
    // An erasure that got in first cancelled it and removed name and address.
    if (reg.status === RegistrationStatus.CANCELLED || reg.name === null || reg.email === null) return reg;
    if (reg.status === RegistrationStatus.ATTENDED) throw badInput('You were checked in at the event already; nothing to cancel', 'token');
    const cancelled = await updateRegistration(tx, `status = 'CANCELLED', cancelled_at = $2`, [reg.id, ctx.clock.now()]);
    await tx.query('DELETE FROM session_choice WHERE registration_id = $1', [reg.id]);
    const m = await mailEvent(ctx.ds, event, reg.language);
    await enqueueMail(tx, `registration:${reg.id}:cancelled`, cancellationReceiptMail(ctx.services.links, m, { name: reg.name, email: reg.email }));
    await fillFreeSeats(ctx, tx, event);
    return cancelled;
  });
  return withAccess(registration, 'owner');
}

/** Updates registration `$1` (`set` is SQL with further parameters) and answers with the row as written. */
async function updateRegistration(tx: EntityManager, set: string, params: unknown[]): Promise<Registration> {
  const [row] = rowsOf<Partial<Registration>>(
    await tx.query(`UPDATE registration SET ${set}, updated_at = now() WHERE id = $1 RETURNING ${columnsOf(tx, Registration, 'registration')}`, params),
  );
  return tx.getRepository(Registration).create(row);
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
  const registration = await eventTransaction(ctx, event.id, async (tx) => {
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
      await allocateSessions(tx, reg.id, added, locked.waitlistEnabled, 'insert');
    } else if (added.length) {
      await tx.query(`INSERT INTO session_choice (registration_id, session_id, status) SELECT $1, unnest($2::uuid[]), 'PENDING'`, [reg.id, added.map((s) => s.id)]);
    }
    if (dropped.length) await fillFreeSeats(ctx, tx, locked);
    // Only its session choices changed: the row as read under the lock is current.
    return reg;
  });
  return withAccess(registration, 'owner');
}

/** Checks a person in at the event (or takes the check-in back); organisers only. */
export async function checkIn(ctx: Ctx, id: string, attended: boolean): Promise<Registration> {
  const reg = isUuid(id) ? await ctx.ds.getRepository(Registration).findOneBy({ id }) : null;
  if (!reg) throw notFound('Registration');
  assertOrganiser(ctx, await organizerIdsOf(ctx).load(reg.eventId));
  const registration = await eventTransaction(ctx, reg.eventId, async (tx) => {
    await lockEvent(tx, reg.eventId);
    const current = await tx.getRepository(Registration).findOneByOrFail({ id });
    const from = current.status;
    if (attended && from === RegistrationStatus.ATTENDED) return current;
    if (!attended && from === RegistrationStatus.CONFIRMED) return current;
    if (attended && from !== RegistrationStatus.CONFIRMED) throw badInput(`Only confirmed registrations can be checked in (this one is ${from})`, 'id');
    if (!attended && from !== RegistrationStatus.ATTENDED) throw badInput('This registration is not checked in', 'id');
    const to = attended ? RegistrationStatus.ATTENDED : RegistrationStatus.CONFIRMED;
    const changed = await updateRegistration(tx, 'status = $2, checked_in_at = $3', [id, to, attended ? ctx.clock.now() : null]);
    await audit(tx, ctx, { entityType: 'Registration', entityId: id, action: attended ? 'CHECK_IN' : 'UNDO_CHECK_IN', changes: { status: { from, to } } });
    return changed;
  });
  return withAccess(registration, 'organiser');
}
