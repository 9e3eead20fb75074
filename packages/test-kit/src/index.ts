import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import {
  createLogger,
  createSubgraph,
  generateKeyPairPem,
  signingKey,
  signPrincipalToken,
  subgraphAudience,
  PRINCIPAL_HEADER,
  type Principal,
  type BaseServiceEnv,
  type CreateSubgraphOptions,
  type SubgraphApp,
  type SubgraphDefinition,
  type Logger,
} from '@mitgen/subgraph-kit';

/** Key pairs of one test process: login tokens (partners → gateway) and principals (gateway → subgraphs). */
export const TEST_KEYS = { user: generateKeyPairPem(), gateway: generateKeyPairPem() };

/** Settings that give subgraphs and the gateway the test keys. */
export const TEST_KEY_SETTINGS = {
  AUTH_PRIVATE_KEY: TEST_KEYS.user.privateKey,
  AUTH_PUBLIC_KEY: TEST_KEYS.user.publicKey,
  GATEWAY_PRIVATE_KEY: TEST_KEYS.gateway.privateKey,
  GATEWAY_PUBLIC_KEY: TEST_KEYS.gateway.publicKey,
};

/** Headers with a principal signed as the gateway would, for calling a subgraph directly. */
export async function asPrincipal(principal: Principal, service: string): Promise<Record<string, string>> {
  const key = await signingKey(TEST_KEYS.gateway.privateKey);
  return { [PRINCIPAL_HEADER]: await signPrincipalToken(key, principal, subgraphAudience(service)) };
}

/**
 * Headers with a principal that looks right but is signed with a key the subgraphs do not trust
 * (what an attacker who reaches a subgraph directly could send): it must count as anonymous.
 */
export async function forgedPrincipal(principal: Principal, service: string): Promise<Record<string, string>> {
  const key = await signingKey(generateKeyPairPem().privateKey);
  return { [PRINCIPAL_HEADER]: await signPrincipalToken(key, principal, subgraphAudience(service)) };
}

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
  // No background mail worker unless a test asks for one: its polling would add SQL statements
  // to the counts that tests take, at random moments.
  // Send journals go to the system's temporary folder, not the repository's `.data`.
  const parsed = def.env.parse({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    PORT: '0',
    MAIL_WORKER: 'false',
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

export interface GraphQLResponse<T = any> {
  status: number;
  headers: Headers;
  data?: T;
  errors?: Array<{ message: string; path?: (string | number)[]; extensions?: Record<string, any> }>;
  body: any;
}

/** POSTs a GraphQL operation over real HTTP. */
export async function gql<T = any>(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<GraphQLResponse<T>> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const text = await res.text();
  let body: any;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  return { status: res.status, headers: res.headers, data: body?.data, errors: body?.errors, body };
}

/** Like `gql` but fails the test on any GraphQL error. */
export async function gqlOk<T = any>(url: string, query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<T> {
  const res = await gql<T>(url, query, variables, headers);
  if (res.errors?.length || res.status !== 200) {
    throw new Error(`GraphQL request failed (${res.status}): ${JSON.stringify(res.errors ?? res.body)}`);
  }
  return res.data as T;
}

/** Representations call on a subgraph's `_entities`. */
export function entitiesQuery(typename: string, selection: string): string {
  return `query ($r: [_Any!]!) { _entities(representations: $r) { ... on ${typename} { ${selection} } } }`;
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
