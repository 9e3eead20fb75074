import type { Router } from 'express';
import type { DataSource } from 'typeorm';
import type { z } from 'zod';
import type { BaseServiceEnv } from './config';
import type { EntityClass } from './database';
import type { Clock } from './context';
import type { FederatedSchema } from './federation';
import type { Logger } from './logger';

/** What the kit needs to know to run a service's schema, database and workers. */
// `any` as the default of S: a definition with its own deps type must be usable where any definition is (contravariant positions).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export interface SubgraphDefinition<Env extends BaseServiceEnv = BaseServiceEnv, S = any> {
  /** Short name: `partners`, used in logs, errors and the health answer. */
  name: string;
  /** zod schema of the service's settings (extend `baseServiceEnv`). */
  env: z.ZodType<Env>;
  entities: EntityClass[];
  migrations: EntityClass[];
  /** Builds the federated schema; needs no database. */
  schema: () => Promise<FederatedSchema>;
  /** Builds what resolvers need beyond the database (keys, mailers), once at start; in `ctx.services`. */
  prepare?: (deps: SubgraphDeps<Env, undefined>) => Promise<S> | S;
  /** Inserts demo data when the service's tables are empty (`SEED_DEMO=true`); runs every start. */
  seed?: (deps: SubgraphDeps<Env, S>) => Promise<void>;
  /** Extra HTTP routes beside `/graphql` (exports, feeds, internal routes). */
  routes?: (router: Router, deps: SubgraphDeps<Env, S>) => void;
  /**
   * Where the service reads the active content languages; through the graph (GRAPH_URL) unless
   * given. The partners service, which keeps the list, reads its own table.
   */
  contentLanguages?: (deps: SubgraphDeps<Env, S>) => () => Promise<string[]>;
  /** Background workers (outbox senders, retention); stopped before the database closes. */
  workers?: (deps: SubgraphDeps<Env, S>) => { stop(): Promise<void> };
}

/** Everything a service's prepare, seed, routes and workers get from the kit. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- as SubgraphDefinition's S
export interface SubgraphDeps<Env extends BaseServiceEnv = BaseServiceEnv, S = any> {
  name: string;
  env: Env;
  ds: DataSource;
  log: Logger;
  clock: Clock;
  services: S;
}
