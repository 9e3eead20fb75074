import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import { LoaderRegistry } from './loaders';

/** Roles of the graph, from least to most privileged. */
export type Role = 'ANONYMOUS' | 'API_CLIENT' | 'PARTNER_EDITOR' | 'COORDINATOR';

/** Who is calling, as verified by the gateway (never taken from a bare header). */
export interface Principal {
  role: Role;
  /** Account id for signed-in users; API key id for partner servers. */
  subject?: string;
  email?: string;
  /** The partner an editor or API key belongs to. */
  partnerId?: string;
}

export const ANONYMOUS: Principal = Object.freeze({ role: 'ANONYMOUS' });

/** What every resolver receives as its context. */
export interface SubgraphContext {
  principal: Principal;
  loaders: LoaderRegistry;
  requestId: string;
  log: Logger;
  ds: DataSource;
}

/** Request id from the gateway (or a new one), so log lines of one request can be joined. */
export function requestIdFrom(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value && /^[A-Za-z0-9._:-]{1,100}$/.test(value) ? value : randomUUID();
}

export function createContext(ds: DataSource, log: Logger, principal: Principal, requestId: string): SubgraphContext {
  return { principal, loaders: new LoaderRegistry(), requestId, log: log.child({ requestId }), ds };
}
