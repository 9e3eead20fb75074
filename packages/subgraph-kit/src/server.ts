import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { unwrapResolverError } from '@apollo/server/errors';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type Router } from 'express';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { DataSource } from 'typeorm';
import type { z } from 'zod';
import { privateAnswersForPrincipals } from './cache-control';
import { readOnlyQueries } from './read-only';
import { loadConfig, type BaseServiceEnv } from './config';
import { clientInfoFrom, createContext, requestIdFrom, systemClock, type Clock, type SubgraphContext } from './context';
import { principalFromGateway, type PrincipalResolver } from './principal';
import {
  createDataSource,
  ensureDatabase,
  initializeDataSource,
  runMigrations,
  sqlCounterOf,
  type SqlCounter,
} from './database';
import { ErrorCode } from './errors';
import type { FederatedSchema } from './federation';
import { createLogger, type Logger } from './logger';
import { installShutdown } from './shutdown';

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

/** An unstarted subgraph: call `listen` to serve, `close` to stop (server first, then database). */
export interface SubgraphApp<Env extends BaseServiceEnv = BaseServiceEnv> extends SubgraphDeps<Env> {
  app: express.Express;
  httpServer: http.Server;
  sdl: string;
  counter: SqlCounter;
  listen(port?: number, host?: string): Promise<string>;
  close(): Promise<void>;
}

export interface CreateSubgraphOptions {
  log?: Logger;
  principal?: PrincipalResolver;
  clock?: Clock;
}

