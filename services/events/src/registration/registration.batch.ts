import { berlinDate, notFound, type OutboxMessage } from '@mitgen/subgraph-kit';
import { randomUUID } from 'node:crypto';
import { GraphQLError } from 'graphql';
import type { EntityManager } from 'typeorm';
import type { EventsContext, RegistrationQueue } from '../context';
import type { Event } from '../event/event.entity';
import { alreadyRegisteredMail, confirmationMail, mailEvent, waitlistMail, type MailEvent } from '../mail/registration-mails';
import { ChoiceStatus, EventSession } from '../session/session.entity';
import { columnsOf } from '../sql';
import { decideSessions, lockEvent, seatFor, type Seat, type SeatCounts, type SessionOutcome } from './capacity';
import type { KeyedQueue } from './event-queue';
import { Registration, RegistrationStatus } from './registration.entity';
import type { NewRegistration } from './registration.input';
import { assertOpen, chooseSessions, eventFull } from './registration.rules';
import { hashToken, newToken } from './token';

type Queued = { ctx: EventsContext; registration: NewRegistration; resolve(r: Registration): void; reject(e: unknown): void };

/** Registrations handled in one transaction at most; the rest wait for the next batch. */
const MAX_BATCH = 100;

/**
 * Group commit for registrations: while one transaction holds an event's lock, the registrations
 * arriving meanwhile wait here, and the next transaction registers all of them under one lock
 * (`registerBatch`). A burst then costs three statements per batch (and one per repeated address), and capacity still holds
 * across instances: everything happens under the event's row lock. A person whose registration
 * fails for a reason of their own (event full, a session full, bad sessions) gets that error; the
 * others are registered. One batcher per instance (made by `prepare`), so one DataSource.
 */
export class RegistrationBatcher implements RegistrationQueue {
  private readonly pending = new Map<string, Queued[]>();
  private readonly scheduled = new Set<string>();

  constructor(private readonly queue: KeyedQueue) {}

  submit(ctx: EventsContext, registration: NewRegistration): Promise<Registration> {
    const eventId = registration.eventId;
    return new Promise<Registration>((resolve, reject) => {
      let list = this.pending.get(eventId);
      if (!list) this.pending.set(eventId, (list = []));
      list.push({ ctx, registration, resolve, reject });
      if (!this.scheduled.has(eventId)) this.schedule(eventId);
    });
  }

  private schedule(eventId: string): void {
    this.scheduled.add(eventId);
    // Behind every other transaction of this event in this instance (cancellations, updates).
    void this.queue.run(eventId, async () => {
      const list = this.pending.get(eventId) ?? [];
      const batch = list.splice(0, MAX_BATCH);
      if (list.length) this.schedule(eventId);
      else {
        this.pending.delete(eventId);
        this.scheduled.delete(eventId);
      }
      await this.run(eventId, batch);
    });
  }

  private async run(eventId: string, batch: Queued[]): Promise<void> {
    let outcomes: Outcome[];
    try {
      outcomes = await batch[0].ctx.ds.transaction((tx) => registerBatch(tx, eventId, batch));
    } catch (e) {
      for (const item of batch) item.reject(e);
      return;
    }
    batch.forEach((item, i) => {
      const outcome = outcomes[i];
      if ('error' in outcome) item.reject(outcome.error);
      else item.resolve(outcome.registration);
    });
  }
}

type Outcome = { registration: Registration } | { error: GraphQLError };

/** What a batch reads once, under the event's lock, and keeps up to date as it registers people. */
interface BatchState {
  event: Event | null;
  counts: SeatCounts;
  /** Active registrations by lower-case address: those of the batch's addresses, and everyone registered in the batch. */
  known: Map<string, Registration | NewRow>;
  /** The event's sessions (only read when someone of the batch chose sessions). */
  sessions: EventSession[];
  sessionCounts: Map<string, SeatCounts>;
  /** The event as mails show it, per language of the batch's people (one statement per language other than German). */
  mailEvents: Map<string, MailEvent>;
}

