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

/** What every resolver receives as its context; `S` is what the service's `prepare` made. */
export interface SubgraphContext<S = unknown> {
  principal: Principal;
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
): SubgraphContext<S> {
  return { ...base, principal, loaders: new LoaderRegistry(), requestId, log: base.log.child({ requestId }) };
}
