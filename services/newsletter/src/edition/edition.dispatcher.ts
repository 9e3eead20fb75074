import { GraphUnavailableError, type Clock, type GraphClient, type Logger, type OutboxMessage, type PublicLinks } from '@mitgen/subgraph-kit';
import type { DataSource } from 'typeorm';
import { returnedRows } from '../sql';
import { expiryOf, newToken } from '../token/token';
import { Edition, EditionStatus } from './edition.entity';
import { renderEdition } from './edition.render';
import { freeze, recipientLanguages, recipientsWhere } from './edition.service';

/** What an edition mail carries in the outbox instead of its body: the body is filled in when sending. */
export interface EditionMailRef {
  /** Edition id (its frozen rendering is the body). */
  id: string;
  /** The recipient's manage token (preferences and one-click unsubscribe links). */
  token: string;
  /** The recipient's name for the greeting. */
  name: string | null;
  /**
   * The rendering this recipient gets: their language if the edition was rendered in it, else `de`.
   * Fixed when queued, so that a retry sends the same language; absent (older rows) means `de`.
   */
  language?: string;
}

export type EditionMailMessage = OutboxMessage & { edition?: EditionMailRef };

/** Outbox dedupe key of one edition for one subscriber: the reason a subscriber can never get an edition twice. */
export const editionMailKey = (editionId: string, subscriberId: string) => `edition:${editionId}:${subscriberId}`;

export interface EditionDispatcher {
  /** One pass: start due scheduled editions, queue the recipients of sending ones, mark finished ones sent. */
  runOnce(): Promise<void>;
  /** Queues the next page of an edition's recipients; false when there was nothing (left) to queue. */
  enqueuePage(editionId: string): Promise<boolean>;
}

export interface EditionDispatcherOptions {
  ds: DataSource;
  log: Logger;
  clock: Clock;
  graph: GraphClient;
  links: PublicLinks;
  /** Recipients queued per transaction (memory holds one page at a time). */
  pageSize?: number;
}

/**
 * Turns editions into outbox rows. Recipients are read in pages by id after a cursor stored with the
 * edition; each page (its outbox rows, their link tokens and the new cursor) is one transaction, so a
 * crash loses at most one uncommitted page, which the next pass redoes. The edition row is locked
 * with SKIP LOCKED while a page is queued, so several instances share the work without overlap.
 */
