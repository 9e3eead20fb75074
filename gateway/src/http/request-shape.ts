import type { NextFunction, Request, Response } from 'express';
import { findInputProblem } from '@mitgen/subgraph-kit/runtime';
import type { GatewayEnv } from '../env';
import { LimitCode } from '../limits';
import type { GatewayMetrics } from '../metrics';
import { sendError } from './send-error';

/** A GET request's body as Apollo will read it (variables and extensions are JSON text there). */
function getBody(query: Request['query']): Record<string, unknown> {
  const json = (v: unknown) => {
    if (typeof v !== 'string') return v;
    try {
      return JSON.parse(v);
    } catch {
      return v; // Apollo answers invalid JSON itself
    }
  };
  return { ...query, variables: json(query.variables), extensions: json(query.extensions) };
}

/**
 * Refusals of a GraphQL request that need no parsing: batches, oversized documents, and input no
 * field accepts (NUL characters, lone surrogates, nesting deep enough to overflow the parser) —
 * BAD_USER_INPUT naming where, before graphql-js or a subgraph sees it.
 */
export function requestShape(env: GatewayEnv, metrics: GatewayMetrics) {
  // Clients send the same documents again and again: a document found clean is not read again
  // (its variables and extensions still are).
  const clean = new Set<string>();
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
    const body = req.method === 'GET' ? getBody(req.query) : req.body;
    const known = typeof query === 'string' && clean.has(query);
    const problem = findInputProblem(known ? { ...body, query: undefined } : body);
    if (!problem && typeof query === 'string' && !known) {
      if (clean.size >= 500) clean.clear();
      clean.add(query);
    }
    if (problem) {
      metrics.errors.inc({ code: 'BAD_USER_INPUT' });
      res.status(400).json({
        errors: [{ message: `Invalid input: ${problem.message}`, extensions: { code: 'BAD_USER_INPUT', field: problem.field, problem: problem.kind } }],
        extensions: { requestId: res.locals.requestId },
      });
      return;
    }
    // A browser opening /graphql gets GraphiQL instead of a bare error.
    if (req.method === 'GET' && query === undefined && env.GRAPHIQL_ENABLED && req.accepts(['application/json', 'text/html']) === 'text/html') return res.redirect('/graphiql');
    next();
  };
}
