import type { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import { LoaderRegistry } from './loaders';
import { SOURCE_LANGUAGE } from './languages';
import { CLIENT_IP_HEADER, CLIENT_UA_HEADER } from './request';

import type { Principal } from './tokens';

export { ANONYMOUS, type Principal, type Role } from './tokens';

/** Source of the current time; tests inject a fixed or moving one. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** The client as the gateway saw it (for consent proofs and rate limits), never for access decisions. */
export interface ClientInfo {
  ip?: string;
  userAgent?: string;
}

export { CACHE_TAGS_EXTENSION, CACHE_TAGS_HEADER, CLIENT_IP_HEADER, CLIENT_UA_HEADER, requestIdFrom } from './request';

/** What every resolver receives as its context; `S` is what the service's `prepare` made. */
export interface SubgraphContext<S = unknown> {
  principal: Principal;
  client: ClientInfo;
  loaders: LoaderRegistry;
  requestId: string;
  log: Logger;
  ds: DataSource;
  clock: Clock;
  services: S;
  /**
   * The content language the caller asked for (`Accept-Language` through the gateway, or a query's
   * `language` argument, which sets it for the rest of the request); German by default.
   */
  language: string;
}

/** The context of one request; its logger (a child carrying the request id) is made when first used. */
export function createContext<S>(
  base: { ds: DataSource; log: Logger; clock: Clock; services: S },
  principal: Principal,
  requestId: string,
  client: ClientInfo = {},
  language: string = SOURCE_LANGUAGE,
): SubgraphContext<S> {
  // The logger adds the request id itself while the request is handled (request-scope.ts).
  return { ...base, principal, client, loaders: new LoaderRegistry(), requestId, log: base.log, language };
}

/** Client address and user agent from the gateway's headers (or the direct connection). */
export function clientInfoFrom(headers: Record<string, string | string[] | undefined>, remoteAddress?: string): ClientInfo {
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.slice(0, 500);
  return { ip: one(headers[CLIENT_IP_HEADER]) ?? remoteAddress, userAgent: one(headers[CLIENT_UA_HEADER]) ?? one(headers['user-agent']) };
}
