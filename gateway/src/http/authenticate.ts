import type { NextFunction, Request, Response } from 'express';
import { GraphQLError } from 'graphql';
import type { Principal } from '@mitgen/subgraph-kit/runtime';
import type { Authenticator } from '../auth';
import type { GatewayMetrics } from '../metrics';
import { clientKey, RateLimited, RateLimits } from '../rate-limit';
import { ipOf, sendError, tooMany } from './send-error';

/**
 * Verifies the caller once per request (token or API key) into `res.locals.principal`, and counts
 * the request against the caller's rate limit.
 */
export function authenticate(auth: Authenticator, metrics: GatewayMetrics, rateLimits?: RateLimits) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const ip = ipOf(req);
    // Express works the address out anew on every read of req.ip (TRUST_PROXY): once is enough.
    res.locals.clientIp = ip;
    const credentials = !!(req.headers.authorization || req.headers['x-api-key']);
    let principal: Principal;
    try {
      // Guessing keys or tokens is counted against the address; once used up, no more checks.
      const blocked = credentials && rateLimits ? await rateLimits.exhausted('badCredentials', clientKey(ip)) : undefined;
      if (blocked) return tooMany(metrics, res, blocked);
      principal = await auth.authenticate(req.headers);
    } catch (e) {
      if (credentials && rateLimits) await rateLimits.consume('badCredentials', clientKey(ip)).catch(() => undefined);
      const err = e instanceof GraphQLError ? e : new GraphQLError('Sign-in cannot be checked right now', { extensions: { code: 'SERVICE_UNAVAILABLE', http: { status: 503 } } });
      const code = (err.extensions.code as string) ?? 'UNAUTHENTICATED';
      metrics.errors.inc({ code });
      return sendError(res, (err.extensions.http as { status?: number } | undefined)?.status ?? 401, code, err.message);
    }
    res.locals.principal = principal;
    if (rateLimits) {
      const { limit, key } = RateLimits.general(principal, ip);
      try {
        const r = await rateLimits.consume(limit, key);
        res.setHeader('ratelimit-limit', String(rateLimits.limitOf(limit)));
        res.setHeader('ratelimit-remaining', String(r.remainingPoints));
      } catch (e) {
        if (e instanceof RateLimited) return tooMany(metrics, res, e);
        return next(e);
      }
    }
    next();
  };
}
