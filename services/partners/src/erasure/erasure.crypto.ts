import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

// An erasure request must not keep the address it erases, yet its worker needs the address until
// every service confirmed (a service may be down for hours). So the request stores:
// - a keyed hash (HMAC-SHA-256) of the normalised address, for good: it proves which request was
//   about which address to someone who knows the address and has the secret, and lets a coordinator
//   find the requests about an address — without making the address recoverable from a database
//   copy (a plain SHA-256 of an address is reversed by hashing a list of addresses);
// - the address sealed with AES-256-GCM, only while a service has not confirmed; it is wiped in
//   the transaction that records the last confirmation (or refusal).
// Both keys derive from ERASURE_SECRET (HKDF-SHA-256), which never reaches the database.

/** The two keys of erasure requests. */
export interface AddressKeys {
  hash: Buffer;
  seal: Buffer;
}

/** Derives the hash and sealing keys from the ERASURE_SECRET setting. */
export function addressKeys(secret: string): AddressKeys {
  const derive = (purpose: string) => Buffer.from(hkdfSync('sha256', secret, 'mitgen-erasure', purpose, 32));
  return { hash: derive('address hash'), seal: derive('address seal') };
}

/** Keyed hash of a normalised address (hex). */
export function addressHash(keys: AddressKeys, email: string): string {
  return createHmac('sha256', keys.hash).update(email).digest('hex');
}

/** The address sealed for one request (the request id is authenticated with it, so a sealed address cannot move to another request). */
export function sealAddress(keys: AddressKeys, requestId: string, email: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keys.seal, iv).setAAD(Buffer.from(requestId));
  const sealed = Buffer.concat([cipher.update(email, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64url');
}

/** Opens a sealed address; throws when the secret or the request id does not match. */
export function openAddress(keys: AddressKeys, requestId: string, sealed: string): string {
  const raw = Buffer.from(sealed, 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', keys.seal, raw.subarray(0, 12)).setAAD(Buffer.from(requestId));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
}
