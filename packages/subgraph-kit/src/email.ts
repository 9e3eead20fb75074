import { domainToASCII } from 'node:url';
import isEmail from 'validator/lib/isEmail';
import { badInput } from './errors';

// The graph's one rule for e-mail addresses, used wherever an address is stored, sent to or looked
// up (newsletter, registrations, accounts, contact persons, partners, privacy look-ups, sign-in).
// Parsing is validator's isEmail (the library class-validator uses); internationalised domains are
// converted with Node's WHATWG URL host parser (UTS #46), so `bürgerhaus.de`, `BÜRGERHAUS.DE` and
// `xn--brgerhaus-…` are one domain.

/** Longest address (RFC 5321: 254 characters in a forward path). */
export const MAX_EMAIL_LENGTH = 254;

const SHAPE = { allow_display_name: false, require_tld: true, allow_ip_domain: false, allow_utf8_local_part: true } as const;

/**
 * The one form of an address that is stored, sent to and compared everywhere: trimmed, in lower case,
 * the domain in its ASCII (punycode) form as mail servers use it; null when `raw` is no address.
 */
export function canonicalEmail(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  const trimmed = raw.trim().normalize('NFC');
  const at = trimmed.lastIndexOf('@');
  if (at < 1 || at === trimmed.length - 1 || trimmed.length > 4 * MAX_EMAIL_LENGTH) return null;
  const domain = domainToASCII(trimmed.slice(at + 1));
  if (!domain) return null;
  const email = `${trimmed.slice(0, at).toLowerCase()}@${domain}`;
  return email.length <= MAX_EMAIL_LENGTH && isEmail(email, SHAPE) ? email : null;
}

/** Message of a refused address (also used by the IsEmailAddress input check). */
export const INVALID_EMAIL_MESSAGE = 'must be a valid e-mail address, such as name@beispiel.de';

/** `canonicalEmail`, or BAD_USER_INPUT on `field` (reason INVALID_EMAIL) for anything that is no address. */
export function emailAddress(raw: unknown, field = 'email'): string {
  const email = canonicalEmail(raw);
  if (!email) throw badInput(`${field} ${INVALID_EMAIL_MESSAGE}`, field, { reason: 'INVALID_EMAIL' });
  return email;
}

/** `canonicalEmail` for optional fields: null and empty text stay null, anything else must be an address. */
export function optionalEmailAddress(raw: string | null | undefined, field = 'email'): string | null {
  return raw === null || raw === undefined || raw.trim() === '' ? null : emailAddress(raw, field);
}

/** What a migration's query runner offers (TypeORM's QueryRunner answers rows). */
interface SqlRunner {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

/**
 * For a migration: rewrites every stored address (each text column named `email` in the current
 * schema) into the one form. Addresses that are no valid address stay as they are; so does an
 * address whose new form another row already holds under a unique index (a duplicate). Runs inside
 * the migration's transaction (one savepoint per address). Returns how many addresses changed.
 */
export async function canonicaliseStoredEmails(q: SqlRunner): Promise<number> {
  const columns = (await q.query(
    `SELECT table_name FROM information_schema.columns
      WHERE table_schema = current_schema() AND column_name = 'email' AND data_type IN ('text', 'character varying')
        AND table_name IN (SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE')`,
  )) as { table_name: string }[];
  let changed = 0;
  for (const { table_name } of columns) {
    const table = `"${table_name.replace(/"/g, '""')}"`;
    // Only what can differ from its form: letter case, spaces around it, characters beyond ASCII.
    const stored = (await q.query(
      `SELECT DISTINCT email FROM ${table} WHERE email <> lower(email) OR email <> btrim(email) OR octet_length(email) <> char_length(email)`,
    )) as { email: string }[];
    for (const { email } of stored) {
      const canonical = canonicalEmail(email);
      if (!canonical || canonical === email) continue;
      await q.query('SAVEPOINT canonical_email');
      try {
        await q.query(`UPDATE ${table} SET email = $2 WHERE email = $1`, [email, canonical]);
        await q.query('RELEASE SAVEPOINT canonical_email');
        changed++;
      } catch {
        await q.query('ROLLBACK TO SAVEPOINT canonical_email');
      }
    }
  }
  return changed;
}
