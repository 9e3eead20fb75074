import { enqueueMail } from '@mitgen/subgraph-kit';
import type { EntityManager } from 'typeorm';
import type { EventsContext } from '../context';
import { Event, EventStatus } from '../event/event.entity';
import { mailEventsFor, promotionMail, sessionPromotionMail, type ChoiceOutcome } from '../mail/registration-mails';
import { ChoiceStatus, EventSession } from '../session/session.entity';
import { rowsOf } from '../sql';
import { sessionFull } from './registration.rules';
import { mintToken } from './token';

// Seats are counted and handed out only while the event's row is locked (SELECT … FOR UPDATE) in
// the same transaction that writes the registration: every instance of the service goes through
// the same lock in PostgreSQL, so two registrations can never both take the last seat. Counting
// happens in statements *after* the lock is granted: in READ COMMITTED each statement sees what
// was committed before it started, so it sees every registration that held the lock before.

/** Seats taken and people waiting, of an event or a session. */
export interface SeatCounts {
  taken: number;
  waiting: number;
}

/** A seat (`waitlistPosition` null) or a place on a waiting list. */
export interface Seat {
  waitlistPosition: number | null;
}

/**
 * Decides what the next person gets, at the event and in each session alike: a seat while fewer
 * than `capacity` are taken (null: no limit), else the place behind everyone waiting, else null
 * (full, and no waiting list). Call with counts read under the event's lock.
 */
export function seatFor(capacity: number | null, waitlistEnabled: boolean, counts: SeatCounts): Seat | null {
  if (capacity === null || counts.taken < capacity) return { waitlistPosition: null };
  return waitlistEnabled ? { waitlistPosition: counts.waiting + 1 } : null;
}

/** What a person got in a chosen session. */
export type SessionOutcome = ChoiceOutcome & { session: EventSession };

/**
 * Seats in the chosen sessions for someone who holds a seat at the event (`seatFor` per session);
 * SESSION_FULL when a session is full and there is no waiting list. Writes nothing.
 */
export function decideSessions(sessions: readonly EventSession[], waitlistEnabled: boolean, counts: ReadonlyMap<string, SeatCounts>): SessionOutcome[] {
  return sessions.map((session): SessionOutcome => {
    const seat = seatFor(session.capacity, waitlistEnabled, counts.get(session.id) ?? { taken: 0, waiting: 0 });
    if (!seat) throw sessionFull(session);
    return seat.waitlistPosition === null
      ? { session, status: ChoiceStatus.CONFIRMED }
      : { session, status: ChoiceStatus.WAITLISTED, waitlistPosition: seat.waitlistPosition };
  });
}

/**
 * Runs `work` in a transaction that will lock the event: queued per event in this process first,
 * so that waiting for the lock holds no pooled connection.
 */
export function eventTransaction<T>(ctx: EventsContext, eventId: string, work: (tx: EntityManager) => Promise<T>): Promise<T> {
  return ctx.services.eventQueue.run(eventId, () => ctx.ds.transaction(work));
}

/** Locks the event's row for the rest of the transaction and returns it (null when there is none). */
export function lockEvent(tx: EntityManager, eventId: string): Promise<Event | null> {
  return tx.getRepository(Event).createQueryBuilder('e').setLock('pessimistic_write').where('e.id = :eventId', { eventId }).getOne();
}

/** Seats taken and people waiting; call with the event locked. */
export async function eventCounts(tx: EntityManager, eventId: string): Promise<SeatCounts> {
  const [row] = await tx.query(
    `SELECT count(*) FILTER (WHERE status IN ('CONFIRMED', 'ATTENDED'))::int AS taken,
            count(*) FILTER (WHERE status = 'WAITLISTED')::int AS waiting
       FROM registration WHERE event_id = $1`,
    [eventId],
  );
  return row;
}

/** Taken seats and waiting people per session; call with the event locked. */
async function sessionCounts(tx: EntityManager, sessionIds: string[]): Promise<Map<string, SeatCounts>> {
  const rows: { session_id: string; taken: number; waiting: number }[] = sessionIds.length
    ? await tx.query(
        `SELECT session_id, count(*) FILTER (WHERE status = 'CONFIRMED')::int AS taken, count(*) FILTER (WHERE status = 'WAITLISTED')::int AS waiting
           FROM session_choice WHERE session_id = ANY($1::uuid[]) GROUP BY session_id`,
        [sessionIds],
      )
    : [];
  return new Map(rows.map((r) => [r.session_id, { taken: r.taken, waiting: r.waiting }]));
}

/**
 * Gives a seat-holding registration its chosen sessions: a seat where one is free, else a place on
 * the session's waiting list (SESSION_FULL without one, before anything is written). `insert`
 * adds the choices, `update` gives pending ones their seat or place.
 */
export async function allocateSessions(
  tx: EntityManager,
  registrationId: string,
  sessions: EventSession[],
  waitlistEnabled: boolean,
  mode: 'insert' | 'update',
): Promise<ChoiceOutcome[]> {
  if (!sessions.length) return [];
  const counts = await sessionCounts(
    tx,
    sessions.map((s) => s.id),
  );
  const outcomes = decideSessions(sessions, waitlistEnabled, counts);
  const ids = sessions.map((s) => s.id);
  const statuses = outcomes.map((o) => o.status);
  if (mode === 'insert') {
    // One statement; queue places are drawn in the order of the list, while the event is locked.
    await tx.query(
      `INSERT INTO session_choice (registration_id, session_id, status)
       SELECT $1, s.id, s.status FROM unnest($2::uuid[], $3::text[]) WITH ORDINALITY AS s(id, status, n) ORDER BY s.n`,
      [registrationId, ids, statuses],
    );
  } else {
    // Pending choices of someone who just got a seat: they queue behind those already waiting.
    await tx.query(
      `UPDATE session_choice c SET status = s.status, queue_seq = nextval('registration_queue_seq')
         FROM unnest($2::uuid[], $3::text[]) AS s(id, status)
        WHERE c.registration_id = $1 AND c.session_id = s.id`,
      [registrationId, ids, statuses],
    );
  }
  return outcomes;
}

