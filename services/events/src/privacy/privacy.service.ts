import { auditErasure, MAILS_TO_ADDRESS, scrubOutboxMails, type ErasureCounts, type ScrubbedMails } from '@mitgen/subgraph-kit';
import type { EntityManager } from 'typeorm';
import type { EventsContext } from '../context';
import { eventTransaction, fillFreeSeats, lockEvent } from '../registration/capacity';
import { RegistrationStatus } from '../registration/registration.entity';
import { rowsOf } from '../sql';

type Ctx = EventsContext;

/**
 * Mails about the registrations `$1` (text[] of ids), by their outbox keys: `registration:<id>:…`,
 * `session-choice:<id>:…` and `event:<event id>:cancelled:<id>` (see registration.batch.ts, registration.service.ts,
 * capacity.ts and event.service.ts).
 */
const MAILS_OF_REGISTRATIONS = `(CASE split_part(dedupe_key, ':', 1)
    WHEN 'registration' THEN split_part(dedupe_key, ':', 2)
    WHEN 'session-choice' THEN split_part(dedupe_key, ':', 2)
    WHEN 'event' THEN split_part(dedupe_key, ':', 4)
  END) = ANY($1::text[])`;

/**
 * Removes the personal data of registrations, in the caller's transaction: name, address,
 * organisation (free text people typed, often enough to tell who it was), needs and consent
 * details; the manage-link tokens; and the content of their mails. Kept: event, status, sessions,
 * region, dates and the queue place — what the counts for funders need. Already anonymised rows
 * are left alone.
 */
export async function anonymiseRegistrations(tx: EntityManager, ids: string[], now: Date): Promise<ScrubbedMails & { anonymised: number }> {
  if (!ids.length) return { anonymised: 0, withdrawn: 0, scrubbed: 0 };
  const updated: unknown[] = await tx.query(
    `UPDATE registration SET name = NULL, email = NULL, organisation = NULL, needs = '{}', consent_ip = NULL, consent_user_agent = NULL,
            anonymised_at = $2, updated_at = now()
      WHERE id = ANY($1::uuid[]) AND anonymised_at IS NULL RETURNING id`,
    [ids, now],
  );
  await tx.query('DELETE FROM registration_token WHERE registration_id = ANY($1::uuid[])', [ids]);
  const mails = await scrubOutboxMails(tx, MAILS_OF_REGISTRATIONS, [ids]);
  return { anonymised: rowsOf(updated).length, ...mails };
}

/**
 * Erases what the events service holds about an address (idempotent; a failure part-way leaves
 * nothing half done inside one event, and running it again completes the rest):
 * - events not yet over, each under its row lock: confirmed and waiting registrations are
 *   cancelled — the freed seat goes to the next person waiting, as with any cancellation —, session
 *   wishes that hold no seat are dropped, then the registrations are anonymised;
 * - events that are over: the registrations are anonymised and keep their status (attended,
 *   confirmed, …), so that the event's counts stay as they were;
 * - every other mail to the address is withdrawn or scrubbed; an `ERASE` audit entry of the erasure
 *   request records the counts: `registrationsAnonymised`, `registrationsCancelled` (of these, the
 *   ones whose seat or waiting place went to the next person), `mailsWithdrawn`, `mailsScrubbed`.
 */
export async function eraseRegistrationsOf(ctx: Ctx, email: string, requestId: string): Promise<ErasureCounts> {
  const now = ctx.clock.now();
  const events: { event_id: string; ended: boolean }[] = await ctx.ds.query(
    `SELECT DISTINCT r.event_id, e.ends_at <= $2 AS ended FROM registration r JOIN event e ON e.id = r.event_id
      WHERE lower(r.email) = $1 AND r.email IS NOT NULL`,
    [email, now],
  );
  const total = { registrationsAnonymised: 0, registrationsCancelled: 0, mailsWithdrawn: 0, mailsScrubbed: 0 };
  const registrationIds: string[] = [];
  const count = (ids: string[], done: ScrubbedMails & { anonymised: number }) => {
    registrationIds.push(...ids);
    total.registrationsAnonymised += done.anonymised;
    total.mailsWithdrawn += done.withdrawn;
    total.mailsScrubbed += done.scrubbed;
  };

  for (const { event_id: eventId } of events.filter((e) => !e.ended)) {
    await eventTransaction(ctx, eventId, async (tx) => {
      const event = (await lockEvent(tx, eventId))!;
      const regs: { id: string; status: RegistrationStatus }[] = await tx.query(
        'SELECT id, status FROM registration WHERE event_id = $1 AND lower(email) = $2 FOR UPDATE',
        [eventId, email],
      );
      if (!regs.length) return;
      const ids = regs.map((r) => r.id);
      const active = regs.filter((r) => r.status === RegistrationStatus.CONFIRMED || r.status === RegistrationStatus.WAITLISTED).map((r) => r.id);
      if (active.length) {
        await tx.query(`UPDATE registration SET status = 'CANCELLED', cancelled_at = $2, updated_at = now() WHERE id = ANY($1::uuid[])`, [active, now]);
        await tx.query('DELETE FROM session_choice WHERE registration_id = ANY($1::uuid[])', [active]);
      }
      // Someone checked in keeps the seats they took; they no longer wait for any (nobody could tell them).
      await tx.query(`DELETE FROM session_choice WHERE registration_id = ANY($1::uuid[]) AND status <> 'CONFIRMED'`, [ids]);
      count(ids, await anonymiseRegistrations(tx, ids, now));
      total.registrationsCancelled += active.length;
      if (active.length) await fillFreeSeats(ctx, tx, event);
    });
  }

  const ended = events.filter((e) => e.ended).map((e) => e.event_id);
  if (ended.length) {
    await ctx.ds.transaction(async (tx) => {
      const regs: { id: string }[] = await tx.query('SELECT id FROM registration WHERE event_id = ANY($1::uuid[]) AND lower(email) = $2 FOR UPDATE', [ended, email]);
      const ids = regs.map((r) => r.id);
      count(ids, await anonymiseRegistrations(tx, ids, now));
    });
  }

  await ctx.ds.transaction(async (tx) => {
    const rest = await scrubOutboxMails(tx, MAILS_TO_ADDRESS, [email]);
    total.mailsWithdrawn += rest.withdrawn;
    total.mailsScrubbed += rest.scrubbed;
    await auditErasure(tx, ctx, requestId, { ...total, registrations: registrationIds });
  });
  return total;
}
