import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Prometheus metrics of one gateway (own registry, so several gateways in one test process do not clash). */
export class GatewayMetrics {
  readonly registry = new Registry();
  readonly requests = new Counter({
    name: 'mitgen_gateway_http_requests_total',
    help: 'HTTP requests by route (graphql, feeds, newsletter) and status code',
    labelNames: ['route', 'status'] as const,
    registers: [this.registry],
  });
  readonly duration = new Histogram({
    name: 'mitgen_gateway_http_request_duration_seconds',
    help: 'Time from request to response, by route',
    labelNames: ['route'] as const,
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  readonly operations = new Counter({
    name: 'mitgen_gateway_graphql_operations_total',
    help: 'GraphQL operations by type (query, mutation) and caller role',
    labelNames: ['type', 'role'] as const,
    registers: [this.registry],
  });
  readonly errors = new Counter({
    name: 'mitgen_gateway_graphql_errors_total',
    help: 'Errors sent to clients by extensions.code',
    labelNames: ['code'] as const,
    registers: [this.registry],
  });
  readonly subgraphFetch = new Histogram({
    name: 'mitgen_gateway_subgraph_fetch_duration_seconds',
    help: 'Time of one fetch from a subgraph, by subgraph and outcome (ok, error, timeout, unreachable)',
    labelNames: ['subgraph', 'outcome'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  readonly singleFetch = new Counter({
    name: 'mitgen_gateway_single_fetch_operations_total',
    help: 'Operations of one subgraph fetch by how they were answered: served (its data as it came) or handed over (to Apollo Gateway, e.g. an answer with errors)',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });
  readonly cache = new Counter({
    name: 'mitgen_gateway_response_cache_requests_total',
    help: 'Cacheable reads (anonymous and API keys) by result (hit, miss); hit rate = hit / (hit + miss)',
    labelNames: ['result'] as const,
    registers: [this.registry],
  });
  readonly cacheInvalidations = new Counter({
    name: 'mitgen_gateway_response_cache_invalidated_tags_total',
    help: 'Entity tags invalidated by mutations through this gateway',
    registers: [this.registry],
  });
  readonly redisUp = new Gauge({
    name: 'mitgen_gateway_redis_up',
    help: 'Whether the shared Redis (REDIS_URL) answers: 1 yes, 0 no (cache bypassed, limits in-process); absent without REDIS_URL',
    registers: [this.registry],
  });
  readonly redisFailures = new Counter({
    name: 'mitgen_gateway_redis_failures_total',
    help: 'Redis commands that failed or took longer than REDIS_TIMEOUT_MS, by use (cache, apq, rate-limit)',
    labelNames: ['use'] as const,
    registers: [this.registry],
  });
  readonly rateLimited = new Counter({
    name: 'mitgen_gateway_rate_limit_rejections_total',
    help: 'Requests refused with 429, by limit (anonymous, apiKey, account, strict, login)',
    labelNames: ['limit'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'mitgen_gateway_' });
  }
}
