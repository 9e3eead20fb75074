import { CREATE_AUDIT_TABLE } from '@mitgen/subgraph-kit';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The network directory beyond partner profiles: topic aliases, contact persons, cooperations,
 * news items and the audit log. Topic references use `ON UPDATE CASCADE` so that changing a
 * topic's slug moves every row with it in one statement; the old slug is kept in `topic_alias`.
 */
export class PartnerDirectory1767300000000 implements MigrationInterface {
  name = 'PartnerDirectory1767300000000';

  async up(q: QueryRunner): Promise<void> {
    for (const ddl of CREATE_AUDIT_TABLE) await q.query(ddl);

    await q.query(`
      ALTER TABLE topic
        ADD COLUMN version integer NOT NULL DEFAULT 1,
        ADD COLUMN created_at timestamptz NOT NULL DEFAULT now(),
        ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now()`);
    // Old slugs of renamed or merged topics: other services keep referring to them.
    await q.query(`
      CREATE TABLE topic_alias (
        alias text PRIMARY KEY CHECK (alias ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
        topic_slug text NOT NULL REFERENCES topic(slug) ON UPDATE CASCADE ON DELETE CASCADE
      )`);
    await q.query('CREATE INDEX topic_alias_topic_idx ON topic_alias (topic_slug)');

    await q.query(`
      CREATE TABLE contact_person (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        partner_id uuid NOT NULL REFERENCES partner(id) ON DELETE CASCADE,
        name text NOT NULL,
        role text,
        area_of_responsibility text,
        email text,
        phone text,
        is_public boolean NOT NULL DEFAULT true,
        email_public boolean NOT NULL DEFAULT false,
        phone_public boolean NOT NULL DEFAULT false,
        languages text[] NOT NULL DEFAULT '{}',
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX contact_person_partner_idx ON contact_person (partner_id, name, id)');
    await q.query('CREATE INDEX contact_person_languages_idx ON contact_person USING gin (languages)');
    await q.query(`
      CREATE TABLE contact_person_topic (
        contact_person_id uuid NOT NULL REFERENCES contact_person(id) ON DELETE CASCADE,
        topic_slug text NOT NULL REFERENCES topic(slug) ON UPDATE CASCADE,
        PRIMARY KEY (contact_person_id, topic_slug)
      )`);
    await q.query('CREATE INDEX contact_person_topic_topic_idx ON contact_person_topic (topic_slug)');

    // A cooperation is one row per pair, stored with the smaller id first, so that A↔B and B↔A
    // cannot both exist.
    await q.query(`
      CREATE TABLE cooperation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        partner_a_id uuid NOT NULL REFERENCES partner(id) ON DELETE CASCADE,
        partner_b_id uuid NOT NULL REFERENCES partner(id) ON DELETE CASCADE,
        since date,
        description text NOT NULL DEFAULT '',
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (partner_a_id < partner_b_id),
        UNIQUE (partner_a_id, partner_b_id)
      )`);
    await q.query('CREATE INDEX cooperation_partner_b_idx ON cooperation (partner_b_id)');

    await q.query(`
      CREATE TABLE news_item (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        partner_id uuid NOT NULL REFERENCES partner(id) ON DELETE CASCADE,
        title text NOT NULL,
        text text NOT NULL,
        published_on date NOT NULL,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX news_item_partner_idx ON news_item (partner_id, published_on DESC, id DESC)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE news_item');
    await q.query('DROP TABLE cooperation');
    await q.query('DROP TABLE contact_person_topic');
    await q.query('DROP TABLE contact_person');
    await q.query('DROP TABLE topic_alias');
    await q.query('ALTER TABLE topic DROP COLUMN version, DROP COLUMN created_at, DROP COLUMN updated_at');
    await q.query('DROP TABLE audit_entry');
  }
}
