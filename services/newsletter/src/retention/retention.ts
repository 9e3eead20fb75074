import type { DataSource } from 'typeorm';
import { ms, shift } from '../policy';
import { affectedRows } from '../sql';

export interface PurgeReport {
  /** Never-confirmed sign-ups deleted. */
  pendingDeleted: number;
  /** Unconfirmed re-sign-ups of unsubscribed addresses whose details were removed. */
  resignupsCleared: number;
  /** Unsubscribed addresses (with their consent proof) deleted after the retention time. */
  unsubscribedDeleted: number;
  expiredTokensDeleted: number;
  /** Old mails whose content (links, address, name) was removed from the outbox. */
  mailsScrubbed: number;
}

/**
 * Deletes what the privacy notice promises to delete (times in policy.ts), as of `now`:
 * sign-ups never confirmed, unsubscribed addresses after the retention time, expired link tokens,
 * and the content of old outbox mails (their dedupe keys stay, so nothing is ever sent twice).
 */
export async function purgeExpired(ds: DataSource, now: Date): Promise<PurgeReport> {
  return ds.transaction(async (tx) => {
    const pendingDeleted = affectedRows(
      await tx.query(`DELETE FROM subscriber WHERE status = 'PENDING' AND coalesce(last_signup_at, created_at) < $1`, [shift(now, -ms.pendingPurge)]),
    );
    const resignupsCleared = affectedRows(
      await tx.query(
        `UPDATE subscriber SET name = NULL, topic_slugs = '{}', signup_consent_version = NULL
          WHERE status = 'UNSUBSCRIBED' AND last_signup_at < $1 AND (name IS NOT NULL OR cardinality(topic_slugs) > 0 OR signup_consent_version IS NOT NULL)`,
        [shift(now, -ms.pendingPurge)],
      ),
    );
    const unsubscribedDeleted = affectedRows(
      await tx.query(`DELETE FROM subscriber WHERE status = 'UNSUBSCRIBED' AND unsubscribed_at < $1 AND coalesce(last_signup_at, unsubscribed_at) < $1`, [
        shift(now, -ms.unsubscribedRetention),
      ]),
    );
    const expiredTokensDeleted = affectedRows(await tx.query('DELETE FROM subscriber_token WHERE expires_at < $1', [now]));
    const cutoff = shift(now, -ms.outboxContent);
    const confirmations = affectedRows(
      await tx.query(`DELETE FROM outbox_mail WHERE dedupe_key LIKE 'confirm:%' AND status <> 'PENDING' AND created_at < $1`, [cutoff]),
    );
    const editions = affectedRows(
      await tx.query(
        `UPDATE outbox_mail SET message = jsonb_build_object('to', '', 'subject', message->>'subject', 'text', '', 'scrubbed', true)
          WHERE NOT (message ? 'scrubbed') AND created_at < $1 AND status <> 'PENDING'`,
        [cutoff],
      ),
    );
    return { pendingDeleted, resignupsCleared, unsubscribedDeleted, expiredTokensDeleted, mailsScrubbed: confirmations + editions };
  });
}
