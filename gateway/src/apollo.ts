import { readFileSync } from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import { ApolloGateway, IntrospectAndCompose } from '@apollo/gateway';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled, ApolloServerPluginUsageReportingDisabled } from '@apollo/server/plugin/disabled';
import responseCachePlugin from '@apollo/server-plugin-response-cache';
import { createHash } from 'node:crypto';
import type { KeyValueCache } from '@apollo/utils.keyvaluecache';
import type { Pool } from 'undici';
import type { Logger } from '@mitgen/subgraph-kit/runtime';
import type { Authenticator } from './auth';
import { SUPERGRAPH_FILE } from './compose';
import type { GatewayContext } from './context';
import type { GatewayEnv } from './env';
import { formatGatewayError } from './errors';
import { correctedGateway } from './execution';
import type { GatewayMetrics } from './metrics';
import { PersistedQueryStore, type Safelist } from './persisted';
import { cachedFor, gatewayPlugin } from './plugin';
import type { RateLimits } from './rate-limit';
import type { TaggedCache } from './response-cache/tagged-cache';
import { SingleFetchPath } from './single-fetch';
import { SubgraphDataSource, type SubgraphConnection } from './subgraph-source';

export interface ApolloDeps {
  env: GatewayEnv;
  log: Logger;
  metrics: GatewayMetrics;
  auth: Authenticator;
  httpServer: http.Server;
  connections: (SubgraphConnection & { pool: Pool })[];
  rateLimits?: RateLimits;
  responseCache?: TaggedCache;
  /** Where registered persisted queries are kept (in-process, or Redis with an in-process copy). */
  apqStore: KeyValueCache<string>;
  safelist?: Safelist;
  /** The single-fetch fast path (single-fetch.ts); off only in tests that compare it with Apollo Gateway's executor. */
  singleFetchPath?: boolean;
}

/** Apollo Gateway over the supergraph (the committed file, or composed from the running subgraphs) and the Apollo Server that runs it. */
export function createApollo(d: ApolloDeps): { gateway: ApolloGateway; apollo: ApolloServer<GatewayContext> } {
  const { env, log, metrics, connections } = d;
  const singleFetch = new SingleFetchPath(metrics, d.singleFetchPath ?? true);
  const gateway = new ApolloGateway({
    ...(env.SUPERGRAPH_SOURCE === 'file'
      ? { supergraphSdl: readFileSync(env.SUPERGRAPH_PATH ? path.resolve(env.SUPERGRAPH_PATH) : SUPERGRAPH_FILE, 'utf8') }
      : { supergraphSdl: new IntrospectAndCompose({ subgraphs: connections.map((c) => ({ name: c.name, url: c.url })) }) }),
    buildService: ({ name }) => {
      const c = connections.find((x) => x.name === name);
      if (!c) throw new Error(`[gateway] the supergraph names an unknown subgraph "${name}"`);
      return new SubgraphDataSource(c, c.pool, d.auth, metrics, log, d.responseCache !== undefined);
    },
    // Which operations one subgraph answers as asked (single-fetch.ts).
    experimental_didResolveQueryPlan: singleFetch.didResolveQueryPlan,
    logger: {
      debug: (m: unknown) => log.debug(String(m)),
      info: (m: unknown) => log.info(String(m)),
      warn: (m: unknown) => log.warn(String(m)),
      error: (m: unknown) => log.error(String(m)),
    },
  });
  gateway.onSchemaLoadOrUpdate(({ coreSupergraphSdl }) => singleFetch.schemaLoaded(coreSupergraphSdl));

  const plugins: ApolloServerPlugin<GatewayContext>[] = [
    ApolloServerPluginDrainHttpServer({ httpServer: d.httpServer }),
    // Apollo's default landing page loads from a third-party CDN (not acceptable under the GDPR).
    ApolloServerPluginLandingPageDisabled(),
    ApolloServerPluginUsageReportingDisabled(),
    gatewayPlugin({ env, metrics, rateLimits: d.rateLimits, responseCache: d.responseCache, safelist: d.safelist }),
  ];
  const responseCache = d.responseCache;
  if (responseCache) {
    plugins.push(
      responseCachePlugin<GatewayContext>({
        cache: responseCache,
        // One stored answer per content language: the same query reads differently in Arabic.
        extraCacheKeyData: async ({ contextValue }) => contextValue.language ?? 'de',
        // Answers to callers without a principal are shared (PUBLIC only); an API key's are kept
        // under the key's id (its scope: the key's partner and rights), never served to another
        // caller; signed-in users' never.
        sessionId: async ({ contextValue: { principal } }) => (principal.role === 'API_CLIENT' && principal.subject ? `api-key:${principal.subject}` : null),
        shouldReadFromCache: async ({ contextValue }) => cachedFor(contextValue.principal),
        shouldWriteToCache: async ({ contextValue, overallCachePolicy }) =>
          contextValue.principal.role === 'ANONYMOUS' ? overallCachePolicy.scope !== 'PRIVATE' : cachedFor(contextValue.principal),
        // The key as the plugin makes it; after execution it is the key the answer is stored
        // under, so the entity tags the subgraphs named go with it.
        generateCacheKey: (rc, keyData) => {
          const key = createHash('sha256').update(JSON.stringify(keyData)).digest('hex');
          const ctx = rc.contextValue;
          if (ctx.executed && !rc.metrics.responseCacheHit) responseCache.tagNext(key, ctx.untagged ? [] : (ctx.cacheTags ?? []));
          return key;
        },
      }),
    );
  }
  const apollo = new ApolloServer<GatewayContext>({
    gateway: correctedGateway(gateway, log, singleFetch),
    plugins,
    includeStacktraceInErrorResponses: false,
    formatError: formatGatewayError(log, connections.map((c) => c.url)),
    // GET is allowed for queries (CDN caching). csrfPrevention makes browsers preflight every
    // request that is not plainly cross-site safe; plain GET queries are exempt (http/csrf.ts).
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    // The gateway's own policy (INTROSPECTION) decides per caller, in gatewayPlugin.
    introspection: true,
    parseOptions: { maxTokens: env.MAX_TOKENS },
    persistedQueries: { cache: new PersistedQueryStore(d.apqStore, d.safelist) },
    // The error of an unknown field must not reveal the schema to anonymous callers: handled in gatewayPlugin.
    logger: { debug: (m) => log.debug(m), info: (m) => log.info(m), warn: (m) => log.warn(m), error: (m) => log.error(m) },
  });
  return { gateway, apollo };
}
