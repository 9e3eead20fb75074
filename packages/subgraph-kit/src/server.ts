import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { privateAnswersForPrincipals } from './cache-control';
import { cacheTagScope, cacheTagsPlugin } from './cache-tags';
import { readOnlyQueries } from './read-only';
import type { BaseServiceEnv } from './config';
import { clientInfoFrom, createContext, requestIdFrom, systemClock, type Clock, type SubgraphContext } from './context';
import { createDataSource, ensureDatabase, initializeDataSource, runMigrations, sqlCounterOf, type SqlCounter } from './database';
import type { SubgraphDefinition, SubgraphDeps } from './definition';
import { ErrorCode } from './errors';
import { formatError } from './format-error';
import { graphClientFor } from './graph-client';
import { ContentLanguageSnapshot, contentLanguagesThroughGraph, negotiateLanguage, useContentLanguageSnapshot, withContentLanguages } from './languages';
import { findInputProblem, type InputProblem } from './input-check';
import { expressErrorAnswer, graphqlFastPath, GRAPHQL_BODY_LIMIT, isPlainGraphqlPost } from './graphql-http';
import { createLogger, type Logger } from './logger';
import { principalFromGateway, type PrincipalResolver } from './principal';
import { continueTrace, traceRequests } from './tracing';
import { requestScope, withRequestId } from './request-scope';

/** An unstarted subgraph: call `listen` to serve, `close` to stop (server first, then database). */
export interface SubgraphApp<Env extends BaseServiceEnv = BaseServiceEnv> extends SubgraphDeps<Env> {
  app: express.Express;
  httpServer: http.Server;
  sdl: string;
  counter: SqlCounter;
  /** This service's snapshot of the active content languages (tests call `refresh`). */
  languages: ContentLanguageSnapshot;
  listen(port?: number, host?: string): Promise<string>;
  close(): Promise<void>;
}

export interface CreateSubgraphOptions {
  log?: Logger;
  principal?: PrincipalResolver;
  clock?: Clock;
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
  const languages = contentLanguageSnapshotOf(def, deps);
  // The snapshot a service's code reads outside requests (workers); requests run with it below.
  useContentLanguageSnapshot(languages);
  if (def.contentLanguages) await languages.refresh();
  if (env.CONTENT_LANGUAGES_REFRESH_SECONDS > 0) languages.start();

  const { schema, sdl } = await def.schema();
  const app = express();
  app.disable('x-powered-by');
  // POSTs of JSON to /graphql (every gateway fetch) take the fast path once it is set up below.
  const fast: { graphql?: http.RequestListener } = {};
  const httpServer = http.createServer((req, res) => (fast.graphql && isPlainGraphqlPost(req) ? fast.graphql(req, res) : app(req, res)));
  // Inline traces (ftv1) cost time on every request and nothing reads them here.
  const plugins: ApolloServerPlugin<SubgraphContext>[] = [
    ApolloServerPluginDrainHttpServer({ httpServer }),
    ApolloServerPluginInlineTraceDisabled(),
    // Apollo's default landing page loads from a third-party CDN; subgraphs need none.
    ApolloServerPluginLandingPageDisabled(),
    privateAnswersForPrincipals(),
    readOnlyQueries(ds),
    cacheTagsPlugin(),
    requestLine(log, def.name),
  ];
  const apollo = new ApolloServer<SubgraphContext>({
    schema,
    plugins,
    includeStacktraceInErrorResponses: false,
    formatError: formatError(log, def.name),
    // Subgraphs are reached by the gateway only; the gateway decides about introspection for clients.
    introspection: true,
    csrfPrevention: true,
  });
  await apollo.start();

