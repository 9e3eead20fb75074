import { z } from 'zod';

/** Settings every subgraph reads; services extend this object with their own. */
export const baseServiceEnv = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().url().refine((v) => /^postgres(ql)?:/.test(v), 'must be a postgres:// URL'),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  /** Run pending migrations at start (true) or leave it to the one-shot `migrate` step (false). */
  MIGRATIONS_RUN: z.stringbool().default(true),
  /** Insert the demo data when the service's tables are empty. */
  SEED_DEMO: z.stringbool().default(false),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** The gateway's public key(s) (PEM); without it the subgraph treats every request as anonymous. */
  GATEWAY_PUBLIC_KEY: z.string().optional(),
});

export type BaseServiceEnv = z.infer<typeof baseServiceEnv>;

/** Error thrown by `loadConfig`; its message lists every invalid setting. */
export class ConfigError extends Error {}

/**
 * Validates the environment once. This is the only reader of `process.env` in a service:
 * everything else receives the typed result.
 */
export function loadConfig<S extends z.ZodType>(
  service: string,
  schema: S,
  env: Record<string, string | undefined> = process.env,
): z.infer<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const lines = result.error.issues.map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`);
  throw new ConfigError(`[${service}] invalid settings:\n${lines.join('\n')}`);
}
