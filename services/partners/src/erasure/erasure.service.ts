import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { audit, ERASURE_COORDINATOR, type Logger, type SubgraphContext } from '@mitgen/subgraph-kit';
import type { DataSource } from 'typeorm';
import type { ErasureClient, StepOutcome } from './erasure.client';
import { addressHash, openAddress, sealAddress, type AddressKeys } from './erasure.crypto';
import { ErasureStatus } from './erasure.entity';

// The erasure coordinator. An erasure request is stored first (one transaction: the request, one
// PENDING part per participating service, an audit entry), then each service's erasure mutation
// is called through the gateway; each answer is recorded as it comes. A service that does not
// confirm stays PENDING and is called again ERASURE_RETRY_SECONDS later by the worker of any
// partners instance (parts are claimed with SKIP LOCKED, so instances never call the same part at
// once). The request becomes DONE (or FAILED) in the transaction that records the last answer,
// which also wipes the sealed address.

/** How long `eraseDataSubject` waits for the first answers before it returns the request as it stands. */
const FIRST_ATTEMPT_WAIT_MS = 4_000;
/** Most parts one poll calls. */
const BATCH = 20;

export interface ErasureOptions {
  /** The service's own (writable) DataSource. */
  ds: DataSource;
  log: Logger;
  keys: AddressKeys;
  client: ErasureClient;
  /** Services that take part, from the registry (participants.ts). */
  participants: string[];
  retrySeconds: number;
  /** Seconds a claimed part is left to its caller before another instance may call it again. */
  leaseSeconds?: number;
}

/** Rows of an UPDATE … RETURNING (TypeORM answers it as `[rows, count]`). */
const rowsOf = <T>(r: unknown): T[] => (Array.isArray(r) && Array.isArray(r[0]) ? r[0] : (r as T[]));

export class ErasureCoordinator {
  /** Calls in flight, awaited at shutdown. */
  private readonly running = new Set<Promise<unknown>>();

  constructor(private readonly o: ErasureOptions) {}

  get participants(): readonly string[] {
    return this.o.participants;
  }

  /** The keyed hash under which requests about `email` (normalised) are stored. */
  hashOf(email: string): string {
    return addressHash(this.o.keys, email);
  }

