import { subgraphs, type SubgraphEntry } from '@mitgen/registry';
import { publicUrlEnvShape } from '@mitgen/subgraph-kit/runtime';
import { z } from 'zod';

/** The subgraphs the launcher starts: the registry (`supergraph.yaml`). */
export const SERVICES: readonly SubgraphEntry[] = subgraphs();

const port = (fallback: number) => z.coerce.number().int().min(1).max(65535).default(fallback);

/** `<NAME>_PORT` per subgraph, defaulting to the registry's port. */
const servicePorts = Object.fromEntries(SERVICES.map((s) => [s.portSetting, port(s.port)]));

/** Settings of `npm start` (documented in the README). */
export const launcherEnv = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /** Port of the gateway, the one endpoint of the graph. */
  PORT: port(4000),
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
  /** The website that serves the pages mails link to; without it the gateway serves them. */
  PUBLIC_WEB_URL: publicUrlEnvShape.PUBLIC_WEB_URL,
  /** The gateway's public URL in links (default `http://localhost:<PORT>`). */
  PUBLIC_API_URL: z.preprocess((v) => (v === '' ? undefined : v), z.string().url().optional()),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('warn'),
})
  // Typed as the fixed settings; a subgraph's port is read with portOf.
  .extend(servicePorts as Record<never, never>);

export type LauncherEnv = z.infer<typeof launcherEnv> & { readonly [portSetting: string]: unknown };

/** The port `npm start` gives a subgraph: its `<NAME>_PORT`, else the registry's. */
export function portOf(env: LauncherEnv, s: SubgraphEntry): number {
  return (env[s.portSetting] as number | undefined) ?? s.port;
}
