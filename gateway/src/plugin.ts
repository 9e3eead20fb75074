import type { ApolloServerPlugin, GraphQLRequestContextWillSendResponse } from '@apollo/server';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { Principal } from '@mitgen/subgraph-kit/runtime';
import type { GatewayContext } from './context';
import type { GatewayEnv } from './env';
import { withoutSuggestions } from './errors';
import { costOf, DocumentAnalyzer, firstValue, LimitCode, limitError, limitsFor, type OperationLimits } from './limits';
import type { GatewayMetrics } from './metrics';
import type { Safelist } from './persisted';
import { clientKey, RateLimited, rateLimitedError, type RateLimits } from './rate-limit';
import { UNTAGGED, type TaggedCache } from './response-cache/tagged-cache';

export interface GatewayPluginOptions {
  env: GatewayEnv;
  metrics: GatewayMetrics;
  rateLimits?: RateLimits;
  responseCache?: TaggedCache;
  safelist?: Safelist;
}

/** Whether a caller may introspect the schema under the INTROSPECTION setting. */
export function mayIntrospect(policy: GatewayEnv['INTROSPECTION'], principal: Principal): boolean {
  switch (policy) {
    case 'public':
      return true;
    case 'accounts':
      return principal.role === 'COORDINATOR' || principal.role === 'PARTNER_EDITOR';
    case 'coordinators':
      return principal.role === 'COORDINATOR';
    default:
      return false;
  }
}

const signedIn = (p: Principal | undefined) => p?.role === 'COORDINATOR' || p?.role === 'PARTNER_EDITOR';

/**
 * Whose answers the response cache keeps: callers without a principal (shared) and API keys (one
 * store per key, apollo.ts); signed-in users' answers never.
 */
export const cachedFor = (p: Principal | undefined): boolean => p?.role === 'ANONYMOUS' || (p?.role === 'API_CLIENT' && !!p.subject);

/**
 * The gateway's request checks after Apollo parsed and validated an operation (both cached per
 * query string by Apollo) and before any subgraph is called: safelist, introspection policy,
 * depth/aliases/directives/cost limits, the `first` maximum, the stricter rate limits of public
 * mutations, and who may be served cached answers. Measurements are memoized per document, so a
 * repeated operation costs a WeakMap lookup and a few comparisons. What is cacheable and for how
 * long the subgraphs say (their `@cacheControl` hints, read from their answers in
 * subgraph-source.ts); CACHE_MAX_AGE_SECONDS caps it.
 */
