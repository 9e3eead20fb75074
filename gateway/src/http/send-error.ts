import type { Response } from 'express';
import type { GatewayMetrics } from '../metrics';
import type { RateLimited } from '../rate-limit';

/** A JSON error answer outside Apollo (same shape as GraphQL errors, with the request id). */
export function sendError(res: Response, status: number, code: string, message: string, headers: Record<string, string> = {}): void {
  for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
  res.status(status).json({ errors: [{ message, extensions: { code } }], extensions: { requestId: res.locals.requestId } });
}

/** The client's address as Express sees it (after TRUST_PROXY). */
export const ipOf = (req: { ip?: string; socket: { remoteAddress?: string } }): string => req.ip ?? req.socket.remoteAddress ?? 'unknown';

/** The 429 answer of a used-up rate limit, counted in the metrics. */
export function tooMany(metrics: GatewayMetrics, res: Response, e: RateLimited): void {
  metrics.rateLimited.inc({ limit: e.limit });
  metrics.errors.inc({ code: 'RATE_LIMITED' });
  sendError(res, 429, 'RATE_LIMITED', e.message, { 'retry-after': String(e.retryAfterSeconds) });
}
