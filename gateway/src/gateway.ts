import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { ApolloGateway, IntrospectAndCompose } from '@apollo/gateway';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled, ApolloServerPluginUsageReportingDisabled } from '@apollo/server/plugin/disabled';
import responseCachePlugin from '@apollo/server-plugin-response-cache';
import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';
import { expressMiddleware } from '@as-integrations/express5';
import cors from 'cors';
import express, { type NextFunction, type Request, type Response } from 'express';
import { GraphQLError } from 'graphql';
import type { Pool } from 'undici';
import { generateKeyPairPem, requestIdFrom, signingKey, verificationKeys, type Logger, type Principal } from '@mitgen/subgraph-kit/runtime';
import { Authenticator, type Clock } from './auth';
import { GenerationalCache } from './cache';
import { SUPERGRAPH_FILE } from './compose';
import type { GatewayContext } from './context';
import { subgraphTimeout, subgraphUrl, trustProxyValue, type GatewayEnv } from './env';
import { formatGatewayError } from './errors';
import { mountGraphiQL } from './graphiql';
import { LimitCode } from './limits';
import { GatewayMetrics } from './metrics';
import { mountPartnerSites, PARTNER_SITE_OPERATIONS } from './partner-sites/partner-sites';
import { PersistedQueryStore, Safelist } from './persisted';
import { gatewayPlugin } from './plugin';
import { proxyTo } from './proxy';
import { clientKey, RateLimited, RateLimits, redisClientFor } from './rate-limit';
import { Readiness } from './readiness';
import { SubgraphDataSource, subgraphPool } from './subgraph-source';
import { SUBGRAPHS } from './subgraphs';

export type { GatewayContext } from './context';

export interface GatewayOptions {
  /** Current time for token checks (tests move it). */
  clock?: Clock;
}

export interface Gateway {
  app: express.Express;
  httpServer: http.Server;
  gateway: ApolloGateway;
  metrics: GatewayMetrics;
  listen(port?: number, host?: string): Promise<string>;
  /** Graceful stop: unready, no new connections, in-flight requests finish, then pools close. */
  close(): Promise<void>;
}

/** A JSON error answer outside Apollo (same shape as GraphQL errors, with the request id). */
function sendError(res: Response, status: number, code: string, message: string, headers: Record<string, string> = {}): void {
  for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
  res.status(status).json({ errors: [{ message, extensions: { code } }], extensions: { requestId: res.locals.requestId } });
}

const ROUTES: Record<string, string> = { '/graphql': 'graphql', '/feeds': 'feeds', '/newsletter': 'newsletter', '/hsds': 'hsds', '/embed': 'embed' };
/** Metrics label of a request's route: its first path segment, when that is one of ROUTES. */
const routeOf = (path: string): string | undefined => ROUTES[`/${path.split('/')[1]}`];

