import type { DataSource, EntityManager } from 'typeorm';
import type { Logger } from 'pino';
import type { Clock } from '../context';
import { openSendJournal } from './journal';
import type { OutboxMessage } from './outbox.entity';
import type { MailTransport } from './transport';

/**
 * Puts a mail into the outbox inside the caller's transaction: it is sent only if that commits.
 * Enqueuing the same `dedupeKey` twice keeps the first (returns false).
 */
export async function enqueueMail(manager: EntityManager, dedupeKey: string, message: OutboxMessage, sendAfter?: Date): Promise<boolean> {
  const rows: unknown[] = await manager.query(
    `INSERT INTO outbox_mail (dedupe_key, message, send_after) VALUES ($1, $2, coalesce($3::timestamptz, now()))
     ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
    [dedupeKey, JSON.stringify(message), sendAfter ?? null],
  );
  return rows.length > 0;
}

export interface OutboxWorkerOptions {
  ds: DataSource;
  transport: MailTransport;
  log: Logger;
  clock?: Clock;
  /** Sender address of every mail. */
  from: string;
  /** Domain for Message-IDs (`<outbox id>@domain`: the same mail keeps its id on a retry). */
  messageIdDomain: string;
  /** Steady sending rate (mails per second). */
  ratePerSecond?: number;
  /** Mails claimed per round; also the number sent in parallel. */
  batchSize?: number;
  maxAttempts?: number;
  /** Pause when the outbox is empty. */
  idleMs?: number;
  /**
   * How long a claim holds: a worker that died frees its mails after this (the delay of a crash).
   * It must outlast a whole batch, so the transport's own time limits stay below it.
   */
  claimSeconds?: number;
  /**
   * The send journal (see `openSendJournal`): its folder, shared by the workers on one host, and the
   * service's name. Without it a kill between the server's acceptance and the mark in the database
   * (a round trip) sends that mail again when the claim runs out; with it only a kill in the instant
   * between the final "." leaving and its journal line does.
   */
  journal?: { dir: string; name: string; owner?: number };
}

/** The outbox sender: `start` runs it in the background, `stop` finishes the batch in hand. */
export interface OutboxWorker {
  start(): void;
  stop(): Promise<void>;
  /** Sends until nothing is due, in the caller's flow (tests, scripts). */
  drain(): Promise<void>;
}

/** Default claim time of the outbox worker, in seconds. */
export const MAIL_CLAIM_SECONDS = 45;

/** Backoff after the n-th failed attempt: 30 s, 2 min, 8 min, … capped at 2 h. */
export const backoffSeconds = (attempt: number) => Math.min(30 * 4 ** (attempt - 1), 7200);

/**
 * Sends the outbox: claims a batch (`FOR UPDATE SKIP LOCKED`, so several instances share the work),
 * sends each mail, marks it sent when the server accepted it. A worker that dies leaves its claimed
 * mails to be retried once the claim runs out: nothing is lost. What keeps that retry from sending a
 * mail twice is the send journal: as soon as the final "." of a message has left for the server (the
 * operating system holds every byte), its id is written to a local file, so a mail the server may have
 * accepted without the database knowing is in the journal of a dead worker, which the next worker on
 * the host replays (marks sent) before the claims run out. Killed before the "." left, the server got
 * an unfinished message and discards it; only a kill in the instant between the "." leaving and its
 * journal line sends a mail twice — at most the mails in flight, each with its stable Message-ID
 * (`<outbox id@domain>`), by which servers and mail clients recognise the copy. A graceful stop
 * finishes the batch in hand.
 */
export function createOutboxWorker(o: OutboxWorkerOptions): OutboxWorker {
  const batchSize = o.batchSize ?? 20;
  const rate = o.ratePerSecond ?? 50;
  const maxAttempts = o.maxAttempts ?? 6;
  const idleMs = o.idleMs ?? 1000;
  const claimSeconds = o.claimSeconds ?? MAIL_CLAIM_SECONDS;
  const journal = o.journal ? openSendJournal(o.journal.dir, o.journal.name, o.journal.owner) : undefined;
  /** Accepted by the server, not yet marked in the database (its update failed): tried again each round. */
  const unmarked = new Set<string>();
  let stopping = false;
  let wake: (() => void) | undefined;
  let lastReplay = 0;

  const markSent = (ids: string[]) =>
    o.ds.query(`UPDATE outbox_mail SET status = 'SENT', sent_at = coalesce(sent_at, now()), locked_until = NULL, last_error = NULL WHERE id = ANY($1::uuid[]) AND status = 'PENDING'`, [ids]);

  /** Marks the mails in the journals of dead workers as sent, before their claims run out. */
  const replayOrphans = async () => {
    if (!journal) return;
    lastReplay = Date.now();
    for (const { file, ids } of journal.orphans()) {
      if (ids.length) await markSent(ids);
      journal.remove(file);
      if (ids.length) o.log.info({ file, mails: ids.length }, 'mails handed over by a worker that died are marked sent');
    }
  };

  const claim = async (): Promise<Array<{ id: string; message: OutboxMessage; attempts: number }>> =>
    o.ds.query(
      `UPDATE outbox_mail SET locked_until = now() + make_interval(secs => $2), attempts = attempts + 1
        WHERE id IN (
          SELECT id FROM outbox_mail
           WHERE status = 'PENDING' AND send_after <= now() AND (locked_until IS NULL OR locked_until < now())
           ORDER BY send_after, created_at LIMIT $1 FOR UPDATE SKIP LOCKED)
        RETURNING id, message, attempts`,
      [batchSize, claimSeconds],
    ).then((r: unknown[]) => (Array.isArray(r[0]) ? (r[0] as never) : (r as never)));

  const sendOne = async (mail: { id: string; message: OutboxMessage; attempts: number }) => {
    let handedOver = false;
    try {
      await o.transport.send(
        { ...mail.message, from: o.from, messageId: `<${mail.id}@${o.messageIdDomain}>` },
        {
          handedOver:
            journal &&
            (() => {
              try {
                journal.handedOver(mail.id);
                handedOver = true;
              } catch (e) {
                // Without the line a kill now would send it again; sending goes on.
                o.log.warn({ mailId: mail.id, err: (e as Error).message }, 'send journal not written');
              }
            }),
        },
      );
    } catch (e) {
      if (handedOver) journal?.refused(mail.id);
      const failed = mail.attempts >= maxAttempts;
      o.log.warn({ mailId: mail.id, attempt: mail.attempts, err: (e as Error).message }, failed ? 'mail failed for good' : 'mail failed; will retry');
      await o.ds.query(
        `UPDATE outbox_mail SET status = $2, locked_until = NULL, last_error = $3, send_after = now() + make_interval(secs => $4) WHERE id = $1`,
        [mail.id, failed ? 'FAILED' : 'PENDING', String((e as Error).message).slice(0, 500), backoffSeconds(mail.attempts)],
      );
      return;
    }
    try {
      await markSent([mail.id]);
    } catch (e) {
      unmarked.add(mail.id);
      o.log.error({ mailId: mail.id, err: (e as Error).message }, 'mail sent but not yet marked; trying again');
    }
  };

  /** One round: returns how many mails it handled. */
  const round = async (): Promise<number> => {
    if (journal && Date.now() - lastReplay > 10_000) await replayOrphans();
    if (unmarked.size) {
      await markSent([...unmarked]);
      unmarked.clear();
    }
    const batch = await claim();
    const started = Date.now();
    await Promise.all(batch.map(sendOne));
    // Keep the steady rate: a batch of n mails takes at least n / rate seconds.
    const minMs = (batch.length / rate) * 1000;
    const spent = Date.now() - started;
    // Everything handed over in this round has reached the database (or waits in `unmarked`).
    if (journal && batch.length && !unmarked.size) journal.clear();
    if (batch.length && spent < minMs) await new Promise((r) => setTimeout(r, minMs - spent));
    return batch.length;
  };

  let loop: Promise<void> | undefined;
  const run = async () => {
    while (!stopping) {
      let handled = 0;
      try {
        handled = await round();
      } catch (e) {
        o.log.error({ err: e }, 'outbox round failed');
      }
      if (!handled && !stopping) await new Promise<void>((r) => ((wake = r), setTimeout(r, idleMs)));
    }
  };

  return {
    start() {
      loop ??= run();
    },
    async stop() {
      stopping = true;
      wake?.();
      await loop;
      o.transport.close();
      journal?.close(unmarked.size === 0);
    },
    async drain() {
      while ((await round()) > 0);
    },
  };
}
