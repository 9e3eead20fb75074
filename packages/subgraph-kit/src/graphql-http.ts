import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import type express from 'express';

// The subgraph's hot path: every gateway fetch is a POST of JSON to `/graphql`. Express's router,
// `res.send`, and the re-entered request scopes after the body parser, cost several % of
// a subgraph's CPU per request for nothing the answer needs. Such requests are served here straight
// from Node's HTTP server, with the same steps in the same order and the same answers; anything else
// (GET, other types, encodings or paths, chunked or large bodies, errors) still goes through express.

/** express.json's limit of the `/graphql` route ('1mb'). */
export const GRAPHQL_BODY_LIMIT = 1024 * 1024;

/** `application/json`, optionally with a UTF-8 charset: what every GraphQL client sends. */
const JSON_TYPE = /^application\/json\s*(?:;\s*charset\s*=\s*"?utf-8"?\s*)?$/i;

/** Whether the fast path serves `req` (else the express app does, as before). */
export function isPlainGraphqlPost(req: IncomingMessage): boolean {
  if (req.method !== 'POST' || req.url !== '/graphql') return false;
  const h = req.headers;
  if (typeof h['content-type'] !== 'string' || !JSON_TYPE.test(h['content-type'])) return false;
  if (h['content-encoding'] !== undefined || h['transfer-encoding'] !== undefined) return false;
  const length = Number(h['content-length']);
  return Number.isInteger(length) && length > 0 && length <= GRAPHQL_BODY_LIMIT;
}

/** What the fast path needs of the subgraph's set-up (the same pieces the express route uses). */
export interface GraphqlFastPath<Context extends BaseContext> {
  apollo: ApolloServer<Context>;
  /** Reads and parses the body into `req.body`: the route's own `express.json`, so its limits, strict mode and 400s are the same. */
  parseJson(req: IncomingMessage, res: ServerResponse, next: (error?: Error) => void): void;
  /** Runs the rest of the request inside the request's scopes (request id, content languages, trace, cache tags). */
  scoped(req: IncomingMessage, res: ServerResponse, requestId: string, next: () => void): void;
  /** The request's id (the gateway's, or a new one). */
  requestIdOf(req: IncomingMessage): string;
  /** A refusal of the parsed body before Apollo sees it (status and JSON body), if any. */
  refusal(body: unknown): { status: number; json: unknown } | undefined;
  context(req: IncomingMessage, requestId: string): Promise<Context>;
  /** Answers an error as express's final handler does (an express app whose only middleware passes it on). */
  fail(req: IncomingMessage, res: ServerResponse, error: Error): void;
}

/** The request handler of the fast path (call it for requests `isPlainGraphqlPost` accepted). */
export function graphqlFastPath<Context extends BaseContext>(o: GraphqlFastPath<Context>): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const requestId = o.requestIdOf(req);
    o.parseJson(req, res, (error) => {
      if (error) return o.fail(req, res, error);
      const body = (req as IncomingMessage & { body?: unknown }).body;
      o.scoped(req, res, requestId, () => {
        const refused = o.refusal(body);
        if (refused) return sendText(res, refused.status, 'application/json; charset=utf-8', JSON.stringify(refused.json));
        answer(o, req, res, body, requestId).catch((e: Error) => o.fail(req, res, e));
      });
    });
  };
}

async function answer<Context extends BaseContext>(o: GraphqlFastPath<Context>, req: IncomingMessage, res: ServerResponse, body: unknown, requestId: string): Promise<void> {
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  const response = await o.apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: 'POST', headers, search: '', body },
    context: () => o.context(req, requestId),
  });
  for (const [key, value] of response.headers) res.setHeader(key, value);
  res.statusCode = response.status || 200;
  if (response.body.kind === 'complete') {
    // What express's res.send adds for a string: a Content-Type when none is set, and the length.
    if (!res.hasHeader('content-type')) res.setHeader('content-type', 'text/html; charset=utf-8');
    res.setHeader('content-length', Buffer.byteLength(response.body.string));
    res.end(response.body.string);
    return;
  }
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}

function sendText(res: ServerResponse, status: number, type: string, text: string): void {
  res.statusCode = status;
  res.setHeader('content-type', type);
  res.setHeader('content-length', Buffer.byteLength(text));
  res.end(text);
}

/** An express app that answers the error it is handed as the `/graphql` route's express app would. */
export function expressErrorAnswer(app: () => express.Express): (req: IncomingMessage, res: ServerResponse, error: Error) => void {
  const errors = new WeakMap<IncomingMessage, Error>();
  const failing = app();
  failing.disable('x-powered-by');
  failing.use((req, _res, next) => next(errors.get(req)));
  return (req, res, error) => {
    errors.set(req, error);
    failing(req as express.Request, res as express.Response);
  };
}
