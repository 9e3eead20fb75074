import { auditErasure, domainError, type ErasureCounts, type SubgraphContext } from '@mitgen/subgraph-kit';
import { clearSignInFailures } from '../account/account.service';
import { auditProfilePart } from '../common/audit';
import { accountByEmail } from './privacy.loader';

/** Name an anonymised account shows in the administration. */
export const ERASED_ACCOUNT_NAME = 'Gelöschtes Konto';

/** Code of the refusal to erase the caller's own address. */
export const CANNOT_ERASE_OWN_DATA = 'CANNOT_ERASE_OWN_DATA';

/** Refuses to erase the caller's own address: they would lock themselves out halfway through. */
export async function refuseOwnAddress(ctx: SubgraphContext, email: string): Promise<void> {
  const account = await accountByEmail(ctx).load(email);
  if ((account && account.id === ctx.principal.subject) || ctx.principal.email?.trim().toLowerCase() === email) {
    throw domainError(CANNOT_ERASE_OWN_DATA, 'You cannot erase your own data while signed in with it; ask another coordinator.', { field: 'email' });
  }
}

/**
 * Erases what the partners service holds about an address, in one transaction: accounts are
 * disabled and anonymised (kept, because audit entries everywhere name their id as the actor);
 * contact-person entries are deleted, and the values of their earlier changes in the partners'
 * audit logs are replaced by "[erased]". Writes an `ERASE` audit entry for the erasure request.
 * Idempotent. Counts: `accountsAnonymised`, `contactPersonsDeleted`.
 */
export async function erasePartnersData(ctx: SubgraphContext, email: string, requestId: string): Promise<ErasureCounts> {
  const now = ctx.clock.now();
  return ctx.ds.transaction(async (tx) => {
    const accounts: { id: string }[] = await tx.query('SELECT id FROM account WHERE lower(email) = $1 FOR UPDATE', [email]);
    if (accounts.length) {
      // `.invalid` is reserved (RFC 2606): the address can never belong to anyone. A password hash
      // of an unknown scheme never verifies.
      await tx.query(
        `UPDATE account SET email = 'erased-' || id || '@account.invalid', display_name = $2, password_hash = 'erased',
                disabled_at = coalesce(disabled_at, $3), last_login_at = NULL, updated_at = now()
          WHERE id = ANY($1::uuid[])`,
        [accounts.map((a) => a.id), ERASED_ACCOUNT_NAME, now],
      );
    }

    // Failed sign-ins are kept as the address's hash (a day at most); they go too.
    await clearSignInFailures(tx, email);

    const contacts: { id: string; partner_id: string }[] = await tx.query('SELECT id, partner_id FROM contact_person WHERE lower(email) = $1 FOR UPDATE', [email]);
    if (contacts.length) {
      const ids = contacts.map((c) => c.id);
      await tx.query('DELETE FROM contact_person WHERE id = ANY($1::uuid[])', [ids]);
      // Earlier changes keep that they happened, not what the values were (name, email and phone
      // were never written; role, area, languages and topics were).
      await tx.query(
        `UPDATE audit_entry a
            SET changes = (SELECT jsonb_object_agg(e.key, CASE WHEN e.key LIKE ANY($2::text[]) THEN '"[erased]"'::jsonb ELSE e.value END)
                             FROM jsonb_each(a.changes) e)
          WHERE a.entity_type = 'Partner' AND a.entity_id = ANY($1::text[])
            AND EXISTS (SELECT 1 FROM jsonb_object_keys(a.changes) k WHERE k LIKE ANY($2::text[]))`,
        [[...new Set(contacts.map((c) => c.partner_id))], ids.map((id) => `contactPerson.${id}.%`)],
      );
      for (const c of contacts) {
        await auditProfilePart(tx, ctx, c.partner_id, 'contactPerson', { id: c.id, verb: 'DELETE', before: null, after: null });
      }
    }

    const report: ErasureCounts = { accountsAnonymised: accounts.length, contactPersonsDeleted: contacts.length };
    await auditErasure(tx, ctx, requestId, { ...report, accounts: accounts.map((a) => a.id) });
    return report;
  });
}