/** Sessions of an event by id (loaded inside the transaction). */
async function sessionsById(tx: EntityManager, eventId: string): Promise<Map<string, EventSession>> {
  const sessions = await tx.getRepository(EventSession).find({ where: { eventId }, order: { position: 'ASC' } });
  return new Map(sessions.map((s) => [s.id, s]));
}

/**
 * Fills free seats from the waiting lists, first come first served: first the event's (each person
 * promoted gets their chosen sessions and a mail), then each session's. Call with the event locked,
 * after anything that may free seats (cancellation, more capacity, a changed session choice).
 * Returns how many registrations were promoted to the event.
 */
export async function fillFreeSeats(ctx: EventsContext, tx: EntityManager, event: Event): Promise<number> {
  if (event.status !== EventStatus.PUBLISHED || event.endsAt <= ctx.clock.now()) return 0;
  const { taken, waiting } = await eventCounts(tx, event.id);
  const free = event.capacity === null ? waiting : Math.max(0, event.capacity - taken);
  let promotedCount = 0;
  let sessions: Map<string, EventSession> | undefined;
  const mailEvents = mailEventsFor(ctx.ds, event);
  if (free > 0 && waiting > 0) {
    const promoted = rowsOf<{ id: string; name: string; email: string; queue_seq: string; language: string }>(
      await tx.query(
        `UPDATE registration r SET status = 'CONFIRMED', confirmed_at = now(), updated_at = now()
           FROM (SELECT id FROM registration WHERE event_id = $1 AND status = 'WAITLISTED' ORDER BY queue_seq LIMIT $2) first
          WHERE r.id = first.id
          RETURNING r.id, r.name, r.email, r.queue_seq, r.language`,
        [event.id, free],
      ),
    ).sort((a, b) => (BigInt(a.queue_seq) < BigInt(b.queue_seq) ? -1 : 1));
    promotedCount = promoted.length;
    sessions = await sessionsById(tx, event.id);
    for (const reg of promoted) {
      const pending: { session_id: string }[] = await tx.query(
        `SELECT c.session_id FROM session_choice c JOIN event_session s ON s.id = c.session_id
          WHERE c.registration_id = $1 AND c.status = 'PENDING' ORDER BY s.position, s.id`,
        [reg.id],
      );
      const chosen = pending.map((p) => sessions!.get(p.session_id)!).filter(Boolean);
      // Waiting lists exist for sessions whenever someone could wait for the event itself.
      const outcomes = await allocateSessions(tx, reg.id, chosen, true, 'update');
      const token = await mintToken(tx, reg.id);
      await enqueueMail(tx, `registration:${reg.id}:promoted`, promotionMail(ctx.services.links, await mailEvents(reg.language), reg, token, outcomes));
    }
  }
  await fillSessionSeats(ctx, tx, event, sessions);
  return promotedCount;
}

/** Promotes session waiting lists into free session seats (one statement for all sessions of the event). */
async function fillSessionSeats(ctx: EventsContext, tx: EntityManager, event: Event, known?: Map<string, EventSession>): Promise<void> {
  const promoted = rowsOf<{ registration_id: string; session_id: string; queue_seq: string }>(
    await tx.query(
      `WITH seats AS (
         SELECT s.id, s.capacity, count(c.session_id) FILTER (WHERE c.status = 'CONFIRMED')::int AS taken
           FROM event_session s LEFT JOIN session_choice c ON c.session_id = s.id
          WHERE s.event_id = $1 GROUP BY s.id, s.capacity
       ), queue AS (
         SELECT c.registration_id, c.session_id, row_number() OVER (PARTITION BY c.session_id ORDER BY c.queue_seq) AS place
           FROM session_choice c JOIN seats ON seats.id = c.session_id
          WHERE c.status = 'WAITLISTED'
       )
       UPDATE session_choice sc SET status = 'CONFIRMED'
         FROM queue JOIN seats ON seats.id = queue.session_id
        WHERE sc.registration_id = queue.registration_id AND sc.session_id = queue.session_id
          AND (seats.capacity IS NULL OR queue.place <= seats.capacity - seats.taken)
        RETURNING sc.registration_id, sc.session_id, sc.queue_seq`,
      [event.id],
    ),
  );
  if (!promoted.length) return;
  const sessions = known ?? (await sessionsById(tx, event.id));
  const mailEvents = mailEventsFor(ctx.ds, event);
  const people: { id: string; name: string; email: string; language: string }[] = await tx.query('SELECT id, name, email, language FROM registration WHERE id = ANY($1::uuid[])', [
    [...new Set(promoted.map((p) => p.registration_id))],
  ]);
  const byId = new Map(people.map((p) => [p.id, p]));
  for (const p of promoted) {
    const token = await mintToken(tx, p.registration_id);
    const session = sessions.get(p.session_id)!;
    await enqueueMail(
      tx,
      `session-choice:${p.registration_id}:${p.session_id}:${p.queue_seq}:promoted`,
      sessionPromotionMail(ctx.services.links, await mailEvents(byId.get(p.registration_id)!.language), byId.get(p.registration_id)!, token, session),
    );
  }
}
