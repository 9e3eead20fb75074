import { auditErasure, MAILS_TO_ADDRESS, scrubOutboxMails, type ErasureCounts } from '@mitgen/subgraph-kit';
import type { NewsletterContext } from '../context';
import { withdraw } from '../subscriber/subscriber.service';

/**
 * Erases what the newsletter service holds about an address, in one transaction: the consent is
 * withdrawn (unsent edition mails are taken back and the edition's recipient count corrected, as
 * on unsubscribing), then the subscription is deleted with its consent proofs and link tokens; the
 * remaining mails to the address are withdrawn or scrubbed. No suppression entry is kept: nobody
 * gets the newsletter again without confirming a new sign-up from their own mailbox.
 * Writes an `ERASE` audit entry for the erasure request. Idempotent. Counts: `subscriptionsDeleted`
 * (0 or 1), `consentProofsDeleted`, `mailsWithdrawn` (never sent), `mailsScrubbed` (content removed).
 */
export async function eraseSubscriberData(ctx: NewsletterContext, email: string, requestId: string): Promise<ErasureCounts> {
  const now = ctx.clock.now();
  return ctx.ds.transaction(async (tx) => {
    // Wait for a page of recipients being queued right now: its mails are then visible to be
    // withdrawn, and later pages no longer find the address.
    await tx.query(`SELECT id FROM newsletter_edition WHERE status = 'SENDING' AND enqueued_at IS NULL ORDER BY id FOR UPDATE`);
    const [subscriber]: { id: string }[] = await tx.query('SELECT id FROM subscriber WHERE lower(email) = $1 FOR UPDATE', [email]);
    let consentProofsDeleted = 0;
    let editionMailsWithdrawn = 0;
    if (subscriber) {
      editionMailsWithdrawn = await withdraw(tx, subscriber.id, now);
      [{ n: consentProofsDeleted }] = await tx.query('SELECT count(*)::int AS n FROM newsletter_consent WHERE subscriber_id = $1', [subscriber.id]);
      // Consent proofs and link tokens go with it (ON DELETE CASCADE).
      await tx.query('DELETE FROM subscriber WHERE id = $1', [subscriber.id]);
    }
    const mails = await scrubOutboxMails(tx, MAILS_TO_ADDRESS, [email]);
    const report: ErasureCounts = {
      subscriptionsDeleted: subscriber ? 1 : 0,
      consentProofsDeleted,
      mailsWithdrawn: editionMailsWithdrawn + mails.withdrawn,
      mailsScrubbed: mails.scrubbed,
    };
    await auditErasure(tx, ctx, requestId, { ...report });
    return report;
  });
}
