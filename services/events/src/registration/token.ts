import { createHash, randomBytes } from 'node:crypto';
import type { EntityManager } from 'typeorm';

/** SHA-256 of a manage token, as stored. */
export const hashToken = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

/** A fresh manage token in clear (store only its hash). */
export const newToken = () => randomBytes(32).toString('base64url');

/** Creates a new manage token for a registration (in the caller's transaction); returns it in clear once. */
export async function mintToken(tx: EntityManager, registrationId: string): Promise<string> {
  const token = newToken();
  await tx.query('INSERT INTO registration_token (token_hash, registration_id) VALUES ($1, $2)', [hashToken(token), registrationId]);
  return token;
}

/** Something that looks like a token this service made (so that junk never reaches the database). */
export const looksLikeToken = (token: string) => /^[A-Za-z0-9_-]{43}$/.test(token);
