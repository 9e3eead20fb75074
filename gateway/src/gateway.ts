import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { ApolloGateway } from '@apollo/gateway';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import {
  ContentLanguageSnapshot,
  useContentLanguageSnapshot,
  contentLanguagesThroughGraph,
  continueTrace,
  generateKeyPairPem,
  GraphClient,
  negotiateLanguage,
  requestScope,
  signingKey,
  traceRequests,
  verificationKeys,
  type Logger,
} from '@mitgen/subgraph-kit/runtime';
import { createApollo } from './apollo';
import { Authenticator, type Clock } from './auth';
import type { GatewayContext } from './context';
import { redisUrlOf, subgraphTimeout, subgraphUrl, trustProxyValue, type GatewayEnv } from './env';
import { mountGraphiQL } from './graphiql';
import { authenticate } from './http/authenticate';
import { corsFor } from './http/cors';
import { simpleGetQueries } from './http/csrf';
import { errorHandler, notFound } from './http/error-handler';
import { requestLog } from './http/request-log';
import { requestShape } from './http/request-shape';
import { ipOf } from './http/send-error';
import { GatewayMetrics } from './metrics';
import { mountPartnerSites, PARTNER_SITE_OPERATIONS } from './partner-sites/partner-sites';
import { Safelist } from './persisted';
import { DataSubjectExport } from './privacy-export';
import { RateLimits } from './rate-limit';
import { MemoryTaggedCache, RedisTaggedCache } from './response-cache/tagged-cache';
import { memoryApqStore, RedisApqStore } from './shared-state/apq-store';
import { SharedRedis } from './shared-state/redis';
import { Readiness } from './readiness';
import { mountOps } from './routes/ops';
import { proxyTo } from './proxy';
import { mountPages } from './routes/pages';
import { mountProxies, publicRouteLimit } from './routes/proxies';
import { subgraphPool } from './subgraph-source';
import { SUBGRAPHS } from './subgraphs';

export type { GatewayContext } from './context';

export interface GatewayOptions {
  /** Current time for token checks (tests move it). */
  clock?: Clock;
  /** Operations of one subgraph fetch answered with its data as it came (single-fetch.ts); tests turn it off to compare. */
  singleFetchPath?: boolean;
}

export interface Gateway {
  app: express.Express;
  httpServer: http.Server;
  gateway: ApolloGateway;
  metrics: GatewayMetrics;
  /** The gateway's snapshot of the active content languages, for its cache key (tests call `refresh`). */
  languages: ContentLanguageSnapshot;
  listen(port?: number, host?: string): Promise<string>;
  /** Graceful stop: unready, no new connections, in-flight requests finish, then pools close. */
  close(): Promise<void>;
}

