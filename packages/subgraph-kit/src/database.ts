import { Client, type QueryConfig } from 'pg';
import { SpanKind, SpanStatusCode, type Span } from '@opentelemetry/api';
import {
  DataSource,
  DefaultNamingStrategy,
  EventSubscriber,
  type AfterQueryEvent,
  type BeforeQueryEvent,
  type EntitySubscriberInterface,
  type QueryRunner,
  type Logger as TypeOrmLogger,
  type MixedList,
  type NamingStrategyInterface,
  type EntitySchema,
} from 'typeorm';
import type { Logger } from 'pino';
import { noteSqlWrite } from './cache-tags';
import { recordingSpan, tracer } from './tracing';

/** Error whose message is one line meant for the console (which service, which host, what failed). */
export class DatabaseError extends Error {}

function describeTarget(url: string): string {
  const u = new URL(url);
  return `${u.hostname}:${u.port || 5432}/${u.pathname.slice(1)}`;
}

function describeCause(e: unknown): string {
  const err = e as { code?: string; message?: string };
  if (err.code === 'ECONNREFUSED') return 'connection refused (is PostgreSQL running there?)';
  if (err.code === 'ENOTFOUND') return 'host not found';
  if (err.code === '28P01') return 'password authentication failed';
  if (err.code === 'ETIMEDOUT') return 'connection timed out';
  return err.message ?? String(e);
}

/** Creates the service's database when it does not exist yet (connects to `postgres` on the same server). */
export async function ensureDatabase(url: string, service: string): Promise<void> {
  const target = new URL(url);
  const database = decodeURIComponent(target.pathname.slice(1));
  if (!/^[a-z_][a-z0-9_]*$/.test(database)) {
    throw new DatabaseError(`[${service}] database name "${database}" in DATABASE_URL must be lower-case letters, digits and _`);
  }
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString(), connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (e) {
    throw new DatabaseError(`[${service}] cannot connect to PostgreSQL at ${describeTarget(admin.toString())}: ${describeCause(e)}`);
  }
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!rowCount) {
      await client.query(`CREATE DATABASE "${database}"`).catch((e: { code?: string }) => {
        // Another instance created it between our check and our CREATE.
        if (e.code !== '42P04' && e.code !== '23505') throw e;
      });
    }
  } catch (e) {
    throw new DatabaseError(`[${service}] cannot create database ${database} at ${describeTarget(url)}: ${describeCause(e)}`);
  } finally {
    await client.end();
  }
}

/** snake_case tables and columns, so hand-written SQL and migrations read naturally. */
export class SnakeNamingStrategy extends DefaultNamingStrategy implements NamingStrategyInterface {
  override tableName(className: string, customName?: string): string {
    return customName ?? snake(className);
  }
  override columnName(propertyName: string, customName: string | undefined, prefixes: string[]): string {
    return snake(prefixes.concat('').join('_')) + (customName ?? snake(propertyName));
  }
  override relationName(propertyName: string): string {
    return snake(propertyName);
  }
  override joinColumnName(relationName: string, referencedColumnName: string): string {
    return snake(`${relationName}_${referencedColumnName}`);
  }
  override joinTableName(first: string, second: string, firstProperty: string): string {
    return snake(`${first}_${firstProperty.replace(/\./gi, '_')}_${second}`);
  }
  override joinTableColumnName(tableName: string, propertyName: string, columnName?: string): string {
    return snake(`${tableName}_${columnName ?? propertyName}`);
  }
}

function snake(s: string): string {
  return s.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/([A-Z])([A-Z][a-z])/g, '$1_$2').toLowerCase();
}

/** Counts SQL statements a DataSource sends; tests and the benchmark read it to prove batching. */
export class SqlCounter {
  count = 0;
  readonly statements: string[] = [];
  /** Keep the text of statements too (tests only; costs memory). */
  record = false;
  reset(): void {
    this.count = 0;
    this.statements.length = 0;
  }
}

class CountingLogger implements TypeOrmLogger {
  constructor(
    private readonly counter: SqlCounter,
    private readonly out?: Logger,
  ) {}
  logQuery(query: string, _parameters?: unknown[], queryRunner?: QueryRunner): void {
    // Transaction control statements are not work the resolver asked for.
    if (query === 'START TRANSACTION' || query === 'COMMIT' || query === 'ROLLBACK') return;
    this.counter.count++;
    if (this.counter.record) this.counter.statements.push(query);
    // What a mutation wrote decides which cached answers gateways drop (cache-tags.ts).
    if (queryRunner) noteSqlWrite(queryRunner.connection, query);
  }
  logQueryError(error: string | Error, query: string): void {
    this.out?.error({ err: error, query: query.slice(0, 500) }, 'SQL statement failed');
  }
  logQuerySlow(time: number, query: string): void {
    this.out?.warn({ ms: time, query: query.slice(0, 500) }, 'slow SQL statement');
  }
  logSchemaBuild(): void {}
  logMigration(message: string): void {
    this.out?.info(message);
  }
  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.out?.warn(String(message));
  }
}

const SQL_TARGET = /^\s*(\w+)(?:[\s\S]*?\b(?:FROM|INTO|UPDATE)\s+"?(\w+)"?)?/i;

/**
 * One span per SQL statement, child of the span that sent it (a resolver's), when the trace is
 * recorded. TypeORM announces a statement before and after it runs on a query runner, in order.
 */