/** A registration decided in the batch, written with the others in one statement (insertRegistrations). */
interface NewRow {
  id: string;
  item: Queued;
  status: RegistrationStatus;
  seat: Seat;
  choices: SessionOutcome[];
  tokenHash: string;
  mail: OutboxMessage;
  /** The stored row, once written. */
  written?: Registration;
}

/** What a person of the batch gets: a new registration, or the one made before with their address. */
type Decision = { row: NewRow } | { known: Registration | NewRow };

/**
 * The batch's one transaction: locks the event, reads what decides seats once, then decides for
 * each person in arrival order (counts advance in memory, which stays exact while the lock is held),
 * writes all new registrations in one statement, and mails addresses registered before.
 */
async function registerBatch(tx: EntityManager, eventId: string, batch: Queued[]): Promise<Outcome[]> {
  const state = await readState(tx, eventId, batch);
  if (state.event) {
    const languages = [...new Set(batch.map((b) => b.registration.language))];
    const event = state.event;
    state.mailEvents = new Map(await Promise.all(languages.map(async (l) => [l, await mailEvent(batch[0].ctx.ds, event, l)] as const)));
  }
  const decisions: (Decision | { error: GraphQLError })[] = batch.map((item) => {
    try {
      return decideOne(state, item);
    } catch (e) {
      // A person's own reason (a GraphQL error, thrown before anything is written) fails only them;
      // anything else fails the batch.
      if (!(e instanceof GraphQLError)) throw e;
      return { error: e };
    }
  });
  await insertRegistrations(tx, state.event!, decisions.flatMap((d) => ('row' in d ? [d.row] : [])));
  const outcomes: Outcome[] = [];
  for (const [i, d] of decisions.entries()) {
    if ('error' in d) outcomes.push(d);
    else if ('row' in d) outcomes.push({ registration: d.row.written! });
    else {
      const known = 'item' in d.known ? d.known.written! : d.known;
      // In the language of this request: the reminder answers it.
      await remindKnown(tx, batch[i].ctx, state.mailEvents.get(batch[i].registration.language)!, known);
      outcomes.push({ registration: known });
    }
  }
  return outcomes;
}

/** Seat counts, beside each active registration of the batch's addresses (none: one row with `id` null). */
type StateRow = SeatCounts & Omit<Partial<Registration>, 'id'> & { id: string | null; knownWaitlistPosition: number | null };

/**
 * Locks the event, then reads (in statements after the lock, so they see everything committed by
 * earlier holders): seat counts together with the registrations of the batch's addresses, and the
 * sessions with their counts when anyone chose sessions.
 */
async function readState(tx: EntityManager, eventId: string, batch: Queued[]): Promise<BatchState> {
  const state: BatchState = { event: await lockEvent(tx, eventId), counts: { taken: 0, waiting: 0 }, known: new Map(), sessions: [], sessionCounts: new Map(), mailEvents: new Map() };
  if (!state.event) return state;
  const rows: StateRow[] = await tx.query(
    `SELECT c.taken, c.waiting, ${columnsOf(tx, Registration, 'r')},
            CASE WHEN r.status = 'WAITLISTED' THEN
              (SELECT count(*)::int FROM registration w WHERE w.event_id = $1 AND w.status = 'WAITLISTED' AND w.queue_seq <= r.queue_seq)
            END AS "knownWaitlistPosition"
       FROM (SELECT count(*) FILTER (WHERE status IN ('CONFIRMED', 'ATTENDED'))::int AS taken,
                    count(*) FILTER (WHERE status = 'WAITLISTED')::int AS waiting
               FROM registration WHERE event_id = $1) c
       LEFT JOIN registration r ON r.event_id = $1 AND r.status <> 'CANCELLED' AND lower(r.email) = ANY($2::text[])`,
    [eventId, batch.map((b) => b.registration.email.toLowerCase())],
  );
  state.counts = { taken: rows[0].taken, waiting: rows[0].waiting };
  for (const { taken: _t, waiting: _w, knownWaitlistPosition, ...row } of rows) {
    if (row.id === null) continue;
    const registration = tx.getRepository(Registration).create({ ...row, id: row.id });
    registration.knownWaitlistPosition = knownWaitlistPosition;
    state.known.set(row.email!.toLowerCase(), registration);
  }
  if (batch.some((b) => b.registration.sessionIds.length)) {
    const sessions: (SeatCounts & Record<string, unknown>)[] = await tx.query(
      `SELECT ${columnsOf(tx, EventSession, 's')},
              count(c.session_id) FILTER (WHERE c.status = 'CONFIRMED')::int AS taken,
              count(c.session_id) FILTER (WHERE c.status = 'WAITLISTED')::int AS waiting
         FROM event_session s LEFT JOIN session_choice c ON c.session_id = s.id
        WHERE s.event_id = $1 GROUP BY s.id ORDER BY s.position, s.id`,
      [eventId],
    );
    for (const { taken, waiting, ...row } of sessions) {
      const session = tx.getRepository(EventSession).create(row as Partial<EventSession>);
      state.sessions.push(session);
      state.sessionCounts.set(session.id, { taken, waiting });
    }
  }
  return state;
}