export function gatewayPlugin(o: GatewayPluginOptions): ApolloServerPlugin<GatewayContext> {
  const { env, metrics } = o;
  const analyzer = new DocumentAnalyzer(env.COST_LIST_SIZE);
  const defaultLimits = limitsFor(env, { role: 'ANONYMOUS' });
  const coordinatorLimits = limitsFor(env, { role: 'COORDINATOR' });
  const strict = new Set(env.RATE_LIMIT_STRICT_MUTATIONS);

  return {
    async requestDidStart() {
      const started = performance.now();
      return {
        async didResolveOperation(rc) {
          const ctx = rc.contextValue;
          const principal = ctx.principal;
          const analysis = analyzer.analyze(rc.schema, rc.document, rc.operationName);
          if (o.safelist && principal.role === 'ANONYMOUS' && !o.safelist.has(rc.queryHash)) {
            throw limitError('PERSISTED_QUERY_NOT_ALLOWED', 'Only safelisted operations are open to anonymous callers on this gateway; use an API key or sign in');
          }
          if (analysis.introspection && !mayIntrospect(env.INTROSPECTION, principal)) {
            throw limitError(LimitCode.INTROSPECTION, 'Introspection is not allowed for you on this gateway; the schema is documented in the repository', {});
          }
          const limits: OperationLimits = principal.role === 'COORDINATOR' ? coordinatorLimits : defaultLimits;
          if (analysis.depth > limits.depth) throw limitError(LimitCode.DEPTH, `The operation is nested ${analysis.depth} levels deep; at most ${limits.depth} are allowed`, { limit: limits.depth });
          if (analysis.aliases > limits.aliases) throw limitError(LimitCode.ALIASES, `The operation uses ${analysis.aliases} aliases; at most ${limits.aliases} are allowed`, { limit: limits.aliases });
          if (analysis.directives > limits.directives) {
            throw limitError(LimitCode.DIRECTIVES, `The operation uses ${analysis.directives} directives; at most ${limits.directives} are allowed`, { limit: limits.directives });
          }
          const variables = rc.request.variables ?? {};
          for (const f of analysis.firsts) {
            const v = firstValue(f, variables);
            if (v < 0 || v > env.MAX_FIRST) {
              throw new GraphQLError(`first must be between 0 and ${env.MAX_FIRST}`, { extensions: { code: 'BAD_USER_INPUT', field: 'first', http: { status: 400 } } });
            }
          }
          const cost = costOf(analysis, variables);
          if (cost > limits.cost) {
            throw limitError(LimitCode.COST, `The operation would cost ${cost} (every field 1, times the items requested above it); at most ${limits.cost} is allowed — ask for fewer items (first) or fewer nested lists`, {
              cost,
              limit: limits.cost,
            });
          }
          if (o.rateLimits && analysis.mutationFields.length && !signedIn(principal)) {
            const key = clientKey(ctx.clientIp ?? 'unknown');
            let logins = 0;
            let stricts = 0;
            for (const f of analysis.mutationFields) {
              if (f === 'login') logins++;
              else if (strict.has(f)) stricts++;
            }
            try {
              if (logins) await o.rateLimits.consume('login', key, logins);
              // Partner servers (API keys) forward their visitors' registrations from one address.
              if (stricts && principal.role === 'ANONYMOUS') await o.rateLimits.consume('strict', key, stricts);
            } catch (e) {
              if (!(e instanceof RateLimited)) throw e;
              metrics.rateLimited.inc({ limit: e.limit });
              throw rateLimitedError(e);
            }
          }
          // Whole answers are cached only for queries of callers without a principal (shared, and
          // marked cacheable for CDNs) or with an API key (per key, private); introspection is the
          // gateway's own answer, never cached.
          if (!o.responseCache || rc.operation?.operation !== 'query' || !cachedFor(principal) || analysis.introspection) {
            rc.overallCachePolicy.restrict({ maxAge: 0 });
          } else if (principal.role === 'API_CLIENT') rc.overallCachePolicy.restrict({ scope: 'PRIVATE' });
        },

        async executionDidStart(rc) {
          return {
            async executionDidEnd() {
              rc.contextValue.executed = true;
              // The subgraphs' answers set the policy; an operation that reached none stays uncacheable.
              if (rc.overallCachePolicy.maxAge !== undefined) rc.overallCachePolicy.restrict({ maxAge: env.CACHE_MAX_AGE_SECONDS });
            },
          };
        },

        async willSendResponse(rc) {
          await finish(rc, o);
          // One line per operation (request and trace id bound), as each subgraph writes one.
          const log = rc.contextValue.log;
          if (log?.isLevelEnabled('debug')) log.debug({ operation: rc.operation?.operation, operationName: rc.operationName, ms: Math.round((performance.now() - started) * 10) / 10 }, '[gateway] graphql request');
        },
      };
    },
  };
}

async function finish(rc: GraphQLRequestContextWillSendResponse<GatewayContext>, o: GatewayPluginOptions): Promise<void> {
  const { metrics } = o;
  const ctx = rc.contextValue;
  const type = rc.operation?.operation;
  if (type) metrics.operations.inc({ type, role: ctx.principal?.role ?? 'ANONYMOUS' });
  if (rc.response.body.kind !== 'single') return;
  const result = rc.response.body.singleResult;
  // The entities a mutation changed (its subgraphs name them): every stored answer that contains
  // one is dropped — in Redis for all replicas — before the mutation's answer leaves.
  if (type === 'mutation' && result.data && o.responseCache) {
    const tags = [...(ctx.cacheTags ?? []), UNTAGGED];
    await o.responseCache.invalidate(tags);
    metrics.cacheInvalidations.inc(tags.length);
  }
  const cacheable = o.responseCache && type === 'query' && cachedFor(ctx.principal) && !result.errors ? rc.overallCachePolicy.policyIfCacheable() : null;
  if (cacheable) {
    // Stored are PUBLIC answers, and PRIVATE ones of API keys (per key).
    if (cacheable.scope === 'PUBLIC' || ctx.principal.role === 'API_CLIENT') metrics.cache.inc({ result: rc.metrics.responseCacheHit ? 'hit' : 'miss' });
    // A CDN (or browser) must not serve this answer for a request that carries credentials (or vice versa).
    rc.response.http.headers.set('vary', 'accept, accept-language, authorization, x-api-key');
  }
  if (!result.errors?.length) return;
  const hideSuggestions = !signedIn(ctx.principal);
  const seen = new Set<string>();
  const errors: GraphQLFormattedError[] = [];
  for (const e of result.errors) {
    const code = (e.extensions?.code as string) ?? 'INTERNAL_SERVER_ERROR';
    // One error per unavailable service, however many fetches to it failed.
    if (code === 'SERVICE_UNAVAILABLE' && e.extensions?.service) {
      if (seen.has(e.extensions.service as string)) continue;
      seen.add(e.extensions.service as string);
    }
    metrics.errors.inc({ code });
    errors.push(hideSuggestions && code === 'GRAPHQL_VALIDATION_FAILED' ? { ...e, message: withoutSuggestions(e.message) } : e);
  }
  result.errors = errors;
  if (ctx.requestId) result.extensions = { ...result.extensions, requestId: ctx.requestId };
}
