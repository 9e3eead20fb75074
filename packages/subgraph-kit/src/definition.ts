import type { Router } from 'express';
import type { DataSource } from 'typeorm';
import type { z } from 'zod';
import type { BaseServiceEnv } from './config';
import type { Clock } from './context';
import type { FederatedSchema } from './federation';
import type { Logger } from './logger';

/** What the kit needs to know to run a service's schema, database and workers. */
export interface SubgraphDefinition<Env extends BaseServiceEnv = BaseServiceEnv, S = any> {
  /** Short name: `partners`, used in logs, errors and the health answer. */
  name: string;
  /** zod schema of the service's settings (extend `baseServiceEnv`). */
  env: z.ZodType<Env>;
  entities: Function[];
  migrations: Function[];
  /** Builds the federated schema; needs no database. */
  schema: () => Promise<FederatedSchema>;
  /** Builds what resolvers need beyond the database (keys, mailers), once at start; in `ctx.services`. */
  prepare?: (deps: SubgraphDeps<Env, undefined>) => Promise<S> | S;
  /** Inserts demo data when the service's tables are empty (`SEED_DEMO=true`); runs every start. */
  seed?: (deps: SubgraphDeps<Env, S>) => Promise<void>;
  /** Extra HTTP routes beside `/graphql` (exports, feeds, internal routes). */
  routes?: (router: Router, deps: SubgraphDeps<Env, S>) => void;
  /** Background workers (outbox senders, retention); stopped before the database closes. */
  workers?: (deps: SubgraphDeps<Env, S>) => { stop(): Promise<void> };
}

/** Everything a service's prepare, seed, routes and workers get from the kit. */
export interface SubgraphDeps<Env extends BaseServiceEnv = BaseServiceEnv, S = any> {
  name: string;
  env: Env;
  ds: DataSource;
  log: Logger;
  clock: Clock;
  services: S;
}
