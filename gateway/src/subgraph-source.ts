import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { GraphQLError } from 'graphql';
import { Pool } from 'undici';
import { CACHE_TAGS_EXTENSION, CACHE_TAGS_HEADER, CLIENT_IP_HEADER, CLIENT_UA_HEADER, inSpan, PRINCIPAL_HEADER, SpanKind, subgraphAudience, withTraceHeaders, type Logger } from '@mitgen/subgraph-kit/runtime';
import type { Authenticator } from './auth';
import { cacheHintOf, type CacheHint } from './cache';
import { takePrefetched } from './single-fetch';
import type { GatewayContext } from './context';
import type { GatewayMetrics } from './metrics';

export interface SubgraphConnection {
  name: string;
  url: string;
  timeoutMs: number;
  maxSockets: number;
}

/** Connection pool to one subgraph origin, shared by GraphQL fetches, readiness probes and the HTTP proxy. */
export function subgraphPool(c: SubgraphConnection): Pool {
  // Kept-alive connections, closed by us (4 s) before Node's server would close them (5 s).
  return new Pool(new URL(c.url).origin, {
    connections: c.maxSockets,
    keepAliveTimeout: 4_000,
    connectTimeout: Math.min(c.timeoutMs, 10_000),
    headersTimeout: c.timeoutMs,
    bodyTimeout: c.timeoutMs,
  });
}

/** What a subgraph answered: status, body and its `Cache-Control` header. */
interface SubgraphAnswer {
  statusCode: number;
  text: string;
  cacheControl: string | string[] | undefined;
}

/** Error codes of undici that mean "no answer in time". */
const TIMEOUTS = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT']);

/** Masked error of a subgraph that did not answer: names the service, never its address. */
export function serviceUnavailable(service: string, timedOut: boolean): GraphQLError {
  return new GraphQLError(
    timedOut ? `The ${service} service did not answer in time; its data is missing from this response` : `The ${service} service is unavailable; its data is missing from this response`,
    { extensions: { code: 'SERVICE_UNAVAILABLE', service } },
  );
}

/**
 * Sends the gateway's subgraph fetches over undici's pool (kept-alive sockets, a socket limit
 * and a time limit per subgraph), with the request id, the client and a principal token signed
 * for this subgraph alone. Network failures become one masked SERVICE_UNAVAILABLE error, so the
 * other subgraphs' data still arrives. Each answer's `Cache-Control` restricts the cache policy of
 * the client's request, as `RemoteGraphQLDataSource` does with `honorSubgraphCacheControlHeader`.
 */
export class SubgraphDataSource implements GraphQLDataSource<GatewayContext> {
  private readonly path: string;
  private readonly audience: string;
  /**
   * Identical reads in flight at the same time (same operation, variables and principal) share one
   * subgraph round trip — popular pages under load. Each request parses its own copy of the answer,
   * because the gateway merges into the objects it gets, and takes the answer's cache hint into
   * its own policy.
   */
  private readonly inflight = new Map<string, Promise<SubgraphAnswer>>();

  constructor(
    private readonly c: SubgraphConnection,
    private readonly pool: Pool,
    private readonly auth: Authenticator,
    private readonly metrics: GatewayMetrics,
    private readonly log: Logger,
    /** Ask for the entity tags of answers (the response cache is on). */
    private readonly askTags = false,
  ) {
    const u = new URL(c.url);
    this.path = u.pathname + u.search;
    this.audience = subgraphAudience(c.name);
  }

  private async fetch(headers: Record<string, string>, body: string, shareable: boolean): Promise<SubgraphAnswer> {
    const send = async (): Promise<SubgraphAnswer> => {
      const res = await this.pool.request({ path: this.path, method: 'POST', headers, body });
      return { statusCode: res.statusCode, text: await res.body.text(), cacheControl: res.headers['cache-control'] };
    };
    if (!shareable) return send();
    const key = `${headers[PRINCIPAL_HEADER] ?? ''}\n${headers['accept-language'] ?? ''}\n${body}`;
    let pending = this.inflight.get(key);
    if (!pending) {
      pending = send().finally(() => this.inflight.delete(key));
      this.inflight.set(key, pending);
    }
    return pending;
  }