/**
 * One person: first the checks of what they asked for (sessions, the event, its registration
 * window), before their address is looked at, so that no answer tells whether it is registered;
 * then the registration made before with this address, or a seat or waiting place (with its
 * token and mail) to be written. Writes nothing.
 */
function decideOne(state: BatchState, item: Queued): Decision {
  const { ctx, registration: r } = item;
  const sessions = chooseSessions(state.sessions, r.sessionIds);
  const { event } = state;
  if (!event) throw notFound('Event');
  assertOpen(event, ctx.clock.now());
  const key = r.email.toLowerCase();
  const known = state.known.get(key);
  if (known) return { known };
  const seat = seatFor(event.capacity, event.waitlistEnabled, state.counts);
  if (!seat) throw eventFull();
  const confirmed = seat.waitlistPosition === null;
  // Sessions are decided for a seat at the event; people waiting get them when they move up.
  const choices: SessionOutcome[] = confirmed
    ? decideSessions(sessions, event.waitlistEnabled, state.sessionCounts)
    : sessions.map((session) => ({ session, status: ChoiceStatus.PENDING }));
  const row = newRow(item, state.mailEvents.get(r.language)!, seat, choices);
  if (confirmed) state.counts.taken++;
  else state.counts.waiting++;
  for (const c of choices) {
    const counts = state.sessionCounts.get(c.session.id)!;
    if (c.status === ChoiceStatus.CONFIRMED) counts.taken++;
    else if (c.status === ChoiceStatus.WAITLISTED) counts.waiting++;
  }
  state.known.set(key, row);
  return { row };
}

/** A new registration: ids and token are made here, so that its mail can be written with it. */
function newRow(item: Queued, m: MailEvent, seat: Seat, choices: SessionOutcome[]): NewRow {
  const { ctx, registration: r } = item;
  const id = randomUUID();
  const token = newToken();
  const status = seat.waitlistPosition === null ? RegistrationStatus.CONFIRMED : RegistrationStatus.WAITLISTED;
  const recipient = { name: r.name, email: r.email };
  const links = ctx.services.links;
  const mail = seat.waitlistPosition === null ? confirmationMail(links, m, recipient, token, choices) : waitlistMail(links, m, recipient, token, seat.waitlistPosition);
  return { id, item, status, seat, choices, tokenHash: hashToken(token), mail };
}

/**
 * The batch's new registrations, their chosen sessions, manage tokens and mails in one statement
 * (rows in arrival order, so that queue places follow it); each stored row comes back through
 * RETURNING and is set as the row's `written`.
 */
