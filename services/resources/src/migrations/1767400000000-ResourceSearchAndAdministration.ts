import { CREATE_AUDIT_TABLE } from '@mitgen/subgraph-kit';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * German full-text search, copies of what the graph says about providers and contacts (for the search
 * and the stale report), the publication date (sort "newest") and the audit log.
 */
export class ResourceSearchAndAdministration1767400000000 implements MigrationInterface {
  name = 'ResourceSearchAndAdministration1767400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE resource
        ADD COLUMN provider_name text NOT NULL DEFAULT '',
        ADD COLUMN provider_status text CHECK (provider_status IN ('DRAFT', 'PUBLISHED', 'ARCHIVED')),
        ADD COLUMN missing_contact_ids uuid[] NOT NULL DEFAULT '{}',
        ADD COLUMN references_checked_at timestamptz,
        ADD COLUMN published_at timestamptz`);
    // Rows published before this migration count as published when they were created.
    await q.query(`UPDATE resource SET published_at = created_at WHERE status <> 'DRAFT'`);
    // Stored, so a search reads the index and the row, never re-parses text. Weights: title (A) above
    // summary (B) above body and provider name (C). The two-argument to_tsvector is immutable.
    await q.query(`
      ALTER TABLE resource ADD COLUMN search tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('german'::regconfig, title), 'A') ||
        setweight(to_tsvector('german'::regconfig, summary), 'B') ||
        setweight(to_tsvector('german'::regconfig, body), 'C') ||
        setweight(to_tsvector('german'::regconfig, provider_name), 'C')
      ) STORED`);
    // fastupdate off: editors write rarely and the public searches often; a pending list (flushed only by
    // (auto)vacuum) would make every search scan it, and the planner then prefers reading the whole table.
    await q.query('CREATE INDEX resource_search_idx ON resource USING gin (search) WITH (fastupdate = off)');
    await q.query('CREATE INDEX resource_regions_idx ON resource USING gin (region_codes)');
    for (const sql of CREATE_AUDIT_TABLE) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE audit_entry');
    await q.query('DROP INDEX resource_regions_idx');
    await q.query('DROP INDEX resource_search_idx');
    await q.query(`
      ALTER TABLE resource
        DROP COLUMN search,
        DROP COLUMN published_at,
        DROP COLUMN references_checked_at,
        DROP COLUMN missing_contact_ids,
        DROP COLUMN provider_status,
        DROP COLUMN provider_name`);
  }
}
