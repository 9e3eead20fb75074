import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateEvents1767225600000 implements MigrationInterface {
  name = 'CreateEvents1767225600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE event (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
        title text NOT NULL,
        description text NOT NULL DEFAULT '',
        kind text NOT NULL CHECK (kind IN ('FACHTAG', 'NETZWERKTREFFEN', 'WORKSHOP', 'TRAINING')),
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        venue_name text,
        street text,
        postal_code text,
        city text,
        region_code char(5),
        online boolean NOT NULL DEFAULT false,
        online_url text,
        capacity integer CHECK (capacity IS NULL OR capacity >= 0),
        waitlist_enabled boolean NOT NULL DEFAULT true,
        registration_opens_at timestamptz,
        registration_closes_at timestamptz,
        topic_slugs text[] NOT NULL DEFAULT '{}',
        status text NOT NULL DEFAULT 'DRAFT' CHECK (status IN ('DRAFT', 'PUBLISHED', 'CANCELLED', 'ARCHIVED')),
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (ends_at >= starts_at)
      )`);
    await q.query('CREATE INDEX event_status_starts_idx ON event (status, starts_at, id)');
    await q.query('CREATE INDEX event_topics_idx ON event USING gin (topic_slugs)');
    // Organisers are partners of the partners service: no foreign key across services.
    await q.query(`
      CREATE TABLE event_organizer (
        event_id uuid NOT NULL REFERENCES event(id) ON DELETE CASCADE,
        partner_id uuid NOT NULL,
        position integer NOT NULL DEFAULT 0,
        PRIMARY KEY (event_id, partner_id)
      )`);
    await q.query('CREATE INDEX event_organizer_partner_idx ON event_organizer (partner_id)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE event_organizer');
    await q.query('DROP TABLE event');
  }
}
