import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import type { Pool } from 'undici';
import type { Logger } from '@mitgen/subgraph-kit/runtime';
import type { GatewayEnv } from '../env';
import { ipOf, tooMany } from '../http/send-error';
import type { GatewayMetrics } from '../metrics';
import { proxyTo } from '../proxy';
import { clientKey, RateLimited, type RateLimits } from '../rate-limit';

/** Plain HTTP routes of subgraphs that the gateway passes through: iCal feeds and attendee list downloads (events), newsletter forms. */
export const PROXIED_ROUTES = [
  { prefix: '/feeds', subgraph: 'events' },
  { prefix: '/exports', subgraph: 'events' },
  { prefix: '/newsletter', subgraph: 'newsletter' },
] as const;

export interface ProxyDeps {
  env: GatewayEnv;
  log: Logger;
  metrics: GatewayMetrics;
  rateLimits?: RateLimits;
  cors: RequestHandler;
  poolOf(subgraph: string): Pool;
}

/** The rate limit of plain public routes, per client address like anonymous GraphQL reads (also the partner-site routes'). */
export function publicRouteLimit(d: Pick<ProxyDeps, 'rateLimits' | 'metrics'>): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    if (!d.rateLimits) return next();
    try {
      // Form posts (subscribe, unsubscribe) count against the stricter limit of public mutations.
      await d.rateLimits.consume(req.method === 'POST' ? 'strict' : 'anonymous', clientKey(ipOf(req)));
      next();
    } catch (e) {
      if (e instanceof RateLimited) return tooMany(d.metrics, res, e);
      next(e);
    }
  };
}

/** Mounts the pass-through routes, rate-limited per client address like anonymous GraphQL reads. */
export function mountProxies(app: express.Express, d: ProxyDeps): void {
  const body = express.raw({ type: () => true, limit: d.env.MAX_BODY_BYTES });
  const limit = publicRouteLimit(d);
  for (const { prefix, subgraph } of PROXIED_ROUTES) {
    const handler = proxyTo({ service: subgraph, pool: d.poolOf(subgraph), log: d.log });
    app.get(`${prefix}/*path`, d.cors, limit, handler);
    app.post(`${prefix}/*path`, d.cors, limit, body, handler);
  }
}
