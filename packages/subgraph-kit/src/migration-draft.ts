import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { ensureDatabase, SnakeNamingStrategy, type EntityClass } from './database';

/** What a new migration runs: statements up, and down in the order that undoes them. */
export interface MigrationDraft {
  up: string[];
  down: string[];
}

/**
 * The statements TypeORM's schema builder would run to create `entities` in an empty database:
 * the draft of their migration (new tables; changes to existing tables are still written by hand).
 * Uses a throwaway database on the PostgreSQL server at `serverUrl`.
 */
export async function draftMigration(serverUrl: string, entities: EntityClass[]): Promise<MigrationDraft> {
  const url = new URL(serverUrl);
  url.pathname = `/draft_${randomBytes(6).toString('hex')}`;
  await ensureDatabase(url.toString(), 'draft-migration');
  // pgcrypto: ids default to gen_random_uuid() (built into PostgreSQL 13+), as in the hand-written migrations.
  const ds = new DataSource({ type: 'postgres', url: url.toString(), entities, namingStrategy: new SnakeNamingStrategy(), uuidExtension: 'pgcrypto' });
  try {
    await ds.initialize();
    const sql = await ds.driver.createSchemaBuilder().log();
    return { up: sql.upQueries.map((q) => q.query), down: sql.downQueries.map((q) => q.query).reverse() };
  } finally {
    if (ds.isInitialized) await ds.destroy();
    const admin = new URL(serverUrl);
    admin.pathname = '/postgres';
    const client = new Client({ connectionString: admin.toString() });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS "${url.pathname.slice(1)}" WITH (FORCE)`).finally(() => client.end());
  }
}

/** Source of migration `<name><timestamp>` (TypeORM wants the timestamp at the end of the class name). */
export function migrationSource(name: string, timestamp: number, draft: MigrationDraft): string {
  const literal = (sql: string) => `\`${sql.replace(/[\\`]/g, (c) => `\\${c}`).replace(/\$\{/g, '\\${')}\``;
  const lines = (statements: string[]) => statements.map((sql) => `    await q.query(${literal(sql)});`).join('\n');
  return `import type { MigrationInterface, QueryRunner } from 'typeorm';

// Drafted by the kit's draft-migration from the entities (TypeORM's schema builder); review before committing.
export class ${name}${timestamp} implements MigrationInterface {
  name = '${name}${timestamp}';

  async up(q: QueryRunner): Promise<void> {
${lines(draft.up)}
  }

  async down(q: QueryRunner): Promise<void> {
${lines(draft.down)}
  }
}
`;
}
