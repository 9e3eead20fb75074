import { AsyncLocalStorage } from 'node:async_hooks';

// The request a piece of work belongs to, without passing it along: the logger adds it to every line
// written while a request is handled (createLogger's mixin), in the gateway and in the subgraphs.
const scope = new AsyncLocalStorage<string>();

/** Runs `fn` as part of request `requestId`: log lines written by it and by what it awaits carry that id. */
export function withRequestId<T>(requestId: string, fn: () => T): T {
  return scope.run(requestId, fn);
}

/** The id of the request being handled, if any. */
export function currentRequestId(): string | undefined {
  return scope.getStore();
}

/**
 * Express middleware that (re-)enters the request's scope with `res.locals.requestId`. Body parsers
 * call `next` from stream events, outside the scope the first middleware opened: mount it after them.
 */
export function requestScope() {
  return (_req: unknown, res: { locals: Record<string, unknown> }, next: () => void): void => {
    const id = res.locals.requestId;
    if (typeof id === 'string') withRequestId(id, next);
    else next();
  };
}