/** Builds the unstarted gateway: supergraph loaded, Apollo started, routes mounted. */
export async function createGateway(env: GatewayEnv, log: Logger, options: GatewayOptions = {}): Promise<Gateway> {
  if (!env.GATEWAY_PRIVATE_KEY) log.warn('[gateway] GATEWAY_PRIVATE_KEY is not set: subgraphs will treat every request as anonymous');
  if (!env.AUTH_PUBLIC_KEY) log.warn('[gateway] AUTH_PUBLIC_KEY is not set: sign-in tokens are refused');
  if (!env.RATE_LIMIT_ENABLED) log.warn('[gateway] RATE_LIMIT_ENABLED=false: rate limiting is OFF (for load tests and benchmarks only)');
  const metrics = new GatewayMetrics();

  const connections = SUBGRAPHS.map((s) => {
    const c = { name: s.name, url: subgraphUrl(env, s), timeoutMs: subgraphTimeout(env, s), maxSockets: env.SUBGRAPH_MAX_SOCKETS };
    return { ...c, pool: subgraphPool(c) };
  });
  const poolOf = (name: string): Pool => connections.find((c) => c.name === name)!.pool;
  const partners = connections.find((c) => c.name === 'partners')!;

  const auth = new Authenticator({
    userKeys: env.AUTH_PUBLIC_KEY ? await verificationKeys(env.AUTH_PUBLIC_KEY) : undefined,
    gatewayKey: await signingKey(env.GATEWAY_PRIVATE_KEY ?? generateKeyPairPem().privateKey),
    principalUrl: new URL('/internal/principal', partners.url).toString(),
    cacheSeconds: env.AUTH_CACHE_SECONDS,
    clock: options.clock ?? (() => new Date()),
    log,
  });
  const gateway = new ApolloGateway({
    ...(env.SUPERGRAPH_SOURCE === 'file'
      ? { supergraphSdl: readFileSync(env.SUPERGRAPH_PATH ? path.resolve(env.SUPERGRAPH_PATH) : SUPERGRAPH_FILE, 'utf8') }
      : { supergraphSdl: new IntrospectAndCompose({ subgraphs: connections.map((c) => ({ name: c.name, url: c.url })) }) }),
    buildService: ({ name }) => {
      const c = connections.find((x) => x.name === name);
      if (!c) throw new Error(`[gateway] the supergraph names an unknown subgraph "${name}"`);
      return new SubgraphDataSource(c, c.pool, auth, metrics, log);
    },
    logger: {
      debug: (m: unknown) => log.debug(String(m)),
      info: (m: unknown) => log.info(String(m)),
      warn: (m: unknown) => log.warn(String(m)),
      error: (m: unknown) => log.error(String(m)),
    },
  });

  const rateLimits = env.RATE_LIMIT_ENABLED ? new RateLimits(env, log, redisClientFor(env, log)) : undefined;
  const responseCache = env.RESPONSE_CACHE_ENABLED
    ? new GenerationalCache(new InMemoryLRUCache<string>({ maxSize: env.RESPONSE_CACHE_MAX_MB * 1024 * 1024, sizeCalculation: (v: string) => v.length || 1 }))
    : undefined;
  const safelist = env.SAFELIST_PATH ? Safelist.load(path.resolve(env.SAFELIST_PATH), PARTNER_SITE_OPERATIONS) : undefined;
  if (safelist) log.info({ operations: safelist.size }, '[gateway] anonymous callers may run safelisted operations only');

  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  app.set('trust proxy', trustProxyValue(env.TRUST_PROXY));
  const httpServer = http.createServer(app);
  const plugins: ApolloServerPlugin<GatewayContext>[] = [
    ApolloServerPluginDrainHttpServer({ httpServer }),
    // Apollo's default landing page loads from a third-party CDN (not acceptable under the GDPR).
    ApolloServerPluginLandingPageDisabled(),
    ApolloServerPluginUsageReportingDisabled(),
    gatewayPlugin({ env, metrics, rateLimits, responseCache, safelist }),
  ];
  if (responseCache) {
    plugins.push(
      responseCachePlugin<GatewayContext>({
        cache: responseCache,
        // Whole answers are shared only between callers without a principal; PRIVATE ones never.
        shouldReadFromCache: async ({ contextValue }) => contextValue.principal.role === 'ANONYMOUS',
        shouldWriteToCache: async ({ contextValue, overallCachePolicy }) => contextValue.principal.role === 'ANONYMOUS' && overallCachePolicy.scope !== 'PRIVATE',
      }),
    );
  }
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    plugins,
    includeStacktraceInErrorResponses: false,
    formatError: formatGatewayError(log, connections.map((c) => c.url)),
    // GET is allowed for queries (CDN caching); csrfPrevention makes browsers preflight every
    // request that is not plainly cross-site safe, GET included.
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    // The gateway's own policy (INTROSPECTION) decides per caller, in gatewayPlugin.
    introspection: true,
    parseOptions: { maxTokens: env.MAX_TOKENS },
    persistedQueries: { cache: new PersistedQueryStore(new InMemoryLRUCache<string>({ maxSize: 16 * 1024 * 1024, sizeCalculation: (v: string) => v.length || 1 }), safelist) },
    // The error of an unknown field must not reveal the schema to anonymous callers: handled in gatewayPlugin.
    logger: { debug: (m) => log.debug(m), info: (m) => log.info(m), warn: (m) => log.warn(m), error: (m) => log.error(m) },
  });
  await apollo.start();

  const readiness = new Readiness(
    connections.map((c) => ({ name: c.name, pool: c.pool, readyPath: '/ready' })),
    env.READY_TIMEOUT_MS,
  );
  readiness.loaded = true;

  // Every answer carries a request id (the client's, when it is a sane one), also sent to subgraphs and logged.
  app.use((req, res, next) => {
    const requestId = requestIdFrom(req.headers['x-request-id']);
    res.locals.requestId = requestId;
    res.setHeader('x-request-id', requestId);
    const route = routeOf(req.path);
    if (route) {
      const started = performance.now();
      res.once('finish', () => {
        metrics.requests.inc({ route, status: res.statusCode });
        metrics.duration.observe({ route }, (performance.now() - started) / 1000);
        if (res.statusCode >= 500) log.warn({ requestId, route, status: res.statusCode }, '[gateway] request failed');
        else if (log.isLevelEnabled('debug')) log.debug({ requestId, route, method: req.method, status: res.statusCode, ms: performance.now() - started }, '[gateway] request');
      });
    }
    next();
  });

  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/ready', async (_req, res) => {
    const report = await readiness.check();
    res.status(report.status === 'ready' ? 200 : 503).json(report);
  });
  if (env.METRICS_ENABLED) {
    app.get('/metrics', async (req, res) => {
      if (env.METRICS_TOKEN && req.headers.authorization !== `Bearer ${env.METRICS_TOKEN}`) return sendError(res, 401, 'UNAUTHENTICATED', 'Metrics need the metrics token');
      res.setHeader('content-type', metrics.registry.contentType);
      res.send(await metrics.registry.metrics());
    });
  }

  const corsOrigins = env.CORS_ORIGINS;
  const corsMiddleware = cors({
    origin: corsOrigins.includes('*') ? '*' : corsOrigins,
    // No cookies are used: tokens travel in headers, so credentialed CORS is never needed.
    credentials: false,
    methods: ['GET', 'POST', 'OPTIONS'],
    allowedHeaders: ['content-type', 'authorization', 'x-api-key', 'x-request-id', 'apollo-require-preflight', 'x-apollo-operation-name'],
    exposedHeaders: ['x-request-id', 'retry-after', 'ratelimit-limit', 'ratelimit-remaining', 'age'],
    maxAge: 600,
  });

  const ipOf = (req: Request) => req.ip ?? req.socket.remoteAddress ?? 'unknown';
  const tooMany = (res: Response, e: RateLimited) => {
    metrics.rateLimited.inc({ limit: e.limit });
    metrics.errors.inc({ code: 'RATE_LIMITED' });
    sendError(res, 429, 'RATE_LIMITED', e.message, { 'retry-after': String(e.retryAfterSeconds) });
  };

  /** Verifies the caller once per request (token or API key) and counts the request against its limit. */
  const authenticate = async (req: Request, res: Response, next: NextFunction) => {
    const ip = ipOf(req);
    const credentials = !!(req.headers.authorization || req.headers['x-api-key']);
    let principal: Principal;
    try {
      // Guessing keys or tokens is counted against the address; once used up, no more checks.
      const blocked = credentials && rateLimits ? await rateLimits.exhausted('badCredentials', clientKey(ip)) : undefined;
      if (blocked) return tooMany(res, blocked);
      principal = await auth.authenticate(req.headers);
    } catch (e) {
      if (credentials && rateLimits) await rateLimits.consume('badCredentials', clientKey(ip)).catch(() => undefined);
      const err = e instanceof GraphQLError ? e : new GraphQLError('Sign-in cannot be checked right now', { extensions: { code: 'SERVICE_UNAVAILABLE', http: { status: 503 } } });
      const code = (err.extensions.code as string) ?? 'UNAUTHENTICATED';
      metrics.errors.inc({ code });
      return sendError(res, (err.extensions.http as { status?: number } | undefined)?.status ?? 401, code, err.message);
    }
    res.locals.principal = principal;
    if (rateLimits) {
      const { limit, key } = RateLimits.general(principal, ip);
      try {
        const r = await rateLimits.consume(limit, key);
        res.setHeader('ratelimit-limit', String(rateLimits.limitOf(limit)));
        res.setHeader('ratelimit-remaining', String(r.remainingPoints));
      } catch (e) {
        if (e instanceof RateLimited) return tooMany(res, e);
        return next(e);
      }
    }
    next();
  };

  /** Refusals that need no parsing: batches, oversized documents. */
  const shape = (req: Request, res: Response, next: NextFunction) => {
    if (Array.isArray(req.body)) {
      metrics.errors.inc({ code: 'BATCHING_NOT_SUPPORTED' });
      return sendError(res, 400, 'BATCHING_NOT_SUPPORTED', 'Batched operations are not supported; send one operation per request');
    }
    const query = req.method === 'GET' ? req.query.query : req.body?.query;
    if (typeof query === 'string' && query.length > env.MAX_CHARACTERS) {
      metrics.errors.inc({ code: LimitCode.CHARACTERS });
      return sendError(res, 400, LimitCode.CHARACTERS, `The operation has ${query.length} characters; at most ${env.MAX_CHARACTERS} are allowed`);
    }
    // A browser opening /graphql gets GraphiQL instead of a bare error.
    if (req.method === 'GET' && query === undefined && env.GRAPHIQL_ENABLED && req.accepts(['application/json', 'text/html']) === 'text/html') return res.redirect('/graphiql');
    next();
  };

  if (env.GRAPHIQL_ENABLED) mountGraphiQL(app);

  const proxyBody = express.raw({ type: () => true, limit: env.MAX_BODY_BYTES });
  const proxyLimit = async (req: Request, res: Response, next: NextFunction) => {
    if (!rateLimits) return next();
    const key = clientKey(ipOf(req));
    try {
      // Form posts (subscribe, unsubscribe) count against the stricter limit of public mutations.
      await rateLimits.consume(req.method === 'POST' ? 'strict' : 'anonymous', key);
      next();
    } catch (e) {
      if (e instanceof RateLimited) return tooMany(res, e);
      next(e);
    }
  };
  // JSON-LD feeds, checked iCal feeds, /hsds/* and the widget (before the plain /feeds proxy).
  mountPartnerSites(app, { apollo, log, cors: corsMiddleware, limit: proxyLimit, proxy: (service) => proxyTo({ service, pool: poolOf(service), log }) });
  for (const [prefix, service] of [
    ['/feeds', 'events'],
    ['/newsletter', 'newsletter'],
  ] as const) {
    const handler = proxyTo({ service, pool: poolOf(service), log });
    app.get(`${prefix}/*path`, corsMiddleware, proxyLimit, handler);
    app.post(`${prefix}/*path`, corsMiddleware, proxyLimit, proxyBody, handler);
  }

  app.use(
    '/graphql',
    corsMiddleware,
    authenticate,
    express.json({ limit: env.MAX_BODY_BYTES }),
    shape,
    expressMiddleware(apollo, {
      context: async ({ req, res }) => ({
        requestId: res.locals.requestId,
        principal: res.locals.principal,
        clientIp: ipOf(req),
        userAgent: req.headers['user-agent']?.slice(0, 500),
        log: log.child({ requestId: res.locals.requestId }),
      }),
    }),
  );

  app.use((_req: Request, res: Response) => sendError(res, 404, 'NOT_FOUND', 'Nothing here; the GraphQL endpoint is /graphql'));
  // Body parser and unexpected errors: a JSON answer with a code, never a stack trace.
  app.use((err: { type?: string; status?: number; message?: string }, _req: Request, res: Response, _next: NextFunction) => {
    if (err.type === 'entity.too.large') {
      metrics.errors.inc({ code: 'PAYLOAD_TOO_LARGE' });
      return sendError(res, 413, 'PAYLOAD_TOO_LARGE', `The request body is larger than ${env.MAX_BODY_BYTES} bytes`);
    }
    if (err.type === 'entity.parse.failed') return sendError(res, 400, 'BAD_REQUEST', 'The request body is not valid JSON');
    log.error({ err, requestId: res.locals.requestId }, '[gateway] unexpected error');
    return sendError(res, 500, 'INTERNAL_SERVER_ERROR', 'Internal server error');
  });

  let closed: Promise<void> | undefined;
  return {
    app,
    httpServer,
    gateway,
    metrics,
    listen: (port = env.PORT, host = env.HOST) =>
      new Promise<string>((resolve, reject) => {
        httpServer.once('error', (e: NodeJS.ErrnoException) =>
          reject(e.code === 'EADDRINUSE' ? new Error(`[gateway] port ${port} is already taken; set PORT to another port`) : e),
        );
        httpServer.listen(port, host, () => resolve(`http://localhost:${(httpServer.address() as AddressInfo).port}/graphql`));
      }),
    close: () =>
      (closed ??= (async () => {
        readiness.shuttingDown = true;
        // The drain plugin stops new connections and waits for in-flight requests (10 s at most).
        await apollo.stop();
        if (httpServer.listening) await new Promise<void>((r) => httpServer.close(() => r()));
        await Promise.all(connections.map((c) => c.pool.close().catch(() => undefined)));
        await rateLimits?.close();
      })()),
  };
}
