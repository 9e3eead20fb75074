import { AuditEntry, type Clock, type Logger } from '@mitgen/subgraph-kit';
import type { DataSource } from 'typeorm';
import { anonymiseRegistrations } from './privacy.service';

const DAY_MS = 24 * 3600_000;
/** How often the retention job looks for registrations to anonymise. */
export const RETENTION_EVERY_MS = 3600_000;
/** Registrations anonymised per transaction (keeps locks and memory small on the first run over old data). */
const BATCH = 500;

export interface RetentionReport {
  /** Registrations anonymised in this run. */
  registrations: number;
  /** Events whose registrations were anonymised in this run. */
  events: number;
}

/**
 * Anonymises the registrations of every event that ended more than `days` days before `now`
 * (see `anonymiseRegistrations`), in batches; rows other instances are working on are skipped.
 * Each event gets an audit entry by the system (`ANONYMISE_REGISTRATIONS`, with the count), so its
 * organisers can see in `Event.auditLog` why the names are gone.
 */
export async function anonymiseEndedEvents(ds: DataSource, now: Date, days: number): Promise<RetentionReport> {
  const cutoff = new Date(now.getTime() - days * DAY_MS);
  const events = new Set<string>();
  let registrations = 0;
  for (;;) {
    const done = await ds.transaction(async (tx) => {
      const due: { id: string; event_id: string }[] = await tx.query(
        `SELECT r.id, r.event_id FROM registration r JOIN event e ON e.id = r.event_id
          WHERE r.anonymised_at IS NULL AND e.ends_at < $1
          ORDER BY r.event_id, r.id LIMIT $2 FOR UPDATE OF r SKIP LOCKED`,
        [cutoff, BATCH],
      );
      if (!due.length) return 0;
      await anonymiseRegistrations(
        tx,
        due.map((r) => r.id),
        now,
      );
      const perEvent = new Map<string, number>();
      for (const r of due) perEvent.set(r.event_id, (perEvent.get(r.event_id) ?? 0) + 1);
      await tx.getRepository(AuditEntry).insert(
        [...perEvent].map(([eventId, n]) => ({
          actorId: null,
          actorRole: 'SYSTEM',
          entityType: 'Event',
          entityId: eventId,
          action: 'ANONYMISE_REGISTRATIONS',
          changes: { registrations: n, retentionDays: days },
          requestId: null,
        })),
      );
      for (const id of perEvent.keys()) events.add(id);
      return due.length;
    });
    registrations += done;
    if (done < BATCH) break;
  }
  return { registrations, events: events.size };
}

/** The retention job of one instance: runs at start, then every `everyMs`; `stop` waits for a run in progress. */
export interface RetentionWorker {
  start(): void;
  stop(): Promise<void>;
  /** One run now, in the caller's flow (tests). */
  runOnce(): Promise<RetentionReport>;
}

/** Builds the registration retention job (anonymisation `days` after an event ended). */
export function createRegistrationRetention(o: { ds: DataSource; clock: Clock; log: Logger; days: number; everyMs?: number }): RetentionWorker {
  const everyMs = o.everyMs ?? RETENTION_EVERY_MS;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  let started = false;
  let stopped = false;
  const runOnce = () => anonymiseEndedEvents(o.ds, o.clock.now(), o.days);
  const tick = () => {
    running = runOnce()
      .then((report) => {
        if (report.registrations) o.log.info({ report }, '[events] anonymised registrations of past events');
      })
      .catch((err) => o.log.error({ err }, '[events] registration retention failed; trying again later'))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, everyMs).unref();
      });
  };
  return {
    start() {
      if (started || stopped) return;
      started = true;
      tick();
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
    runOnce,
  };
}
