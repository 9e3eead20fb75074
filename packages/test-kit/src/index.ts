import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import {
  createLogger,
  createSubgraph,
  type BaseServiceEnv,
  type CreateSubgraphOptions,
  type SubgraphApp,
  type SubgraphDefinition,
  type Logger,
} from '@mitgen/subgraph-kit';
import { TEST_KEY_SETTINGS } from './keys';

export * from './keys';
export * from './http';
export * from './fake-lookup';

/** Server URL of the PostgreSQL the run uses (set by the jest global setup). */
export function testServerUrl(): string {
  const url = process.env.TEST_PG_URL;
  if (!url) throw new Error('TEST_PG_URL is not set: run tests through jest with the root config (npm test)');
  return url;
}

/** URL of a new, empty database for one suite, e.g. `t_partners_1a2b3c`. */
export function freshDatabaseUrl(label: string): string {
  const url = new URL(testServerUrl());
  url.pathname = `/t_${label.replace(/[^a-z0-9]/g, '_')}_${randomBytes(4).toString('hex')}`;
  return url.toString();
}

/** Drops a database made by `freshDatabaseUrl` (closing leftover connections). */
export async function dropDatabase(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

export interface TestSubgraph<Env extends BaseServiceEnv = BaseServiceEnv> extends SubgraphApp<Env> {
  /** `http://localhost:<port>/graphql` */
  url: string;
  /** Stops the server, closes the database and drops it. */
  stop(): Promise<void>;
}

/**
 * Starts a subgraph on a free port against its own fresh database with migrations applied.
 * `env` overrides settings (e.g. `{ SEED_DEMO: 'true' }`).
 */
export async function startTestSubgraph<Env extends BaseServiceEnv>(
  def: SubgraphDefinition<Env>,
  env: Record<string, string> = {},
  options: CreateSubgraphOptions = {},
): Promise<TestSubgraph<Env>> {
  const databaseUrl = env.DATABASE_URL ?? freshDatabaseUrl(def.name);
  // No background mail or erasure worker unless a test asks for one: their polling would add SQL
  // statements to the counts that tests take, at random moments.
  // Send journals go to the system's temporary folder, not the repository's `.data`.
  const parsed = def.env.parse({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    PORT: '0',
    MAIL_WORKER: 'false',
    ERASURE_WORKER: 'false',
    MAIL_JOURNAL_DIR: path.join(os.tmpdir(), 'mitgen-test-mail-journal'),
    ...TEST_KEY_SETTINGS,
    ...env,
    DATABASE_URL: databaseUrl,
  });
  const subgraph = await createSubgraph(def, parsed, { log: createLogger(def.name, parsed.LOG_LEVEL), ...options });
  const url = await subgraph.listen(0, '127.0.0.1');
  return Object.assign(subgraph, {
    url,
    async stop() {
      await subgraph.close();
      if (!env.DATABASE_URL) await dropDatabase(databaseUrl);
    },
  });
}

/**
 * Undoes the newest migrations of a test subgraph up to and including the one named `name` (e.g.
 * `RegistrationPrivacy1767700000000`), so a migration's revert test keeps working when later
 * migrations are added.
 */
export async function undoMigrationsThrough(sg: Pick<TestSubgraph, 'ds'>, name: string): Promise<void> {
  for (;;) {
    const [last]: { name: string }[] = await sg.ds.query('SELECT name FROM migrations ORDER BY id DESC LIMIT 1');
    if (!last) throw new Error(`migration ${name} is not applied`);
    await sg.ds.undoLastMigration({ transaction: 'all' });
    if (last.name === name) return;
  }
}

/** The SDL a service's code produces must equal its committed `schema.graphql` (run `npm run schema`). */
export async function readCommittedAndBuiltSchema(def: SubgraphDefinition<any>, schemaFile: string): Promise<{ committed: string; built: string }> {
  const { readFileSync } = await import('node:fs');
  const { sdl } = await def.schema();
  return { committed: readFileSync(schemaFile, 'utf8'), built: sdl };
}
/** Log lines of the processes of a test, as parsed JSON (pino's `level`: 40 warn, 50 error). */
export interface LogCapture {
  lines: Array<{ level: number; service?: string; requestId?: string; msg?: string; [key: string]: unknown }>;
  /** A logger of `service` whose lines land in `lines`. */
  logger(service: string, level?: string): Logger;
}

/** Collects the log lines of the loggers it makes (tests assert levels and request ids on them). */
export function captureLogs(): LogCapture {
  const lines: LogCapture['lines'] = [];
  const destination = { write: (line: string) => void lines.push(JSON.parse(line)) };
  return { lines, logger: (service, level = 'info') => createLogger(service, level, destination) };
}

export * from './smtp';
export * from './matrix';
export * from './mail-dir';
export * from './erasure';
export * from './redis';