export function createEditionDispatcher(o: EditionDispatcherOptions): EditionDispatcher {
  const pageSize = o.pageSize ?? 1000;

  async function enqueuePage(editionId: string): Promise<boolean> {
    const now = o.clock.now();
    return o.ds.transaction(async (tx) => {
      const [e] = await tx.query(
        `SELECT id, audience_topic_slugs AS topics, enqueue_cursor AS cursor, rendered_subject AS subject FROM newsletter_edition
          WHERE id = $1 AND status = 'SENDING' AND enqueued_at IS NULL FOR UPDATE SKIP LOCKED`,
        [editionId],
      );
      if (!e) return false;
      const page: { id: string; email: string; name: string | null; language: string }[] = await tx.query(
        `SELECT s.id, s.email, s.name, coalesce(r.language, 'de') AS language FROM subscriber s
           LEFT JOIN newsletter_edition_rendering r ON r.edition_id = $4 AND r.language = s.language
          WHERE ${recipientsWhere('$1')} AND s.id > $2 ORDER BY s.id LIMIT $3`,
        [e.topics, e.cursor ?? '00000000-0000-0000-0000-000000000000', pageSize, e.id],
      );
      if (page.length) {
        const tokens = page.map(() => newToken());
        const keys = page.map((s) => editionMailKey(e.id, s.id));
        const messages = page.map((s, i): EditionMailMessage => ({
          to: s.email,
          subject: e.subject,
          text: '',
          edition: { id: e.id, token: tokens[i].token, name: s.name, language: s.language },
        }));
        const inserted = new Set(
          returnedRows<{ dedupe_key: string }>(
            await tx.query(
              `INSERT INTO outbox_mail (dedupe_key, message) SELECT * FROM unnest($1::text[], $2::jsonb[])
                ON CONFLICT (dedupe_key) DO NOTHING RETURNING dedupe_key`,
              [keys, messages.map((m) => JSON.stringify(m))],
            ),
          ).map((r) => r.dedupe_key),
        );
        const fresh = page.map((s, i) => ({ s, i })).filter(({ i }) => inserted.has(keys[i]));
        if (fresh.length) {
          await tx.query(
            `INSERT INTO subscriber_token (token_hash, subscriber_id, purpose, created_at, expires_at)
             SELECT h, s, 'MANAGE', $3, $4 FROM unnest($1::bytea[], $2::uuid[]) AS t(h, s)`,
            [fresh.map(({ i }) => tokens[i].hash), fresh.map(({ s }) => s.id), now, expiryOf('MANAGE', now)],
          );
        }
      }
      const done = page.length < pageSize;
      await tx.query(
        `UPDATE newsletter_edition SET enqueue_cursor = coalesce($2, enqueue_cursor), enqueued_at = $3,
                recipients_total = CASE WHEN $3::timestamptz IS NULL THEN recipients_total
                  ELSE (SELECT count(*)::int FROM outbox_mail WHERE dedupe_key LIKE 'edition:%' AND split_part(dedupe_key, ':', 2) = $1::text) END
          WHERE id = $1`,
        [e.id, page.at(-1)?.id ?? null, done ? now : null],
      );
      return page.length > 0;
    });
  }

  /** Scheduled editions whose time has come: render and freeze them (a missing item sends it back to draft). */
  async function startDue(): Promise<void> {
    const due = await o.ds.getRepository(Edition).createQueryBuilder('e').where("e.status = 'SCHEDULED' AND e.scheduled_at <= :now", { now: o.clock.now() }).getMany();
    for (const e of due) {
      try {
        const r = await renderEdition(o.graph, o.links, e, await recipientLanguages(o.ds, e.audienceTopicSlugs));
        if (r.problems.length) {
          await o.ds.query(`UPDATE newsletter_edition SET status = 'DRAFT', last_error = $2, version = version + 1, updated_at = now() WHERE id = $1 AND status = 'SCHEDULED' AND version = $3`, [
            e.id,
            `Not sent at the scheduled time: ${r.problems.join(' ')}`,
            e.version,
          ]);
          o.log.warn({ editionId: e.id, problems: r.problems }, 'scheduled edition has problems; back to draft');
          continue;
        }
        await freeze(o.ds, e, r, o.clock.now(), [EditionStatus.SCHEDULED]);
      } catch (err) {
        // The graph being down is temporary: the edition stays scheduled and the next pass tries again.
        const message = err instanceof GraphUnavailableError ? `Waiting for the graph: ${err.message}` : (err as Error).message;
        await o.ds.query('UPDATE newsletter_edition SET last_error = $2 WHERE id = $1', [e.id, message.slice(0, 500)]);
        o.log.warn({ editionId: e.id, err: message }, 'could not start scheduled edition');
      }
    }
  }

  return {
    enqueuePage,
    async runOnce() {
      await startDue();
      const sending: { id: string }[] = await o.ds.query(`SELECT id FROM newsletter_edition WHERE status = 'SENDING' AND enqueued_at IS NULL ORDER BY sending_started_at`);
      for (const { id } of sending) while (await enqueuePage(id));
      await o.ds.query(
        `UPDATE newsletter_edition e SET status = 'SENT', sent_at = $1, version = version + 1, updated_at = $1
          WHERE e.status = 'SENDING' AND e.enqueued_at IS NOT NULL AND NOT EXISTS (
            SELECT 1 FROM outbox_mail o WHERE o.dedupe_key LIKE 'edition:%' AND split_part(o.dedupe_key, ':', 2) = e.id::text AND o.status = 'PENDING')`,
        [o.clock.now()],
      );
    },
  };
}
