import { z } from 'zod';
import { SUBGRAPHS } from './subgraphs';

const url = z.string().url();

/** Settings of the gateway (validated once at start). */
export const gatewayEnv = z
  .object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().default('0.0.0.0'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** `file`: the committed static supergraph (production); `introspect`: compose from running subgraphs (development). */
  SUPERGRAPH_SOURCE: z.enum(['file', 'introspect']).default('file'),
  SUPERGRAPH_PATH: z.string().optional(),
  PARTNERS_URL: url.optional(),
  RESOURCES_URL: url.optional(),
  EVENTS_URL: url.optional(),
  NEWSLETTER_URL: url.optional(),
  /** Time limit of one subgraph fetch, in milliseconds. */
  SUBGRAPH_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  /** Public key(s) of the partners service (PEM) for login tokens; several during a key rotation. */
  AUTH_PUBLIC_KEY: z.string().optional(),
  /** The gateway's Ed25519 private key (PEM) that signs principals for the subgraphs. */
  GATEWAY_PRIVATE_KEY: z.string().optional(),
  /** Seconds an account's "still enabled" or an API key's check is reused (revocation delay). */
  AUTH_CACHE_SECONDS: z.coerce.number().int().min(0).max(600).default(60),
}).superRefine((env, ctx) => {
  if (env.NODE_ENV !== 'production') return;
  for (const key of ['AUTH_PUBLIC_KEY', 'GATEWAY_PRIVATE_KEY'] as const) {
    if (!env[key]) ctx.addIssue({ code: 'custom', path: [key], message: 'is required in production' });
  }
});

export type GatewayEnv = z.infer<typeof gatewayEnv>;

/** URL of a subgraph: its setting, else the URL in the supergraph. */
export function subgraphUrl(env: GatewayEnv, name: string, fallback: string): string {
  const sub = SUBGRAPHS.find((s) => s.name === name);
  return (sub && env[sub.urlSetting]) || fallback;
}
