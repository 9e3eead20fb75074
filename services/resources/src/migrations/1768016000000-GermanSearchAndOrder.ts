import { GERMAN_COLLATION, GERMAN_SEARCH_SQL_V1 } from '@mitgen/subgraph-kit';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * German text as people type it (docs/resources.md, "Search" and "Order"): the search indexes folded
 * text (ä as ae, ß as ss) with the parts of compound words, and titles sort in German order
 * ("Göttingen" before "Grafschaft Bentheim") whatever the server's default collation is.
 */
export class GermanSearchAndOrder1768016000000 implements MigrationInterface {
  name = 'GermanSearchAndOrder1768016000000';

  async up(q: QueryRunner): Promise<void> {
    for (const sql of GERMAN_SEARCH_SQL_V1.up) await q.query(sql);
    // The search column reads the title, so it goes first; a generated column cannot be altered.
    await q.query('DROP INDEX resource_search_idx');
    await q.query('ALTER TABLE resource DROP COLUMN search');
    // The column's collation, not one in each ORDER BY: sorting, the keyset cursors' comparisons and
    // the (status, title, id) index then all use German order.
    await q.query(`ALTER TABLE resource ALTER COLUMN title TYPE text COLLATE "${GERMAN_COLLATION}"`);
    // Weights as before: title (A) above summary (B) above body and provider name (C).
    await q.query(`
      ALTER TABLE resource ADD COLUMN search tsvector GENERATED ALWAYS AS (
        setweight(german_search_vector(title), 'A') ||
        setweight(german_search_vector(summary), 'B') ||
        setweight(german_search_vector(body), 'C') ||
        setweight(german_search_vector(provider_name), 'C')
      ) STORED`);
    // fastupdate off, as before: see ResourceSearchAndAdministration1767400000000.
    await q.query('CREATE INDEX resource_search_idx ON resource USING gin (search) WITH (fastupdate = off)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX resource_search_idx');
    await q.query('ALTER TABLE resource DROP COLUMN search');
    await q.query('ALTER TABLE resource ALTER COLUMN title TYPE text COLLATE "default"');
    await q.query(`
      ALTER TABLE resource ADD COLUMN search tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('german'::regconfig, title), 'A') ||
        setweight(to_tsvector('german'::regconfig, summary), 'B') ||
        setweight(to_tsvector('german'::regconfig, body), 'C') ||
        setweight(to_tsvector('german'::regconfig, provider_name), 'C')
      ) STORED`);
    await q.query('CREATE INDEX resource_search_idx ON resource USING gin (search) WITH (fastupdate = off)');
    for (const sql of GERMAN_SEARCH_SQL_V1.down) await q.query(sql);
  }
}