async function insertRegistrations(tx: EntityManager, event: Event, rows: NewRow[]): Promise<void> {
  if (!rows.length) return;
  const input = rows.map(({ id, item: { ctx, registration: r }, status, choices, tokenHash, mail }, n) => ({
    n,
    id,
    name: r.name,
    email: r.email,
    organisation: r.organisation,
    region_code: r.regionCode,
    needs: r.needs,
    language: r.language,
    status,
    consent_at: ctx.clock.now(),
    consent_ip: ctx.client.ip ?? null,
    consent_user_agent: ctx.client.userAgent ?? null,
    token_hash: tokenHash,
    dedupe_key: `registration:${id}:${status === RegistrationStatus.CONFIRMED ? 'confirmed' : 'waitlisted'}`,
    message: mail,
    choices: choices.map((c, k) => ({ n: k, session_id: c.session.id, status: c.status })),
  }));
  const written: Record<string, unknown>[] = await tx.query(
    `WITH i AS (
       SELECT * FROM jsonb_to_recordset($2::jsonb) AS i(
         n int, id uuid, name text, email text, organisation text, region_code text, needs jsonb, language text, status text, consent_at timestamptz,
         consent_ip text, consent_user_agent text, token_hash text, dedupe_key text, message jsonb, choices jsonb)),
     r AS (
       INSERT INTO registration (id, event_id, name, email, organisation, region_code, needs, status, consent_at, consent_ip, consent_user_agent, confirmed_at, language)
       SELECT i.id, $1, i.name, i.email, i.organisation, i.region_code, i.needs, i.status, i.consent_at, i.consent_ip, i.consent_user_agent,
              CASE WHEN i.status = 'CONFIRMED' THEN i.consent_at END, i.language
         FROM i ORDER BY i.n
       RETURNING *),
     c AS (
       -- Queue places in the sessions are drawn in the order of the people, then of each list.
       INSERT INTO session_choice (registration_id, session_id, status)
       SELECT r.id, s.session_id, s.status FROM r JOIN i ON i.id = r.id, jsonb_to_recordset(i.choices) AS s(n int, session_id uuid, status text)
        ORDER BY i.n, s.n),
     t AS (INSERT INTO registration_token (token_hash, registration_id) SELECT i.token_hash, r.id FROM r JOIN i ON i.id = r.id),
     m AS (INSERT INTO outbox_mail (dedupe_key, message) SELECT i.dedupe_key, i.message FROM r JOIN i ON i.id = r.id ORDER BY i.n ON CONFLICT (dedupe_key) DO NOTHING)
     SELECT ${columnsOf(tx, Registration, 'r')} FROM r`,
    [event.id, JSON.stringify(input)],
  );
  const repository = tx.getRepository(Registration);
  const byId = new Map(written.map((w) => [w.id as string, w]));
  for (const row of rows) {
    row.written = Object.assign(repository.create(byId.get(row.id) as Partial<Registration>), {
      knownWaitlistPosition: row.seat.waitlistPosition,
      receiptChoices: row.choices.map((c) => ({ session: c.session, status: c.status, waitlistPosition: c.waitlistPosition ?? null })),
    });
  }
}

/**
 * Mails the registered address (as stored, not as typed now) its manage link again, at most once
 * a day so that nobody can flood a mailbox: the token is stored only when the mail is.
 */
async function remindKnown(tx: EntityManager, ctx: EventsContext, m: MailEvent, known: Registration): Promise<void> {
  const token = newToken();
  const mail = alreadyRegisteredMail(
    ctx.services.links,
    m,
    { name: known.name ?? '', email: known.email ?? '' },
    token,
    known.status,
    known.knownWaitlistPosition ?? null,
  );
  await tx.query(
    `WITH m AS (INSERT INTO outbox_mail (dedupe_key, message) VALUES ($1, $2::jsonb) ON CONFLICT (dedupe_key) DO NOTHING RETURNING id)
     INSERT INTO registration_token (token_hash, registration_id) SELECT $3, $4 FROM m`,
    [`registration:${known.id}:reminder:${berlinDate(ctx.clock.now())}`, JSON.stringify(mail), hashToken(token), known.id],
  );
}