  /**
   * Stores an erasure request for a normalised address, asked by the coordinator in `ctx`, and
   * makes the first attempt at every service, waiting for their answers a few seconds at most.
   * Returns the request's id.
   */
  async request(ctx: SubgraphContext, email: string): Promise<string> {
    const id = randomUUID();
    const { participants } = this.o;
    await this.o.ds.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO erasure_request (id, status, email_hash, email_sealed, requested_by_id, completed_at)
         VALUES ($1, $2, $3, $4, $5, CASE WHEN $2 = 'DONE' THEN now() END)`,
        [id, participants.length ? ErasureStatus.PENDING : ErasureStatus.DONE, this.hashOf(email), participants.length ? sealAddress(this.o.keys, id, email) : null, ctx.principal.subject],
      );
      if (participants.length) {
        await tx.query(`INSERT INTO erasure_step (request_id, service, status, next_attempt_at) SELECT $1, unnest($2::text[]), 'PENDING', now()`, [id, participants]);
      }
      // Who asked and for which services, never the address.
      await audit(tx, ctx, { entityType: 'ErasureRequest', entityId: id, action: 'REQUEST', changes: { services: participants } });
    });
    await Promise.race([this.runDue(id), delay(FIRST_ATTEMPT_WAIT_MS)]);
    return id;
  }

  /**
   * Calls the services whose part is due (of one request, or of any), in parallel, and records
   * each answer. Resolves with the number of parts called once all are recorded.
   */
  runDue(requestId?: string): Promise<number> {
    const run = this.callDue(requestId);
    this.running.add(run);
    void run.finally(() => this.running.delete(run)).catch(() => undefined);
    return run;
  }

  /** Waits for the calls in flight (at shutdown, before the database closes). */
  async drain(): Promise<void> {
    await Promise.allSettled([...this.running]);
  }

  private async callDue(requestId?: string): Promise<number> {
    const lease = this.o.leaseSeconds ?? 90;
    const claimed = rowsOf<{ request_id: string; service: string; email_sealed: string | null }>(
      await this.o.ds.query(
        `WITH due AS (
           SELECT request_id, service FROM erasure_step
            WHERE status = 'PENDING' AND next_attempt_at <= now() AND ($3::uuid IS NULL OR request_id = $3::uuid)
            ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED)
         UPDATE erasure_step s SET attempts = s.attempts + 1, last_attempt_at = now(), next_attempt_at = now() + make_interval(secs => $2)
           FROM due, erasure_request r
          WHERE s.request_id = due.request_id AND s.service = due.service AND r.id = s.request_id
         RETURNING s.request_id, s.service, r.email_sealed`,
        [BATCH, lease, requestId ?? null],
      ),
    );
    await Promise.all(
      claimed.map(async (part) => {
        let outcome: StepOutcome;
        try {
          const email = openAddress(this.o.keys, part.request_id, part.email_sealed ?? '');
          outcome = await this.o.client.erase(part.service, part.request_id, email);
        } catch (e) {
          this.o.log.error({ err: e, requestId: part.request_id }, '[partners] erasure: the sealed address cannot be opened');
          outcome = { status: 'FAILED', reason: 'The address of this request can no longer be read (was ERASURE_SECRET changed?); request the erasure again.' };
        }
        await this.record(part.request_id, part.service, outcome).catch((e) => {
          // The part stays claimed until its lease ends, then it is called again.
          this.o.log.error({ err: e, requestId: part.request_id, service: part.service }, '[partners] erasure: an answer could not be recorded');
        });
      }),
    );
    return claimed.length;
  }

  /** Records one service's answer; completes the request (and wipes its sealed address) when no part is pending. */
  private async record(requestId: string, service: string, outcome: StepOutcome): Promise<void> {
    await this.o.ds.transaction(async (tx) => {
      // Answers of one request are recorded one after the other, so exactly one sees the last.
      await tx.query('SELECT 1 FROM erasure_request WHERE id = $1 FOR UPDATE', [requestId]);
      if (outcome.status === 'DONE') {
        await tx.query(
          `UPDATE erasure_step SET status = 'DONE', counts = $3::jsonb, reason = NULL, next_attempt_at = NULL, completed_at = now()
            WHERE request_id = $1 AND service = $2 AND status = 'PENDING'`,
          [requestId, service, JSON.stringify(outcome.counts)],
        );
      } else if (outcome.status === 'FAILED') {
        await tx.query(
          `UPDATE erasure_step SET status = 'FAILED', reason = $3, next_attempt_at = NULL, completed_at = now()
            WHERE request_id = $1 AND service = $2 AND status = 'PENDING'`,
          [requestId, service, outcome.reason],
        );
      } else {
        await tx.query(
          `UPDATE erasure_step SET reason = $3, next_attempt_at = now() + make_interval(secs => $4)
            WHERE request_id = $1 AND service = $2 AND status = 'PENDING'`,
          [requestId, service, outcome.reason, this.o.retrySeconds],
        );
      }
      const [finished] = rowsOf<{ status: ErasureStatus }>(
        await tx.query(
          `UPDATE erasure_request r
              SET status = CASE WHEN EXISTS (SELECT 1 FROM erasure_step WHERE request_id = r.id AND status = 'FAILED') THEN 'FAILED' ELSE 'DONE' END,
                  completed_at = now(), email_sealed = NULL
            WHERE r.id = $1 AND r.status = 'PENDING'
              AND NOT EXISTS (SELECT 1 FROM erasure_step WHERE request_id = r.id AND status = 'PENDING')
          RETURNING r.status`,
          [requestId],
        ),
      );
      if (!finished) return;
      const parts: { service: string; status: ErasureStatus; counts: { what: string; count: number }[]; reason: string | null }[] = await tx.query(
        'SELECT service, status, counts, reason FROM erasure_step WHERE request_id = $1 ORDER BY service',
        [requestId],
      );
      // The proof of erasure (Art. 5(2)): what each service did, by request id, without the address.
      await audit(tx, { principal: ERASURE_COORDINATOR, requestId: `erasure-${requestId}` }, {
        entityType: 'ErasureRequest',
        entityId: requestId,
        action: finished.status === ErasureStatus.DONE ? 'COMPLETE' : 'FAIL',
        changes: Object.fromEntries(
          parts.map((p) => [p.service, p.status === ErasureStatus.DONE ? Object.fromEntries(p.counts.map((c) => [c.what, c.count])) : { status: p.status, reason: p.reason }]),
        ),
      });
      this.o.log.info({ erasureRequest: requestId, status: finished.status }, `[partners] erasure request ${finished.status.toLowerCase()}`);
    });
  }
}

/** Polls for due parts every second (a part that failed is due ERASURE_RETRY_SECONDS after its attempt). */
export function startErasureWorker(coordinator: ErasureCoordinator, log: Logger, pollMs = 1_000): { stop(): Promise<void> } {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<unknown> | undefined;
  const tick = async () => {
    current = coordinator.runDue().catch((e) => log.error({ err: e }, '[partners] erasure worker: poll failed'));
    await current;
    if (!stopped) timer = setTimeout(tick, pollMs);
  };
  // Parts left pending by a stopped instance are picked up at once.
  timer = setTimeout(tick, 0);
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await current;
      await coordinator.drain();
    },
  };
}