  /** One fetch from a subgraph, in a CLIENT span `fetch <subgraph>` when the request's trace is recorded. */
  process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    // Fetched already by the single-fetch path, which then left the operation to Apollo Gateway.
    const prefetched = takePrefetched(options.context, options.request.query);
    if (prefetched) return prefetched;
    return inSpan(`fetch ${this.c.name}`, { 'mitgen.subgraph': this.c.name, 'graphql.operation.name': options.request.operationName ?? '' }, () => this.send(options), SpanKind.CLIENT);
  }

  private async send(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    const { request } = options;
    const context = options.context as Partial<GatewayContext>;
    // Fetches for a client's operation (not schema loading or health checks) shape its cache policy.
    const policy = 'incomingRequestContext' in options ? (options.incomingRequestContext.overallCachePolicy as { restrict(hint: CacheHint): void } | undefined) : undefined;
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    // Only the gateway states the principal and the client; clients' copies never get here.
    if (context.requestId) headers['x-request-id'] = context.requestId;
    if (context.clientIp) headers[CLIENT_IP_HEADER] = context.clientIp;
    if (context.userAgent) headers[CLIENT_UA_HEADER] = context.userAgent;
    // Subgraphs show translatable texts in the language the client asks for (docs/languages.md).
    if (context.acceptLanguage) headers['accept-language'] = context.acceptLanguage;
    const tagged = this.askTags && policy !== undefined;
    if (tagged) headers[CACHE_TAGS_HEADER] = '1';
    // The client's trace (or the gateway's) continues in the subgraph: W3C `traceparent`.
    withTraceHeaders(headers);
    if (context.principal) {
      const token = await this.auth.tokenFor(context.principal, this.audience);
      if (token) headers[PRINCIPAL_HEADER] = token;
    }
    const body = JSON.stringify({
      query: request.query,
      operationName: request.operationName,
      variables: request.variables,
      ...(request.extensions ? { extensions: request.extensions } : {}),
    });
    const started = performance.now();
    let outcome = 'ok';
    try {
      const res = await this.fetch(headers, body, !/^\s*mutation\b/.test(request.query ?? ''));
      const text = res.text;
      let parsed: GatewayGraphQLResponse | undefined;
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = undefined;
      }
      // GraphQL-over-HTTP: a 400 with a GraphQL body is an answer (e.g. a bad variable), not an outage.
      if (parsed && typeof parsed === 'object' && ('data' in parsed || 'errors' in parsed)) {
        if (res.statusCode >= 500) outcome = 'error';
        policy?.restrict(cacheHintOf(res.cacheControl));
        if (tagged) collectTags(context, parsed);
        return parsed;
      }
      outcome = 'error';
      policy?.restrict({ maxAge: 0 });
      (context.log ?? this.log).error({ subgraph: this.c.name, status: res.statusCode }, '[gateway] subgraph answered without a GraphQL body');
      throw new GraphQLError(`The ${this.c.name} service failed to answer; its data is missing from this response`, {
        extensions: { code: 'SERVICE_UNAVAILABLE', service: this.c.name },
      });
    } catch (e) {
      if (e instanceof GraphQLError) throw e;
      // Data is missing from the answer: never stored, even if the gateway left the errors out.
      policy?.restrict({ maxAge: 0 });
      const code = (e as { code?: string }).code ?? '';
      const timedOut = TIMEOUTS.has(code);
      outcome = timedOut ? 'timeout' : 'unreachable';
      (context.log ?? this.log).warn({ subgraph: this.c.name, err: (e as Error).message, code }, '[gateway] subgraph fetch failed');
      throw serviceUnavailable(this.c.name, timedOut);
    } finally {
      this.metrics.subgraphFetch.observe({ subgraph: this.c.name, outcome }, (performance.now() - started) / 1000);
    }
  }
}

/** Moves the entity tags of a subgraph answer into the request's context (they never reach the client). */
function collectTags(context: Partial<GatewayContext>, answer: GatewayGraphQLResponse): void {
  const tags = answer.extensions?.[CACHE_TAGS_EXTENSION];
  if (Array.isArray(tags)) {
    context.cacheTags ??= new Set();
    for (const t of tags) if (typeof t === 'string') context.cacheTags.add(t);
    const { [CACHE_TAGS_EXTENSION]: _, ...rest } = answer.extensions!;
    answer.extensions = Object.keys(rest).length ? rest : undefined;
  } else context.untagged = true;
}
