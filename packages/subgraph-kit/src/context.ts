import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import { LoaderRegistry } from './loaders';

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

/** Headers in which the gateway passes on the client's address and user agent. */
export const CLIENT_IP_HEADER = 'x-mitgen-client-ip';
export const CLIENT_UA_HEADER = 'x-mitgen-client-ua';
/** Header by which the gateway asks a subgraph for the entity tags of its answer (value `1`; cache-tags.ts). */
export const CACHE_TAGS_HEADER = 'x-mitgen-cache-tags';
/** Key of the entity tags in a subgraph answer's `extensions`. */
export const CACHE_TAGS_EXTENSION = 'cacheTags';

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
}

/** Request id from the gateway (or a new one), so log lines of one request can be joined. */
export function requestIdFrom(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value && /^[A-Za-z0-9._:-]{1,100}$/.test(value) ? value : randomUUID();
}

export function createContext<S>(
  base: { ds: DataSource; log: Logger; clock: Clock; services: S },
  principal: Principal,
  requestId: string,
  client: ClientInfo = {},
): SubgraphContext<S> {
  // The logger adds the request id itself while the request is handled (request-scope.ts).
  return { ...base, principal, client, loaders: new LoaderRegistry(), requestId, log: base.log };
}

/** Client address and user agent from the gateway's headers (or the direct connection). */
export function clientInfoFrom(headers: Record<string, string | string[] | undefined>, remoteAddress?: string): ClientInfo {
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.slice(0, 500);
  return { ip: one(headers[CLIENT_IP_HEADER]) ?? remoteAddress, userAgent: one(headers[CLIENT_UA_HEADER]) ?? one(headers['user-agent']) };
}