// Registered with TypeORM's metadata (it only instantiates decorated subscribers).
@EventSubscriber()
export class SqlSpans implements EntitySubscriberInterface {
  private readonly open = new WeakMap<QueryRunner, (Span | undefined)[]>();

  beforeQuery(event: BeforeQueryEvent): void {
    let queue = this.open.get(event.queryRunner);
    if (!queue) this.open.set(event.queryRunner, (queue = []));
    if (!recordingSpan()) {
      queue.push(undefined);
      return;
    }
    const [, operation = 'SQL', table] = SQL_TARGET.exec(event.query) ?? [];
    const op = operation.toUpperCase();
    queue.push(
      tracer().startSpan(table ? `${op} ${table}` : op, {
        kind: SpanKind.CLIENT,
        attributes: {
          'db.system.name': 'postgresql',
          'db.namespace': String(event.queryRunner.connection.driver.database ?? ''),
          'db.operation.name': op,
          // The statement with its placeholders; the values (personal data) never go into a span.
          'db.query.text': event.query.slice(0, 2000),
        },
      }),
    );
  }

  afterQuery(event: AfterQueryEvent): void {
    const span = this.open.get(event.queryRunner)?.shift();
    if (!span) return;
    if (!event.success) span.setStatus({ code: SpanStatusCode.ERROR, message: (event.error as Error | undefined)?.message });
    span.end();
  }
}

// Every statement with parameters runs as a named prepared statement: PostgreSQL parses and plans
// its text once per connection instead of on every request (the same SQL is sent again and again
// with other values), and the client sends no Parse message after the first time. TypeORM passes
// `extra` to pg's pool, whose `Client` option makes every connection one of these.
/** Most distinct statement texts that get a name (texts beyond it run unnamed, as before). */
const MAX_NAMED_STATEMENTS = 2000;
const statementNames = new Map<string, string>();

function statementName(text: string): string | undefined {
  let name = statementNames.get(text);
  if (name === undefined && statementNames.size < MAX_NAMED_STATEMENTS) {
    name = `mitgen_${statementNames.size}`;
    statementNames.set(text, name);
  }
  return name;
}

/** A pg client that prepares every statement with parameters once per connection (see above). */
export class PreparingClient extends Client {
  /** Names whose prepared plan a migration made stale on this connection: their texts run unnamed. */
  private readonly stale = new Set<string>();

  // pg's overloads (callback or promise) stay as they are; only a text with values (promise style) gets a name.
  override query(...args: unknown[]): never {
    const run = super.query as (...a: unknown[]) => never;
    const [text, values] = args;
    if (args.length === 2 && typeof text === 'string' && Array.isArray(values) && values.length > 0) {
      const name = statementName(text);
      if (name && !this.stale.has(name)) {
        const config: QueryConfig = { name, text, values };
        return (run.call(this, config) as Promise<unknown>).catch((e: { code?: string }) => {
          // "cached plan must not change result type": a table changed under the prepared statement.
          if (e.code !== '0A000') throw e;
          this.stale.add(name);
          return run.call(this, text, values);
        }) as never;
      }
    }
    return run.apply(this, args);
  }
}

/** An entity or migration class, as TypeORM takes them. */
export type EntityClass = abstract new (...args: never[]) => unknown;

export interface DataSourceOptions {
  url: string;
  entities: MixedList<EntityClass | string | EntitySchema>;
  migrations: MixedList<EntityClass | string>;
  poolSize?: number;
  log?: Logger;
  counter?: SqlCounter;
}

/** A TypeORM DataSource on PostgreSQL with migrations (never `synchronize`). */
export function createDataSource(options: DataSourceOptions): DataSource {
  const counter = options.counter ?? new SqlCounter();
  const ds = new DataSource({
    type: 'postgres',
    url: options.url,
    entities: options.entities,
    migrations: options.migrations,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    namingStrategy: new SnakeNamingStrategy(),
    logging: ['query', 'error', 'warn', 'migration'],
    logger: new CountingLogger(counter, options.log),
    subscribers: [SqlSpans],
    maxQueryExecutionTime: 1000,
    extra: { max: options.poolSize ?? 10, connectionTimeoutMillis: 5000, Client: PreparingClient },
  });
  sqlCounters.set(ds, counter);
  return ds;
}

const sqlCounters = new WeakMap<DataSource, SqlCounter>();

/** The statement counter of a DataSource made by `createDataSource`. */
export function sqlCounterOf(ds: DataSource): SqlCounter {
  const counter = sqlCounters.get(ds);
  if (!counter) throw new Error('DataSource was not created by createDataSource');
  return counter;
}

/** Connects, naming service and host in the error when that fails. */
export async function initializeDataSource(ds: DataSource, service: string): Promise<void> {
  const url = (ds.options as { url: string }).url;
  try {
    await ds.initialize();
  } catch (e) {
    throw new DatabaseError(`[${service}] cannot connect to PostgreSQL at ${describeTarget(url)}: ${describeCause(e)}`);
  }
}

/**
 * Runs pending migrations under an advisory lock, so several instances starting at once
 * do not race each other.
 */
export async function runMigrations(ds: DataSource): Promise<string[]> {
  const runner = ds.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock(7244501)');
    const done = await ds.runMigrations({ transaction: 'each' });
    return done.map((m) => m.name);
  } finally {
    await runner.query('SELECT pg_advisory_unlock(7244501)').catch(() => undefined);
    await runner.release();
  }
}
