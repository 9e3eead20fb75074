import { createHash, randomBytes } from 'node:crypto';
import { badInput } from '@mitgen/subgraph-kit';
import type { EntityManager } from 'typeorm';
import { CONFIRM_TOKEN_HOURS, MANAGE_TOKEN_DAYS, ms, shift } from '../policy';

// Link tokens: 32 random bytes, handed out once (in a mail or a response); only their SHA-256 is
// stored, so a copy of the database opens no subscription.

/** CONFIRM: the double opt-in link. MANAGE: preferences and unsubscribe (one per mail). */
export type TokenPurpose = 'CONFIRM' | 'MANAGE';

const LIFETIME: Record<TokenPurpose, number> = { CONFIRM: ms.confirmToken, MANAGE: ms.manageToken };

export const hashToken = (token: string): Buffer => createHash('sha256').update(token).digest();

/** A new random token and its hash. */
export function newToken(): { token: string; hash: Buffer } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashToken(token) };
}

/** When a token made at `now` for `purpose` expires. */
export const expiryOf = (purpose: TokenPurpose, now: Date) => shift(now, LIFETIME[purpose]);

/** Stores the hash of a new token for a subscriber and returns the token (to put in a link). */
export async function issueToken(manager: EntityManager, subscriberId: string, purpose: TokenPurpose, now: Date): Promise<{ token: string; hash: Buffer }> {
  const t = newToken();
  await manager.query('INSERT INTO subscriber_token (token_hash, subscriber_id, purpose, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)', [
    t.hash,
    subscriberId,
    purpose,
    now,
    expiryOf(purpose, now),
  ]);
  return t;
}

export interface FoundToken {
  subscriberId: string;
  purpose: TokenPurpose;
  createdAt: Date;
  expiresAt: Date;
}

const MESSAGES: Record<TokenPurpose, { unknown: string; expired: string }> = {
  CONFIRM: {
    unknown: 'This confirmation link is not valid. Please copy the complete link from the mail, or sign up again.',
    expired: `This confirmation link has expired (confirmation links work for ${CONFIRM_TOKEN_HOURS} hours). Please sign up again to get a new one.`,
  },
  MANAGE: {
    unknown: 'This link is not valid. Please copy the complete link from a newsletter mail.',
    expired: `This link has expired (links in newsletter mails work for ${MANAGE_TOKEN_DAYS} days). Please use the link in a more recent newsletter.`,
  },
};

/**
 * The subscriber a token of `purpose` belongs to, row-locked for the caller's transaction (reads
 * pass `lock: false`: queries run read-only, where a row lock is refused). Unknown,
 * wrong-purpose and expired tokens are BAD_USER_INPUT on `token` with a `reason`.
 */
export async function useToken(manager: EntityManager, token: string, purpose: TokenPurpose, now: Date, lock = true): Promise<FoundToken> {
  const rows: FoundToken[] =
    typeof token === 'string' && token.length <= 200
      ? await manager.query(
          `SELECT t.subscriber_id AS "subscriberId", t.purpose, t.created_at AS "createdAt", t.expires_at AS "expiresAt"
             FROM subscriber_token t JOIN subscriber s ON s.id = t.subscriber_id
            WHERE t.token_hash = $1${lock ? ' FOR UPDATE OF s' : ''}`,
          [hashToken(token.trim())],
        )
      : [];
  const found = rows[0];
  if (!found || found.purpose !== purpose) throw badInput(MESSAGES[purpose].unknown, 'token', { reason: 'UNKNOWN_TOKEN' });
  if (new Date(found.expiresAt).getTime() <= now.getTime()) throw badInput(MESSAGES[purpose].expired, 'token', { reason: 'EXPIRED_TOKEN' });
  return found;
}
