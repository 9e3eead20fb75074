import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateResources1767225600000 implements MigrationInterface {
  name = 'CreateResources1767225600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE resource (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        title text NOT NULL,
        summary text NOT NULL DEFAULT '',
        body text NOT NULL DEFAULT '',
        kind text NOT NULL,
        provider_id uuid NOT NULL,
        topic_slugs text[] NOT NULL DEFAULT '{}',
        target_groups text[] NOT NULL DEFAULT '{}',
        languages text[] NOT NULL DEFAULT '{}',
        region_codes text[] NOT NULL DEFAULT '{}',
        statewide boolean NOT NULL DEFAULT false,
        format text CHECK (format IN ('ONLINE', 'IN_PERSON', 'HYBRID')),
        free_of_charge boolean NOT NULL DEFAULT true,
        cost text,
        accessibility text,
        url text,
        valid_from date,
        valid_until date,
        contact_ids uuid[] NOT NULL DEFAULT '{}',
        last_reviewed_at timestamptz,
        status text NOT NULL DEFAULT 'DRAFT' CHECK (status IN ('DRAFT', 'PUBLISHED', 'ARCHIVED')),
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (valid_until IS NULL OR valid_from IS NULL OR valid_until >= valid_from)
      )`);
    // Provider and topics live in the partners service: no foreign keys across services.
    await q.query('CREATE INDEX resource_provider_idx ON resource (provider_id, status)');
    await q.query('CREATE INDEX resource_topics_idx ON resource USING gin (topic_slugs)');
    await q.query('CREATE INDEX resource_status_title_idx ON resource (status, title, id)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE resource');
  }
}
