import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { calculateJwkThumbprint, decodeProtectedHeader, exportJWK, jwtVerify, SignJWT, type JWTPayload } from 'jose';

// Signed tokens of the graph, all EdDSA (Ed25519), algorithm pinned on verification:
// - user tokens: signed by the partners service at login, verified by the gateway;
// - principal tokens: signed by the gateway for one subgraph (audience) per request, verified by it.

/**
 * Roles of the graph, people's from least to most privileged; `SYSTEM` is a service of the graph
 * acting on its own (the erasure coordinator of the partners service): no account, and no access
 * beyond the fields that name it.
 */
export type Role = 'ANONYMOUS' | 'API_CLIENT' | 'PARTNER_EDITOR' | 'COORDINATOR' | 'SYSTEM';

/** Who is calling, as verified by the gateway (never taken from a bare header). */
export interface Principal {
  role: Role;
  /** Account id for signed-in users; API key id for partner servers. */
  subject?: string;
  email?: string;
  /** The partner an editor or API key belongs to. */
  partnerId?: string;
}

export const ANONYMOUS: Principal = Object.freeze({ role: 'ANONYMOUS' });

export const ALGORITHM = 'EdDSA';
export const USER_TOKEN_ISSUER = 'mitgen:partners';
export const USER_TOKEN_AUDIENCE = 'mitgen:graph';
export const GATEWAY_ISSUER = 'mitgen:gateway';
/** Header carrying the gateway-signed principal to a subgraph; clients' copies are never forwarded. */
export const PRINCIPAL_HEADER = 'x-mitgen-principal';

/** Audience of principal tokens for one subgraph. */
export const subgraphAudience = (service: string) => `mitgen:subgraph:${service}`;
/** Audience of the gateway's calls to the partners service's internal verification route. */
export const INTERNAL_AUDIENCE = 'mitgen:partners:internal';

const ROLES: Role[] = ['ANONYMOUS', 'API_CLIENT', 'PARTNER_EDITOR', 'COORDINATOR', 'SYSTEM'];

/** A signing key with its key id (JWK thumbprint). */
export interface SigningKey {
  kid: string;
  key: KeyObject;
}

/** Public keys accepted for verification, by key id (several during a key rotation). */
export type VerificationKeys = Map<string, KeyObject>;

/** Why a token was refused. */
export class TokenError extends Error {}

/** A new Ed25519 key pair as PEM (development and tests; production keys come from settings). */
export function generateKeyPairPem(): { privateKey: string; publicKey: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
    publicKey: publicKey.export({ type: 'spki', format: 'pem' }) as string,
  };
}

async function kidOf(key: KeyObject): Promise<string> {
  const publicJwk = await exportJWK(key.type === 'private' ? createPublicKey(key) : key);
  return calculateJwkThumbprint(publicJwk);
}

function pemBlocks(pem: string): string[] {
  return pem.replace(/\\n/g, '\n').match(/-----BEGIN [A-Z ]+-----[\s\S]+?-----END [A-Z ]+-----/g) ?? [];
}

/** Parses a PKCS#8 Ed25519 private key (PEM; `\n` escapes allowed for one-line settings). */
export async function signingKey(pem: string): Promise<SigningKey> {
  const [block] = pemBlocks(pem);
  if (!block) throw new TokenError('not a PEM private key');
  const key = createPrivateKey(block);
  if (key.asymmetricKeyType !== 'ed25519') throw new TokenError('the private key must be Ed25519');
  return { kid: await kidOf(key), key };
}

/** Parses one or more SPKI Ed25519 public keys (PEM blocks one after the other, for rotation). */
export async function verificationKeys(pem: string): Promise<VerificationKeys> {
  const keys: VerificationKeys = new Map();
  for (const block of pemBlocks(pem)) {
    const key = createPublicKey(block);
    if (key.asymmetricKeyType !== 'ed25519') throw new TokenError('public keys must be Ed25519');
    keys.set(await kidOf(key), key);
  }
  if (!keys.size) throw new TokenError('no PEM public key found');
  return keys;
}

async function sign(key: SigningKey, claims: JWTPayload, issuer: string, audience: string, ttlSeconds: number, now: Date): Promise<string> {
  const iat = Math.floor(now.getTime() / 1000);
  return new SignJWT(claims)
    .setProtectedHeader({ alg: ALGORITHM, kid: key.kid, typ: 'JWT' })
    .setIssuer(issuer)
    .setAudience(audience)
    .setIssuedAt(iat)
    .setExpirationTime(iat + ttlSeconds)
    .sign(key.key);
}

async function verify(keys: VerificationKeys, token: string, issuer: string, audience: string, now: Date): Promise<JWTPayload> {
  let kid: string | undefined;
  try {
    const header = decodeProtectedHeader(token);
    if (header.alg !== ALGORITHM) throw new TokenError('token algorithm not accepted');
    kid = header.kid;
  } catch (e) {
    throw e instanceof TokenError ? e : new TokenError('malformed token');
  }
  const key = kid ? keys.get(kid) : undefined;
  if (!key) throw new TokenError('token signed with an unknown key');
  try {
    const { payload } = await jwtVerify(token, key, { algorithms: [ALGORITHM], issuer, audience, currentDate: now });
    return payload;
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'ERR_JWT_EXPIRED') throw new TokenError('token expired');
    if (code === 'ERR_JWT_CLAIM_VALIDATION_FAILED') throw new TokenError('token not meant for this service');
    throw new TokenError('token signature invalid');
  }
}

function principalClaims(p: Principal): JWTPayload {
  return { sub: p.subject, role: p.role, pid: p.partnerId, email: p.email };
}

function principalOf(payload: JWTPayload): Principal {
  const role = payload.role as Role;
  if (!ROLES.includes(role)) throw new TokenError('token carries no known role');
  const principal: Principal = { role };
  if (typeof payload.sub === 'string') principal.subject = payload.sub;
  if (typeof payload.pid === 'string') principal.partnerId = payload.pid;
  if (typeof payload.email === 'string') principal.email = payload.email;
  return principal;
}

/** A user's login token (partners service). */
export function signUserToken(key: SigningKey, principal: Principal, ttlSeconds: number, now = new Date()): Promise<string> {
  return sign(key, principalClaims(principal), USER_TOKEN_ISSUER, USER_TOKEN_AUDIENCE, ttlSeconds, now);
}

/** Verifies a login token (gateway); throws `TokenError` saying why it is refused. */
export async function verifyUserToken(keys: VerificationKeys, token: string, now = new Date()): Promise<Principal> {
  return principalOf(await verify(keys, token, USER_TOKEN_ISSUER, USER_TOKEN_AUDIENCE, now));
}

/** The gateway's statement of who calls, for one audience, valid briefly. */
export function signPrincipalToken(key: SigningKey, principal: Principal, audience: string, ttlSeconds = 60, now = new Date()): Promise<string> {
  return sign(key, principalClaims(principal), GATEWAY_ISSUER, audience, ttlSeconds, now);
}

/** Verifies a gateway principal token for this audience; throws `TokenError`. */
export async function verifyPrincipalToken(keys: VerificationKeys, token: string, audience: string, now = new Date()): Promise<Principal> {
  return principalOf(await verify(keys, token, GATEWAY_ISSUER, audience, now));
}
