import type { MigrationInterface, QueryRunner } from 'typeorm';
import { LOWER_SAXONY_REGIONS } from '../region/region.data';

export class CreatePartners1767225600000 implements MigrationInterface {
  name = 'CreatePartners1767225600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE region (
        code char(5) PRIMARY KEY,
        name text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('DISTRICT', 'DISTRICT_FREE_CITY', 'REGION'))
      )`);
    // Regions are reference data every environment needs, so they come with the schema, not the demo seed.
    for (const r of LOWER_SAXONY_REGIONS) {
      await q.query('INSERT INTO region (code, name, kind) VALUES ($1, $2, $3)', [r.code, r.name, r.kind]);
    }
    await q.query(`
      CREATE TABLE topic (
        slug text PRIMARY KEY CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
        name text NOT NULL,
        description text
      )`);
    await q.query(`
      CREATE TABLE partner (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
        name text NOT NULL,
        short_name text,
        kind text NOT NULL,
        description text NOT NULL DEFAULT '',
        street text,
        postal_code text,
        city text,
        region_code char(5) REFERENCES region(code),
        website text,
        email text,
        phone text,
        languages text[] NOT NULL DEFAULT '{}',
        target_groups text[] NOT NULL DEFAULT '{}',
        logo_url text,
        member_since date,
        status text NOT NULL DEFAULT 'DRAFT' CHECK (status IN ('DRAFT', 'PUBLISHED', 'ARCHIVED')),
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        search tsvector GENERATED ALWAYS AS (
          setweight(to_tsvector('german', coalesce(name, '') || ' ' || coalesce(short_name, '')), 'A') ||
          setweight(to_tsvector('german', coalesce(description, '')), 'B')
        ) STORED
      )`);
    await q.query('CREATE INDEX partner_status_name_idx ON partner (status, name, id)');
    await q.query('CREATE INDEX partner_region_idx ON partner (region_code)');
    await q.query('CREATE INDEX partner_search_idx ON partner USING gin (search)');
    await q.query('CREATE INDEX partner_languages_idx ON partner USING gin (languages)');
    await q.query(`
      CREATE TABLE partner_topic (
        partner_id uuid NOT NULL REFERENCES partner(id) ON DELETE CASCADE,
        topic_slug text NOT NULL REFERENCES topic(slug) ON UPDATE CASCADE,
        PRIMARY KEY (partner_id, topic_slug)
      )`);
    await q.query('CREATE INDEX partner_topic_topic_idx ON partner_topic (topic_slug)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE partner_topic');
    await q.query('DROP TABLE partner');
    await q.query('DROP TABLE topic');
    await q.query('DROP TABLE region');
  }
}
