import { randomBytes, randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { GraphQLError } from 'graphql';
import type { Event } from '../event/event.entity';
import { confirmationMail, waitlistMail } from '../mail/registration-mails';
import type { EventSession } from '../session/session.entity';
import type { KeyedQueue } from './event-queue';
import { eventCounts, lockEvent } from './capacity';
import { RegistrationStatus, type Needs } from './registration.entity';
import { hashToken } from './token';

/** A registration waiting for its turn under the event's lock. */
export interface PendingRegistration<C> {
  ctx: C;
  name: string;
  email: string;
  organisation: string | null;
  regionCode: string | null;
  needs: Needs;
  sessions: EventSession[];
}

/** What a batch does for one registration, under the lock it holds for all of them. */
export interface BatchSteps<C> {
  /** Throws (a GraphQLError) when the event no longer takes registrations. */
  assertOpen(ctx: C, event: Event): void;
  /** The event is full and has no waiting list. */
  eventFull(): GraphQLError;
  /** There is no such event. */
  notFound(): GraphQLError;
  /** The same email registered already: remind it, answer its id. */
  remindExisting(ctx: C, tx: EntityManager, event: Event, existing: Existing): Promise<void>;
  /** The full path (sessions, seat decision, token, mail) for one registration with sessions. */
  registerWithSessions(ctx: C, tx: EntityManager, event: Event, item: PendingRegistration<C>): Promise<{ id: string; status: RegistrationStatus }>;
  /** Services for the mails (links). */
  services(ctx: C): Parameters<typeof confirmationMail>[0];
  now(ctx: C): Date;
  client(ctx: C): { ip?: string; userAgent?: string };
}

export interface Existing {
  id: string;
  name: string;
  email: string;
  status: RegistrationStatus;
}

type Queued<C> = PendingRegistration<C> & { resolve(id: string): void; reject(e: unknown): void };

/** Registrations handled in one transaction at most; the rest wait for the next batch. */
const MAX_BATCH = 100;

/**
 * Group commit for registrations: while one transaction holds an event's lock, the registrations
 * arriving meanwhile wait here, and the next transaction registers all of them under one lock —
 * with the seat counts and the same-email lookup read once, and each registration (row, token and
 * mail) written in a single statement. A burst then costs about one database round trip per person
 * instead of eight, and capacity still holds across instances: everything happens under the
 * event's row lock. A person whose registration fails for a reason of their own (event full, a
 * session full) gets that error; the others are registered.
 */
export class RegistrationBatcher<C> {
  private readonly pending = new Map<string, Queued<C>[]>();
  private readonly scheduled = new Set<string>();

  constructor(
    private readonly queue: KeyedQueue,
    private readonly steps: BatchSteps<C>,
  ) {}

  /** Registers in the next batch for the event; resolves with the registration's id. */
  submit(ds: DataSource, eventId: string, item: PendingRegistration<C>): Promise<string> {
    return new Promise<string>((resolve, reject) => {
      let list = this.pending.get(eventId);
      if (!list) this.pending.set(eventId, (list = []));
      list.push({ ...item, resolve, reject });
      if (!this.scheduled.has(eventId)) this.schedule(ds, eventId);
    });
  }

  private schedule(ds: DataSource, eventId: string): void {
    this.scheduled.add(eventId);
    // Behind every other transaction of this event in this instance (cancellations, updates).
    void this.queue.run(eventId, async () => {
      const list = this.pending.get(eventId) ?? [];
      const batch = list.splice(0, MAX_BATCH);
      if (list.length) this.schedule(ds, eventId);
      else {
        this.pending.delete(eventId);
        this.scheduled.delete(eventId);
      }
      await this.run(ds, eventId, batch);
    });
  }

  private async run(ds: DataSource, eventId: string, batch: Queued<C>[]): Promise<void> {
    const outcomes: Array<{ id: string } | { error: unknown }> = [];
    try {
      await ds.transaction(async (tx) => {
        outcomes.length = 0;
        const event = await lockEvent(tx, eventId);
        if (!event) {
          for (const _ of batch) outcomes.push({ error: this.steps.notFound() });
          return;
        }
        let { taken, waiting } = await eventCounts(tx, eventId);
        const rows: (Existing & { key: string })[] = await tx.query(
          `SELECT id, name, email, status, lower(email) AS key FROM registration
            WHERE event_id = $1 AND status <> 'CANCELLED' AND lower(email) = ANY($2::text[])`,
          [eventId, batch.map((b) => b.email.toLowerCase())],
        );
        const existing = new Map(rows.map((r) => [r.key, r as Existing]));
        for (const item of batch) {
          try {
            this.steps.assertOpen(item.ctx, event);
            const key = item.email.toLowerCase();
            const known = existing.get(key);
            if (known) {
              await this.steps.remindExisting(item.ctx, tx, event, known);
              outcomes.push({ id: known.id });
              continue;
            }
            let id: string;
            let status: RegistrationStatus;
            if (item.sessions.length) {
              // Sessions have their own seats: the full path, isolated so a full session undoes only this one.
              await tx.query('SAVEPOINT registration');
              try {
                ({ id, status } = await this.steps.registerWithSessions(item.ctx, tx, event, item));
                await tx.query('RELEASE SAVEPOINT registration');
              } catch (e) {
                await tx.query('ROLLBACK TO SAVEPOINT registration');
                throw e;
              }
              if (status === RegistrationStatus.CONFIRMED) taken++;
              else waiting++;
            } else {
              if (event.capacity === null || taken < event.capacity) status = RegistrationStatus.CONFIRMED;
              else if (event.waitlistEnabled) status = RegistrationStatus.WAITLISTED;
              else throw this.steps.eventFull();
              id = await this.insert(tx, event, item, status, waiting + 1);
              if (status === RegistrationStatus.CONFIRMED) taken++;
              else waiting++;
            }
            existing.set(key, { id, name: item.name, email: item.email, status });
            outcomes.push({ id });
          } catch (e) {
            // A person's own reason (a GraphQL error) fails only them; anything else fails the batch.
            if (!(e instanceof GraphQLError)) throw e;
            outcomes.push({ error: e });
          }
        }
      });
    } catch (e) {
      for (const item of batch) item.reject(e);
      return;
    }
    batch.forEach((item, i) => {
      const outcome = outcomes[i];
      if ('id' in outcome) item.resolve(outcome.id);
      else item.reject(outcome.error);
    });
  }

  /** Registration, manage token and mail in one statement (ids made here, so nothing waits for a RETURNING). */
  private async insert(tx: EntityManager, event: Event, item: Queued<C>, status: RegistrationStatus, position: number): Promise<string> {
    const id = randomUUID();
    const token = randomBytes(32).toString('base64url');
    const recipient = { name: item.name, email: item.email };
    const services = this.steps.services(item.ctx);
    const confirmed = status === RegistrationStatus.CONFIRMED;
    const mail = confirmed ? confirmationMail(services, event, recipient, token, []) : waitlistMail(services, event, recipient, token, position);
    const client = this.steps.client(item.ctx);
    const now = this.steps.now(item.ctx);
    await tx.query(
      `WITH r AS (
         INSERT INTO registration (id, event_id, name, email, organisation, region_code, needs, status, consent_at, consent_ip, consent_user_agent, confirmed_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, CASE WHEN $8 = 'CONFIRMED' THEN $9::timestamptz END)
         RETURNING id),
       t AS (INSERT INTO registration_token (token_hash, registration_id) SELECT $12, id FROM r)
       INSERT INTO outbox_mail (dedupe_key, message) SELECT $13, $14::jsonb FROM r ON CONFLICT (dedupe_key) DO NOTHING`,
      [
        id,
        event.id,
        item.name,
        item.email,
        item.organisation,
        item.regionCode,
        JSON.stringify(item.needs),
        status,
        now,
        client.ip ?? null,
        client.userAgent ?? null,
        hashToken(token),
        `registration:${id}:${confirmed ? 'confirmed' : 'waitlisted'}`,
        JSON.stringify(mail),
      ],
    );
    return id;
  }
}