  // Every route runs as part of its request (the gateway's id, or a new one): log lines carry it.
  app.use((req, res, next) => {
    res.locals.requestId = requestIdFrom(req.headers['x-request-id']);
    withRequestId(res.locals.requestId, next);
  });
  app.use((_req, _res, next) => withContentLanguages(languages, next));
  // Every request continues the caller's trace (the gateway's `traceparent`) or starts one.
  app.use(traceRequests(def.name));
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
  // Its own app without ETags: every answer is a POST to the gateway, which never revalidates, and
  // express would hash each body for one (routes such as feeds keep theirs).
  const graphql = express();
  graphql.disable('etag');
  graphql.disable('x-powered-by');
  const contextOf = async (req: http.IncomingMessage, requestId: string) =>
    createContext(deps, await principalOf(req), requestId, clientInfoFrom(req.headers, req.socket.remoteAddress), negotiateLanguage(req.headers['accept-language'], languages));
  const parseJson = express.json({ limit: GRAPHQL_BODY_LIMIT });
  graphql.use(
    parseJson,
    // The body parser calls on outside the request's scopes (request id, trace, cache tags): enter them again.
    requestScope(),
    continueTrace(),
    cacheTagScope(),
    (_req: express.Request, _res: express.Response, next: express.NextFunction) => withContentLanguages(languages, next),
    refuseUnacceptableInput,
    expressMiddleware(apollo, { context: ({ req, res }) => contextOf(req, res.locals.requestId) }),
  );
  // The same steps without express for plain JSON POSTs (graphql-http.ts); the body is read before
  // the scopes are entered, so they are entered once.
  const traced = traceRequests(def.name);
  const tagged = cacheTagScope();
  fast.graphql = graphqlFastPath({
    apollo,
    parseJson: (req, res, next) => parseJson(req as express.Request, res as express.Response, next),
    requestIdOf: (req) => requestIdFrom(req.headers['x-request-id']),
    scoped: (req, res, requestId, next) => {
      const locals: Record<string, unknown> = {};
      const response = { get statusCode() { return res.statusCode; }, locals, once: (event: 'finish' | 'close', fn: () => void) => res.once(event, fn) };
      withRequestId(requestId, () =>
        withContentLanguages(languages, () => traced({ method: 'POST', path: '/graphql', headers: req.headers }, response, () => tagged(req, response, next))),
      );
    },
    refusal: (body) => {
      const problem = findInputProblem(body);
      return problem && { status: 400, json: inputRefusal(problem) };
    },
    context: contextOf,
    fail: expressErrorAnswer(express),
  });
  app.use('/graphql', graphql);

  const workers = def.workers?.(deps);
  let closed: Promise<void> | undefined;
  const close = () =>
    (closed ??= (async () => {
      // Stop accepting requests first, let in-flight ones finish, then workers, then the database.
      languages.stop();
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
    languages,
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

/** The service's snapshot of the active content languages: from its own source, else through the graph (public view). */
function contentLanguageSnapshotOf<Env extends BaseServiceEnv>(def: SubgraphDefinition<Env>, deps: SubgraphDeps<Env>): ContentLanguageSnapshot {
  const { env, log, clock } = deps;
  const load = def.contentLanguages?.(deps) ?? contentLanguagesThroughGraph(graphClientFor(def.name, env, { clock, log }, true));
  return new ContentLanguageSnapshot({ load, refreshMs: env.CONTENT_LANGUAGES_REFRESH_SECONDS * 1000, log, holder: def.name });
}

/** One debug line per GraphQL request (with the request and trace ids), as the gateway writes one. */
function requestLine(log: Logger, service: string): ApolloServerPlugin<SubgraphContext> {
  return {
    async requestDidStart({ contextValue }) {
      if (!log.isLevelEnabled('debug')) return;
      const started = performance.now();
      return {
        async willSendResponse({ operationName, operation, response }) {
          const errors = response.body.kind === 'single' ? (response.body.singleResult.errors?.length ?? 0) : 0;
          contextValue.log.debug({ operation: operation?.operation, operationName, errors, ms: Math.round((performance.now() - started) * 10) / 10 }, `[${service}] graphql request`);
        },
      };
    },
  };
}

/**
 * Text no field accepts and nesting that would overflow the parser, refused before Apollo parses
 * the request (the gateway refuses it already; this covers callers that reach a subgraph directly).
 */
function refuseUnacceptableInput(req: express.Request, res: express.Response, next: express.NextFunction): void {
  const problem = findInputProblem(req.method === 'GET' ? req.query : req.body);
  if (!problem) return next();
  res.status(400).json(inputRefusal(problem));
}

/** The answer to input `refuseUnacceptableInput` refuses. */
function inputRefusal(problem: InputProblem) {
  return { errors: [{ message: `Invalid input: ${problem.message}`, extensions: { code: ErrorCode.BAD_USER_INPUT, field: problem.field, problem: problem.kind } }] };
}

/** The port a server should listen on is in use. */
export class PortTakenError extends Error {}
