import type { NextFunction, Request, Response } from 'express';
import type { Logger } from '@mitgen/subgraph-kit/runtime';
import type { GatewayEnv } from '../env';
import type { GatewayMetrics } from '../metrics';
import { sendError } from './send-error';

/** The answer of a path the gateway does not serve. */
export function notFound(_req: Request, res: Response): void {
  sendError(res, 404, 'NOT_FOUND', 'Nothing here; the GraphQL endpoint is /graphql');
}

/** Body parser and unexpected errors: a JSON answer with a code, never a stack trace. */
export function errorHandler(env: GatewayEnv, metrics: GatewayMetrics, log: Logger) {
  return (err: { type?: string; status?: number; message?: string }, _req: Request, res: Response, _next: NextFunction) => {
    if (err.type === 'entity.too.large') {
      metrics.errors.inc({ code: 'PAYLOAD_TOO_LARGE' });
      return sendError(res, 413, 'PAYLOAD_TOO_LARGE', `The request body is larger than ${env.MAX_BODY_BYTES} bytes`);
    }
    if (err.type === 'entity.parse.failed') return sendError(res, 400, 'BAD_REQUEST', 'The request body is not valid JSON');
    log.error({ err, requestId: res.locals.requestId }, '[gateway] unexpected error');
    return sendError(res, 500, 'INTERNAL_SERVER_ERROR', 'Internal server error');
  };
}
