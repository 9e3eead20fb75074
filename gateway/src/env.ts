import { z } from 'zod';
import { publicUrlEnvShape } from '@mitgen/subgraph-kit/runtime';
import type { SubgraphEntry } from '@mitgen/registry';
import { SUBGRAPHS } from './subgraphs';

const url = z.string().url();
const int = (min: number, max: number, fallback: number) => z.coerce.number().int().min(min).max(max).default(fallback);
const optionalInt = (min: number, max: number) =>
  z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().min(min).max(max).optional());
const list = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean));

/**
 * Who may run introspection queries (`__schema`, `__type`): everyone, signed-in accounts,
 * coordinators only, or nobody. An explicit setting, never derived from NODE_ENV.
 */
export const INTROSPECTION_POLICIES = ['public', 'accounts', 'coordinators', 'off'] as const;

/**
 * Per subgraph of the registry: `<NAME>_URL` (its URL; default the registry's `routing_url`) and
 * `<NAME>_TIMEOUT_MS` (its own fetch time limit instead of SUBGRAPH_TIMEOUT_MS).
 */
const subgraphSettings = Object.fromEntries(
  SUBGRAPHS.flatMap((s) => [
    [s.urlSetting, url.optional()],
    [s.timeoutSetting, optionalInt(100, 120_000)],
  ]),
);

/** Settings of the gateway (validated once at start; docs/gateway.md lists them with their defaults). */
export const gatewayEnv = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: int(0, 65535, 4000),
    HOST: z.string().default('0.0.0.0'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** `file`: the committed static supergraph (production); `introspect`: compose from running subgraphs (development). */
    SUPERGRAPH_SOURCE: z.enum(['file', 'introspect']).default('file'),
    SUPERGRAPH_PATH: z.string().optional(),
    /** Time limit of one subgraph fetch (or proxied HTTP request), in milliseconds. */
    SUBGRAPH_TIMEOUT_MS: int(100, 120_000, 10_000),
    /** Most open connections from the gateway to one subgraph (kept alive and reused). */
    SUBGRAPH_MAX_SOCKETS: int(1, 10_000, 128),
    /** Public key(s) of the partners service (PEM) for login tokens; several during a key rotation. */
    AUTH_PUBLIC_KEY: z.string().optional(),
    /** The gateway's Ed25519 private key (PEM) that signs principals for the subgraphs. */
    GATEWAY_PRIVATE_KEY: z.string().optional(),
    /** Seconds an account's "still enabled" or an API key's check is reused (revocation delay). */
    AUTH_CACHE_SECONDS: int(0, 600, 60),
    /** Seconds between reloads of the active content languages (for the cache key; docs/languages.md); 0: never. */
    CONTENT_LANGUAGES_REFRESH_SECONDS: int(0, 86_400, 60),

    /** Express `trust proxy`: `false` (direct clients), `true`, a hop count, or addresses/subnets of the proxies. */
    TRUST_PROXY: z.string().default('false'),
    /** Origins allowed by CORS: `*` or a comma-separated list, e.g. `https://www.example.org,https://partner.example`. */
    CORS_ORIGINS: list('*'),
    INTROSPECTION: z.enum(INTROSPECTION_POLICIES).default('coordinators'),
    /** Serve the self-hosted GraphiQL at `/` and `/graphiql`. */
    GRAPHIQL_ENABLED: z.stringbool().default(true),
    /** The website that serves the pages mails link to; without it the gateway serves them itself (routes/pages.ts). */
    PUBLIC_WEB_URL: publicUrlEnvShape.PUBLIC_WEB_URL,

    /** Operation limits (everyone but coordinators / coordinators). */
    MAX_DEPTH: int(1, 100, 10),
    MAX_DEPTH_COORDINATOR: int(1, 100, 20),
    MAX_ALIASES: int(0, 1000, 15),
    MAX_ALIASES_COORDINATOR: int(0, 1000, 60),
    MAX_DIRECTIVES: int(0, 1000, 10),
    MAX_DIRECTIVES_COORDINATOR: int(0, 1000, 40),
    MAX_COST: int(1, 100_000_000, 20_000),
    MAX_COST_COORDINATOR: int(1, 100_000_000, 200_000),
    /** Assumed length of a list field without `first` (e.g. `organizers`) in the cost. */
    COST_LIST_SIZE: int(1, 1000, 10),
    /** Largest `first` accepted on any field. */
    MAX_FIRST: int(1, 10_000, 100),
    /** Most tokens of one operation document (checked while parsing). */
    MAX_TOKENS: int(100, 1_000_000, 5_000),
    /** Most characters of one operation document (checked before parsing). */
    MAX_CHARACTERS: int(100, 10_000_000, 20_000),
    /** Largest request body in bytes (query and variables). */
    MAX_BODY_BYTES: int(1024, 50_000_000, 262_144),

    /** Rate limiting; `false` for load tests and benchmarks only (a warning is logged). */
    RATE_LIMIT_ENABLED: z.stringbool().default(true),
    RATE_LIMIT_WINDOW_SECONDS: int(1, 86_400, 60),
    /** Requests per window per client IP without credentials. */
    RATE_LIMIT_ANONYMOUS: int(1, 10_000_000, 300),
    /** Requests per window per API key (partner institutions' servers). */
    RATE_LIMIT_API_KEY: int(1, 10_000_000, 3_000),
    /** Requests per window per signed-in account. */
    RATE_LIMIT_ACCOUNT: int(1, 10_000_000, 1_200),
    /** Public mutations (RATE_LIMIT_STRICT_MUTATIONS) per client IP per RATE_LIMIT_STRICT_WINDOW_SECONDS. */
    RATE_LIMIT_STRICT: int(1, 1_000_000, 10),
    RATE_LIMIT_STRICT_WINDOW_SECONDS: int(1, 86_400, 600),
    RATE_LIMIT_STRICT_MUTATIONS: list('registerForEvent,subscribeToNewsletter,cancelRegistration,confirmSubscription,unsubscribe'),
    /** `login` attempts per client IP per RATE_LIMIT_STRICT_WINDOW_SECONDS (password guessing). */
    RATE_LIMIT_LOGIN: int(1, 1_000_000, 10),
    /** Refused tokens or API keys per client IP per window; then the address is refused without checking (key guessing). */
    RATE_LIMIT_BAD_CREDENTIALS: int(1, 1_000_000, 30),
    /**
     * Redis shared by several gateway replicas, e.g. `redis://redis:6379/0`: response cache, persisted
     * queries and rate-limit counters; without it all of that is in-process (docs/gateway.md).
     */
    REDIS_URL: z.preprocess((v) => (v === '' ? undefined : v), url.optional()),
    /** The older name of REDIS_URL (rate-limit counters only, once); still read when REDIS_URL is not set. */
    RATE_LIMIT_REDIS_URL: z.preprocess((v) => (v === '' ? undefined : v), url.optional()),
    /** Longest wait for one Redis command; a slower or unreachable Redis is bypassed for a moment. */
    REDIS_TIMEOUT_MS: int(10, 10_000, 250),

    RESPONSE_CACHE_ENABLED: z.stringbool().default(true),
    /** Longest max-age of a cached answer: caps the subgraphs' `@cacheControl` hints (docs/gateway.md). */
    CACHE_MAX_AGE_SECONDS: int(0, 86_400, 30),
    /** Memory of the in-process response cache. */
    RESPONSE_CACHE_MAX_MB: int(1, 4096, 64),
    /** JSON file of persisted operations; when set, anonymous callers may run only these. */
    SAFELIST_PATH: z.preprocess((v) => (v === '' ? undefined : v), z.string().optional()),

    METRICS_ENABLED: z.stringbool().default(true),
    /** When set, `/metrics` needs `Authorization: Bearer <METRICS_TOKEN>`. */
    METRICS_TOKEN: z.preprocess((v) => (v === '' ? undefined : v), z.string().min(16).optional()),
    /** Time limit of each subgraph's answer to a `/ready` probe. */
    READY_TIMEOUT_MS: int(100, 60_000, 2_000),
    /** OTLP/HTTP collector (e.g. `http://collector:4318`): traces are recorded and sent there; without it none leave the process. */
    OTEL_EXPORTER_OTLP_ENDPOINT: z.preprocess((v) => (v === '' ? undefined : v), url.optional()),
  })
  // Typed as the fixed settings: the per-subgraph ones are read through subgraphUrl/subgraphTimeout.
  .extend(subgraphSettings as Record<never, never>)
  .superRefine((env, ctx) => {
    if (env.NODE_ENV !== 'production') return;
    for (const key of ['AUTH_PUBLIC_KEY', 'GATEWAY_PRIVATE_KEY'] as const) {
      if (!env[key]) ctx.addIssue({ code: 'custom', path: [key], message: 'is required in production' });
    }
  });

