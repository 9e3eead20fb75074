import type { NextFunction, Request, Response } from 'express';
import { PAGE_PATHS, requestIdFrom, withRequestId, type Logger } from '@mitgen/subgraph-kit/runtime';
import type { GatewayMetrics } from '../metrics';
import { PROXIED_ROUTES } from '../routes/proxies';

const PASSED_THROUGH = new RegExp(`^/(${PROXIED_ROUTES.map((r) => r.prefix.slice(1)).join('|')})(/|$)`);
const PAGES = new RegExp(`^/(${[...new Set(Object.values(PAGE_PATHS).map((p) => p.split('/')[1]))].join('|')})(/|$)`);

/** The metrics label of a path: the GraphQL endpoint, the family of pass-through routes, or the gateway's pages. */
function routeOf(path: string): string | undefined {
  if (path === '/graphql') return 'graphql';
  if (path === '/privacy/export') return 'privacy';
  const family = /^\/(hsds|embed)(\/|$)/.exec(path) ?? PASSED_THROUGH.exec(path);
  if (family) return family[1];
  return PAGES.test(path) ? 'pages' : undefined;
}

/**
 * Every answer carries a request id (the client's, when it is a sane one), also sent to subgraphs;
 * every log line written while the request is handled carries it (request scope of the kit's logger);
 * requests to the API routes are counted and timed.
 */
export function requestLog(metrics: GatewayMetrics, log: Logger) {
  return (req: Request, res: Response, next: NextFunction) => {
    const requestId = requestIdFrom(req.headers['x-request-id']);
    res.locals.requestId = requestId;
    res.setHeader('x-request-id', requestId);
    const route = routeOf(req.path);
    if (route) {
      const started = performance.now();
      res.once('finish', () => {
        metrics.requests.inc({ route, status: res.statusCode });
        metrics.duration.observe({ route }, (performance.now() - started) / 1000);
        if (res.statusCode >= 500) log.warn({ requestId, route, status: res.statusCode }, '[gateway] request failed');
        else if (log.isLevelEnabled('debug')) log.debug({ requestId, route, method: req.method, status: res.statusCode, ms: performance.now() - started }, '[gateway] request');
      });
    }
    withRequestId(requestId, next);
  };
}