/** Builds the unstarted gateway: supergraph loaded, Apollo started, routes mounted (middleware in http/, routes in routes/). */
export async function createGateway(env: GatewayEnv, log: Logger, options: GatewayOptions = {}): Promise<Gateway> {
  if (!env.GATEWAY_PRIVATE_KEY) log.warn('[gateway] GATEWAY_PRIVATE_KEY is not set: subgraphs will treat every request as anonymous');
  if (!env.AUTH_PUBLIC_KEY) log.warn('[gateway] AUTH_PUBLIC_KEY is not set: sign-in tokens are refused');
  if (!env.RATE_LIMIT_ENABLED) log.warn('[gateway] RATE_LIMIT_ENABLED=false: rate limiting is OFF (for load tests and benchmarks only)');
  const metrics = new GatewayMetrics();

  const connections = SUBGRAPHS.map((s) => {
    const c = { name: s.name, url: subgraphUrl(env, s), timeoutMs: subgraphTimeout(env, s), maxSockets: env.SUBGRAPH_MAX_SOCKETS };
    return { ...c, pool: subgraphPool(c) };
  });
  const poolOf = (name: string) => {
    const c = connections.find((x) => x.name === name);
    if (!c) throw new Error(`[gateway] no subgraph "${name}" in the registry`);
    return c.pool;
  };
  // The partners subgraph owns accounts and API keys: the gateway asks it whether they are still valid.
  const auth = new Authenticator({
    userKeys: env.AUTH_PUBLIC_KEY ? await verificationKeys(env.AUTH_PUBLIC_KEY) : undefined,
    gatewayKey: await signingKey(env.GATEWAY_PRIVATE_KEY ?? generateKeyPairPem().privateKey),
    principalUrl: new URL('/internal/principal', connections.find((c) => c.name === 'partners')!.url).toString(),
    cacheSeconds: env.AUTH_CACHE_SECONDS,
    clock: options.clock ?? (() => new Date()),
    log,
  });

  // The content languages the gateway negotiates for its response cache's key, read from the
  // subgraph that keeps the list (public data; the gateway's own endpoint may not listen yet).
  const partners = connections.find((c) => c.name === 'partners')!;
  const languages = new ContentLanguageSnapshot({
    load: contentLanguagesThroughGraph(new GraphClient({ service: 'gateway', url: partners.url, timeoutMs: partners.timeoutMs, clock: { now: () => new Date() }, log })),
    refreshMs: env.CONTENT_LANGUAGES_REFRESH_SECONDS * 1000,
    log,
    holder: 'gateway',
  });
  if (env.CONTENT_LANGUAGES_REFRESH_SECONDS > 0) languages.start();
  // Pages and feeds (`?lang=`) offer the same list.
  useContentLanguageSnapshot(languages);

  // With REDIS_URL the replicas share the response cache, persisted queries and rate limits.
  const redisUrl = redisUrlOf(env);
  const redis = redisUrl ? new SharedRedis(redisUrl, env.REDIS_TIMEOUT_MS, log, metrics) : undefined;
  if (redis) {
    // A replica that starts while Redis is away still starts (and works in-process meanwhile).
    if (await redis.connected(2_000)) log.info('[gateway] response cache, persisted queries and rate limits are shared through Redis');
    else redis.markDown('no connection within 2 s of starting');
  }
  const rateLimits = env.RATE_LIMIT_ENABLED ? new RateLimits(env, log, redis?.client) : undefined;
  const responseCache = env.RESPONSE_CACHE_ENABLED ? (redis ? new RedisTaggedCache(redis) : new MemoryTaggedCache(env.RESPONSE_CACHE_MAX_MB * 1024 * 1024)) : undefined;
  const apqStore = redis ? new RedisApqStore(redis) : memoryApqStore();
  const safelist = env.SAFELIST_PATH ? Safelist.load(path.resolve(env.SAFELIST_PATH), PARTNER_SITE_OPERATIONS) : undefined;
  if (safelist) log.info({ operations: safelist.size }, '[gateway] anonymous callers may run safelisted operations only');

  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  app.set('trust proxy', trustProxyValue(env.TRUST_PROXY));
  const httpServer = http.createServer(app);
  const { gateway, apollo } = createApollo({ env, log, metrics, auth, httpServer, connections, rateLimits, responseCache, apqStore, safelist, singleFetchPath: options.singleFetchPath });
  // Listens for the supergraph, so it must exist before Apollo starts and loads it.
  const dataSubjectExport = new DataSubjectExport(gateway);
  await apollo.start();

  const readiness = new Readiness(
    connections.map((c) => ({ name: c.name, pool: c.pool, readyPath: '/ready' })),
    env.READY_TIMEOUT_MS,
  );
  readiness.loaded = true;

  const cors = corsFor(env);
  // Every request starts a trace or continues the client's W3C `traceparent` (subgraph fetches pass it on).
  app.use(traceRequests('gateway'));
  app.use(requestLog(metrics, log));
  // The API first: a request to /graphql passes no other route's matcher.
  app.use(
    '/graphql',
    cors,
    authenticate(auth, metrics, rateLimits),
    express.json({ limit: env.MAX_BODY_BYTES }),
    // The body parser calls on outside the request's scopes (request id, trace): enter them again.
    requestScope(),
    continueTrace(),
    requestShape(env, metrics),
    simpleGetQueries(),
    expressMiddleware(apollo, {
      context: async ({ req, res }): Promise<GatewayContext> => ({
        requestId: res.locals.requestId,
        principal: res.locals.principal,
        clientIp: (res.locals.clientIp as string | undefined) ?? ipOf(req),
        userAgent: req.headers['user-agent']?.slice(0, 500),
        acceptLanguage: req.headers['accept-language']?.slice(0, 500),
        language: negotiateLanguage(req.headers['accept-language'], languages),
        log,
      }),
    }),
  );
  mountOps(app, env, metrics, readiness);
  if (env.GRAPHIQL_ENABLED) mountGraphiQL(app);
  // Before the pass-through of /newsletter/*: the confirm and preferences pages are the gateway's own.
  mountPages(app, { env, log, metrics, rateLimits, apollo });
  // JSON-LD feeds, checked iCal feeds, /hsds/* and the widget (before the plain /feeds pass-through).
  mountPartnerSites(app, { apollo, log, cors, limit: publicRouteLimit({ rateLimits, metrics }), proxy: (service) => proxyTo({ service, pool: poolOf(service), log }) });
  mountProxies(app, { env, log, metrics, rateLimits, cors, poolOf });
  // A person's data as one JSON download, for coordinators (docs/privacy.md).
  app.post('/privacy/export', cors, authenticate(auth, metrics, rateLimits), express.json({ limit: '4kb' }), dataSubjectExport.handler(apollo, log));
  app.use(notFound);
  app.use(errorHandler(env, metrics, log));

  let closed: Promise<void> | undefined;
  return {
    app,
    httpServer,
    gateway,
    metrics,
    languages,
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
        languages.stop();
        // The drain plugin stops new connections and waits for in-flight requests (10 s at most).
        await apollo.stop();
        if (httpServer.listening) await new Promise<void>((r) => httpServer.close(() => r()));
        await Promise.all(connections.map((c) => c.pool.close().catch(() => undefined)));
        await redis?.close();
      })()),
  };
}
