import type { NextFunction, Request, Response } from 'express';
import type { GatewayEnv } from '../env';
import { LimitCode } from '../limits';
import type { GatewayMetrics } from '../metrics';
import { sendError } from './send-error';

/** Refusals of a GraphQL request that need no parsing: batches, oversized documents. */
export function requestShape(env: GatewayEnv, metrics: GatewayMetrics) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (Array.isArray(req.body)) {
      metrics.errors.inc({ code: 'BATCHING_NOT_SUPPORTED' });
      return sendError(res, 400, 'BATCHING_NOT_SUPPORTED', 'Batched operations are not supported; send one operation per request');
    }
    const query = req.method === 'GET' ? req.query.query : req.body?.query;
    if (typeof query === 'string' && query.length > env.MAX_CHARACTERS) {
      metrics.errors.inc({ code: LimitCode.CHARACTERS });
      return sendError(res, 400, LimitCode.CHARACTERS, `The operation has ${query.length} characters; at most ${env.MAX_CHARACTERS} are allowed`);
    }
    // A browser opening /graphql gets GraphiQL instead of a bare error.
    if (req.method === 'GET' && query === undefined && env.GRAPHIQL_ENABLED && req.accepts(['application/json', 'text/html']) === 'text/html') return res.redirect('/graphiql');
    next();
  };
}
