import { z } from 'zod';

/** The subgraphs the launcher starts, with the settings for their port and URL. */
export const SERVICES = [
  { name: 'partners', portSetting: 'PARTNERS_PORT', urlSetting: 'PARTNERS_URL' },
  { name: 'resources', portSetting: 'RESOURCES_PORT', urlSetting: 'RESOURCES_URL' },
  { name: 'events', portSetting: 'EVENTS_PORT', urlSetting: 'EVENTS_URL' },
  { name: 'newsletter', portSetting: 'NEWSLETTER_PORT', urlSetting: 'NEWSLETTER_URL' },
] as const;

const port = (fallback: number) => z.coerce.number().int().min(1).max(65535).default(fallback);

/** Settings of `npm start` (documented in the README). */
export const launcherEnv = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /** Port of the gateway, the one endpoint of the graph. */
  PORT: port(4000),
  PARTNERS_PORT: port(4001),
  RESOURCES_PORT: port(4002),
  EVENTS_PORT: port(4003),
  NEWSLETTER_PORT: port(4004),
  /** An existing PostgreSQL server (any database name); each service gets `mitgen_<service>` on it. */
  DATABASE_URL: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z
      .string()
      .url()
      .refine((v) => /^postgres(ql)?:/.test(v), 'must be a postgres:// URL')
      .optional(),
  ),
  /** Port of the embedded PostgreSQL (used when DATABASE_URL is not set). */
  EMBEDDED_PG_PORT: port(54329),
  /** Git-ignored folder for the embedded database, keys and mails. */
  DATA_DIR: z.string().default('.data'),
  MAIL_DIR: z.string().optional(),
  MAIL_JOURNAL_DIR: z.string().optional(),
  SMTP_URL: z.preprocess((v) => (v === '' ? undefined : v), z.string().url().optional()),
  SEED_DEMO: z.stringbool().default(true),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('warn'),
});

export type LauncherEnv = z.infer<typeof launcherEnv>;
