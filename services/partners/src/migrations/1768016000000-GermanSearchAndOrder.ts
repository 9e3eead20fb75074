import { GERMAN_COLLATION, GERMAN_SEARCH_SQL_V1 } from '@mitgen/subgraph-kit';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Columns whose lists are sorted by them: regions, topics, partners and contact persons by name. */
const SORTED_BY = [
  ['region', 'name'],
  ['topic', 'name'],
  ['partner', 'name'],
  ['contact_person', 'name'],
] as const;

/**
 * German text as people type it (docs/partners.md, "Search" and "Order"): the directory search indexes
 * folded text (ä as ae, ß as ss) with the parts of compound words, and names sort in German order
 * ("Göttingen" before "Grafschaft Bentheim") whatever the server's default collation is.
 */
export class GermanSearchAndOrder1768016000000 implements MigrationInterface {
  name = 'GermanSearchAndOrder1768016000000';

  async up(q: QueryRunner): Promise<void> {
    for (const sql of GERMAN_SEARCH_SQL_V1.up) await q.query(sql);
    // The search column reads the name, so it goes first; a generated column cannot be altered.
    await q.query('DROP INDEX partner_search_idx');
    await q.query('ALTER TABLE partner DROP COLUMN search');
    // The columns' collation, not one in each ORDER BY: sorting, the keyset cursors' comparisons and
    // the indexes on (…, name, id) then all use German order.
    for (const [table, column] of SORTED_BY) await q.query(`ALTER TABLE ${table} ALTER COLUMN ${column} TYPE text COLLATE "${GERMAN_COLLATION}"`);
    await q.query(`
      ALTER TABLE partner ADD COLUMN search tsvector GENERATED ALWAYS AS (
        setweight(german_search_vector(name || ' ' || coalesce(short_name, '')), 'A') ||
        setweight(german_search_vector(description), 'B')
      ) STORED`);
    await q.query('CREATE INDEX partner_search_idx ON partner USING gin (search)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX partner_search_idx');
    await q.query('ALTER TABLE partner DROP COLUMN search');
    for (const [table, column] of SORTED_BY) await q.query(`ALTER TABLE ${table} ALTER COLUMN ${column} TYPE text COLLATE "default"`);
    await q.query(`
      ALTER TABLE partner ADD COLUMN search tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('german', coalesce(name, '') || ' ' || coalesce(short_name, '')), 'A') ||
        setweight(to_tsvector('german', coalesce(description, '')), 'B')
      ) STORED`);
    await q.query('CREATE INDEX partner_search_idx ON partner USING gin (search)');
    for (const sql of GERMAN_SEARCH_SQL_V1.down) await q.query(sql);
  }
}
