import type { IncomingMessage } from 'node:http';
import type { Logger } from 'pino';
import {
  ANONYMOUS,
  PRINCIPAL_HEADER,
  subgraphAudience,
  TokenError,
  verificationKeys,
  verifyPrincipalToken,
  type Principal,
} from './tokens';

/** Reads the verified principal of a request. */
export type PrincipalResolver = (req: IncomingMessage) => Promise<Principal> | Principal;

/**
 * The principal the gateway signed for this subgraph. No header, a forged or expired one, or no
 * configured gateway key all mean: anonymous (public data only) — never an error that would tell
 * a prober what is wrong.
 */
export async function principalFromGateway(publicKeyPem: string | undefined, service: string, log: Logger): Promise<PrincipalResolver> {
  if (!publicKeyPem) {
    log.warn(`[${service}] GATEWAY_PUBLIC_KEY is not set: every request is treated as anonymous`);
    return () => ANONYMOUS;
  }
  const keys = await verificationKeys(publicKeyPem);
  const audience = subgraphAudience(service);
  // The gateway reuses a token for many requests of the same principal; remember verified ones.
  const verified = new Map<string, { principal: Principal; until: number }>();
  return async (req) => {
    const token = req.headers[PRINCIPAL_HEADER];
    if (typeof token !== 'string' || !token) return ANONYMOUS;
    const hit = verified.get(token);
    if (hit && hit.until > Date.now()) return hit.principal;
    try {
      const principal = await verifyPrincipalToken(keys, token, audience);
      if (verified.size > 1000) verified.clear();
      verified.set(token, { principal, until: Date.now() + 30_000 });
      return principal;
    } catch (e) {
      log.warn({ reason: e instanceof TokenError ? e.message : String(e) }, 'principal token refused; treating the request as anonymous');
      return ANONYMOUS;
    }
  };
}