export type GatewayEnv = z.infer<typeof gatewayEnv> & { readonly [subgraphSetting: string]: unknown };

/** The Redis of shared state: REDIS_URL, else its older name RATE_LIMIT_REDIS_URL. */
export function redisUrlOf(env: GatewayEnv): string | undefined {
  return env.REDIS_URL ?? env.RATE_LIMIT_REDIS_URL;
}

/** URL of a subgraph: its `<NAME>_URL` setting, else the registry's `routing_url`. */
export function subgraphUrl(env: GatewayEnv, subgraph: SubgraphEntry): string {
  return (env[subgraph.urlSetting] as string | undefined) || subgraph.routingUrl;
}

/** The fetch time limit of one subgraph: its `<NAME>_TIMEOUT_MS`, else SUBGRAPH_TIMEOUT_MS. */
export function subgraphTimeout(env: GatewayEnv, subgraph: SubgraphEntry): number {
  return (env[subgraph.timeoutSetting] as number | undefined) ?? env.SUBGRAPH_TIMEOUT_MS;
}

/** Express's `trust proxy` value from the setting. */
export function trustProxyValue(setting: string): boolean | number | string {
  const v = setting.trim();
  if (v === 'true') return true;
  if (v === 'false' || v === '') return false;
  if (/^\d+$/.test(v)) return Number(v);
  return v;
}
