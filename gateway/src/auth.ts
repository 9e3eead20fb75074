import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { GraphQLError } from 'graphql';
import {
  ANONYMOUS,
  INTERNAL_AUDIENCE,
  PRINCIPAL_HEADER,
  signPrincipalToken,
  TokenError,
  verifyUserToken,
  type Logger,
  type Principal,
  type SigningKey,
  type VerificationKeys,
} from '@mitgen/subgraph-kit/runtime';

/** Source of the current time (tests move it to expire tokens). */
export type Clock = () => Date;

export interface AuthenticatorOptions {
  /** Public keys of the partners service, to verify login tokens (absent: Bearer tokens are refused). */
  userKeys?: VerificationKeys;
  /** The gateway's key, to sign principals for subgraphs. */
  gatewayKey: SigningKey;
  /** `POST` URL of the partners service's internal principal route. */
  principalUrl: string;
  /** How long an account's "still active" or an API key's answer is reused. */
  cacheSeconds: number;
  clock: Clock;
  log: Logger;
  fetch?: typeof fetch;
}

function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
}

/**
 * Verifies who calls — once per request, at the gateway — and states it to each subgraph as a
 * short-lived token signed for that subgraph alone.
 */
export class Authenticator {
  private readonly lookups = new Map<string, { principal: Principal | null; until: number }>();
  private readonly signed = new Map<string, { token: string; until: number }>();

  constructor(private readonly o: AuthenticatorOptions) {}

  /** The verified principal, or an UNAUTHENTICATED error for a bad token or key. */
  async authenticate(headers: IncomingHttpHeaders): Promise<Principal> {
    const authorization = headers.authorization;
    const apiKey = headers['x-api-key'];
    if (authorization) {
      const m = /^Bearer\s+(\S+)$/i.exec(authorization);
      if (!m) throw unauthenticated('The Authorization header must be "Bearer <token>"');
      if (!this.o.userKeys) throw unauthenticated('Sign-in is not configured on this gateway');
      let claimed: Principal;
      try {
        claimed = await verifyUserToken(this.o.userKeys, m[1], this.o.clock());
      } catch (e) {
        const reason = e instanceof TokenError ? e.message : 'invalid token';
        throw unauthenticated(`The token was refused (${reason}); sign in again`);
      }
      // The graph's own services (the erasure coordinator) have no account to check; only the
      // partners service holds the key that signs them, with a lifetime of a minute.
      if (claimed.role === 'SYSTEM') return claimed;
      // A disabled account's token stops working within the cache time.
      const current = await this.lookup(`account:${claimed.subject}`, { accountId: claimed.subject });
      if (!current) throw unauthenticated('The token was refused (account disabled); sign in again');
      return current;
    }
    if (typeof apiKey === 'string') {
      const principal = await this.lookup(`key:${createHash('sha256').update(apiKey).digest('hex')}`, { apiKey });
      if (!principal) throw unauthenticated('Unknown or revoked API key');
      return principal;
    }
    return ANONYMOUS;
  }

  /** The principal token for one subgraph audience (none for anonymous callers). */
  async tokenFor(principal: Principal, audience: string): Promise<string | undefined> {
    if (principal.role === 'ANONYMOUS') return undefined;
    const key = `${audience}|${principal.role}|${principal.subject}|${principal.partnerId ?? ''}`;
    const now = this.o.clock().getTime();
    const hit = this.signed.get(key);
    if (hit && hit.until > now) return hit.token;
    // Valid 60 s, reused for 30 s: every token a subgraph sees has at least 30 s left.
    const token = await signPrincipalToken(this.o.gatewayKey, principal, audience, 60, new Date(now));
    if (this.signed.size > 5000) this.signed.clear();
    this.signed.set(key, { token, until: now + 30_000 });
    return token;
  }

  private async lookup(cacheKey: string, body: Record<string, unknown>): Promise<Principal | null> {
    const now = this.o.clock().getTime();
    const hit = this.lookups.get(cacheKey);
    if (hit && hit.until > now) return hit.principal;
    // The internal route only checks that the gateway signed the token for that route's audience.
    const token = await this.tokenFor({ role: 'COORDINATOR', subject: 'gateway' }, INTERNAL_AUDIENCE);
    let res: Response;
    try {
      res = await (this.o.fetch ?? fetch)(this.o.principalUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [PRINCIPAL_HEADER]: token! },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(5000),
      });
    } catch (e) {
      this.o.log.error({ err: e }, 'partners service unreachable for sign-in checks');
      throw new GraphQLError('Sign-in cannot be checked right now; try again shortly', {
        extensions: { code: 'SERVICE_UNAVAILABLE', http: { status: 503 } },
      });
    }
    if (res.status !== 200 && res.status !== 401) {
      this.o.log.error({ status: res.status }, 'partners service refused the sign-in check');
      throw new GraphQLError('Sign-in cannot be checked right now; try again shortly', {
        extensions: { code: 'SERVICE_UNAVAILABLE', http: { status: 503 } },
      });
    }
    const principal = res.status === 200 ? ((await res.json()) as { principal: Principal }).principal : null;
    if (this.lookups.size > 10_000) this.lookups.clear();
    this.lookups.set(cacheKey, { principal, until: now + this.o.cacheSeconds * 1000 });
    return principal;
  }
}
