import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateSubscribers1767225600000 implements MigrationInterface {
  name = 'CreateSubscribers1767225600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE subscriber (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL,
        name text,
        language text NOT NULL DEFAULT 'de',
        topic_slugs text[] NOT NULL DEFAULT '{}',
        status text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'CONFIRMED', 'UNSUBSCRIBED')),
        confirmed_at timestamptz,
        unsubscribed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // One subscription per address whatever its letter case.
    await q.query('CREATE UNIQUE INDEX subscriber_email_idx ON subscriber (lower(email))');
    await q.query('CREATE INDEX subscriber_status_idx ON subscriber (status)');
    await q.query('CREATE INDEX subscriber_topics_idx ON subscriber USING gin (topic_slugs)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE subscriber');
  }
}