/** Masks internal errors: only errors with a stable code reach the client. */
export function formatError(log: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const code = formatted.extensions?.code;
    if (code === 'UNAUTHORIZED') {
      return { ...formatted, message: 'You are not allowed to do this', extensions: { code: ErrorCode.FORBIDDEN } };
    }
    if (original instanceof GraphQLError && original.extensions?.validationErrors) {
      return { ...formatted, ...validationMessage(original.extensions.validationErrors as ValidationError[]) };
    }
    if (original instanceof GraphQLError || (code && code !== ErrorCode.INTERNAL_SERVER_ERROR)) {
      const { stacktrace: _stack, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    log.error({ err: original }, 'unexpected error in resolver');
    return { message: 'Internal server error', path: formatted.path, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
  };
}

interface ValidationError {
  property: string;
  constraints?: Record<string, string>;
  children?: ValidationError[];
}

function flatten(errors: ValidationError[], prefix = ''): { field: string; messages: string[] }[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = e.constraints ? [{ field, messages: Object.values(e.constraints) }] : [];
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

function validationMessage(errors: ValidationError[]): Pick<GraphQLFormattedError, 'message' | 'extensions'> {
  const fields = flatten(errors);
  const message = fields.map((f) => `${f.field}: ${f.messages.join('; ')}`).join(' | ') || 'Invalid input';
  return { message: `Invalid input: ${message}`, extensions: { code: ErrorCode.BAD_USER_INPUT, field: fields[0]?.field, fields } };
}

/** Builds an unstarted subgraph: database ready and migrated, Apollo started, routes mounted. */
export async function createSubgraph<Env extends BaseServiceEnv>(
  def: SubgraphDefinition<Env>,
  env: Env,
  options: CreateSubgraphOptions = {},
): Promise<SubgraphApp<Env>> {
  const log = options.log ?? createLogger(def.name, env.LOG_LEVEL);
  await ensureDatabase(env.DATABASE_URL, def.name);
  const ds = createDataSource({
    url: env.DATABASE_URL,
    entities: def.entities,
    migrations: def.migrations,
    poolSize: env.DATABASE_POOL_SIZE,
    log,
  });
  await initializeDataSource(ds, def.name);
  if (env.MIGRATIONS_RUN) {
    const ran = await runMigrations(ds);
    if (ran.length) log.info({ migrations: ran }, `[${def.name}] applied ${ran.length} migration(s)`);
  }
  const clock = options.clock ?? systemClock;
  const base = { name: def.name, env, ds, log, clock, services: undefined };
  const deps: SubgraphDeps<Env> = { ...base, services: def.prepare ? await def.prepare(base) : undefined };
  if (env.SEED_DEMO && def.seed) await def.seed(deps);

  const { schema, sdl } = await def.schema();
  const app = express();
  app.disable('x-powered-by');
  const httpServer = http.createServer(app);
  // Inline traces (ftv1) cost time on every request and nothing reads them here.
  const plugins: ApolloServerPlugin<SubgraphContext>[] = [
    ApolloServerPluginDrainHttpServer({ httpServer }),
    ApolloServerPluginInlineTraceDisabled(),
    // Apollo's default landing page loads from a third-party CDN; subgraphs need none.
    ApolloServerPluginLandingPageDisabled(),
    privateAnswersForPrincipals(),
    readOnlyQueries(ds),
  ];
  const apollo = new ApolloServer<SubgraphContext>({
    schema,
    plugins,
    includeStacktraceInErrorResponses: false,
    formatError: formatError(log),
    // Subgraphs are reached by the gateway only; the gateway decides about introspection for clients.
    introspection: true,
    csrfPrevention: true,
  });
  await apollo.start();

  app.get('/health', (_req, res) => {
    res.json({ status: 'ok', service: def.name });
  });
  app.get('/ready', async (_req, res) => {
    try {
      await ds.query('SELECT 1');
      res.json({ status: 'ready', service: def.name });
    } catch {
      res.status(503).json({ status: 'unready', service: def.name, reason: 'database unreachable' });
    }
  });
  if (def.routes) {
    const router = express.Router();
    def.routes(router, deps);
    app.use(router);
  }
  const principalOf: PrincipalResolver = options.principal ?? (await principalFromGateway(env.GATEWAY_PUBLIC_KEY, def.name, log));
  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, {
      context: async ({ req }) =>
        createContext(deps, await principalOf(req), requestIdFrom(req.headers['x-request-id']), clientInfoFrom(req.headers, req.socket.remoteAddress)),
    }),
  );

  const workers = def.workers?.(deps);
  let closed: Promise<void> | undefined;
  const close = () =>
    (closed ??= (async () => {
      // Stop accepting requests first, let in-flight ones finish, then workers, then the database.
      await apollo.stop();
      if (httpServer.listening) await new Promise<void>((r) => httpServer.close(() => r()));
      await workers?.stop();
      if (ds.isInitialized) await ds.destroy();
    })());

  return {
    ...deps,
    app,
    httpServer,
    sdl,
    counter: sqlCounterOf(ds),
    listen: (port = env.PORT, host = env.HOST) =>
      new Promise<string>((resolve, reject) => {
        httpServer.once('error', (e: NodeJS.ErrnoException) => {
          reject(
            e.code === 'EADDRINUSE'
              ? new PortTakenError(`[${def.name}] port ${port} is already taken; set PORT to another port`)
              : e,
          );
        });
        httpServer.listen(port, host, () => {
          const { port: actual } = httpServer.address() as AddressInfo;
          resolve(`http://localhost:${actual}/graphql`);
        });
      }),
    close,
  };
}

/** `main.js migrate`: create the database if needed, apply pending migrations, exit (the one-shot deploy step). */
async function migrateOnly<Env extends BaseServiceEnv>(def: SubgraphDefinition<Env>, env: Env): Promise<void> {
  const log = createLogger(def.name, env.LOG_LEVEL);
  await ensureDatabase(env.DATABASE_URL, def.name);
  const ds = createDataSource({ url: env.DATABASE_URL, entities: def.entities, migrations: def.migrations, log });
  await initializeDataSource(ds, def.name);
  try {
    const ran = await runMigrations(ds);
    console.log(`[${def.name}] ${ran.length ? `applied ${ran.join(', ')}` : 'no pending migrations'}`);
  } finally {
    await ds.destroy();
  }
}

/** The port a server should listen on is in use. */
export class PortTakenError extends Error {}

/** Errors whose message is already a complete one-line explanation. */
const ONE_LINE_ERRORS = ['ConfigError', 'DatabaseError', 'PortTakenError'];

/** `main.ts` of a service: settings, database, server, graceful shutdown; one clear line on failure. */
export async function runSubgraph<Env extends BaseServiceEnv>(
  def: SubgraphDefinition<Env>,
  options: CreateSubgraphOptions = {},
): Promise<SubgraphApp<Env>> {
  try {
    const env = loadConfig(def.name, def.env);
    if (process.argv.includes('migrate')) {
      await migrateOnly(def, env);
      process.exit(0);
    }
    const subgraph = await createSubgraph(def, env, options);
    const url = await subgraph.listen();
    installShutdown(subgraph.log, [{ name: 'server and database', run: subgraph.close }]);
    subgraph.log.info({ url }, `[${def.name}] subgraph ready at ${url}`);
    return subgraph;
  } catch (e) {
    const err = e as Error;
    if (ONE_LINE_ERRORS.includes(err.constructor.name)) console.error(err.message);
    else console.error(`[${def.name}] failed to start:`, err);
    process.exit(1);
  }
}
