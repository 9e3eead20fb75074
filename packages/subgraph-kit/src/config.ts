import { z } from 'zod';
import { publicUrlEnvShape } from './links';

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
  /** OTLP/HTTP collector (e.g. `http://collector:4318`): traces are recorded and sent there; without it none leave the process. */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.preprocess((v) => (v === '' ? undefined : v), z.string().url().optional()),
  /** The gateway's GraphQL endpoint: every service reads at least the active content languages there. */
  GRAPH_URL: z.string().url().default('http://localhost:4000/graphql'),
  /** Time limit of one request to the graph, in milliseconds. */
  GRAPH_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5000),
  /** Seconds between reloads of the active content languages (docs/languages.md); 0: never on its own (tests refresh on demand). */
  CONTENT_LANGUAGES_REFRESH_SECONDS: z.coerce.number().int().min(0).max(86_400).default(60),
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

/** Mail settings, for services that send mail: `baseServiceEnv.extend({ ...mailEnvShape })`. */
export const mailEnvShape = {
  /** SMTP server, e.g. `smtp://user:pw@mail.example.org:587`; without it mails become files in MAIL_DIR. */
  SMTP_URL: z.preprocess((v) => (v === '' ? undefined : v), z.string().url().optional()),
  MAIL_DIR: z.string().default('.data/mail'),
  /**
   * The outbox worker's send journal (a local folder, shared by the workers on one host; keep it on a
   * volume in containers): it is what keeps a worker killed mid-send from sending a mail twice.
   */
  MAIL_JOURNAL_DIR: z.string().default('.data/mail-journal'),
  MAIL_FROM: z.string().default('MitGeN – G mit Niedersachsen <noreply@mitgen.local>'),
  /** Steady sending rate of the outbox worker. */
  MAIL_RATE_PER_SECOND: z.coerce.number().min(0.1).max(5000).default(50),
  /** Run the outbox worker in this process (turn off for instances that only serve requests). */
  MAIL_WORKER: z.stringbool().default(true),
  /** Where links in mails point (links.ts): PUBLIC_WEB_URL, PUBLIC_API_URL. */
  ...publicUrlEnvShape,
};
