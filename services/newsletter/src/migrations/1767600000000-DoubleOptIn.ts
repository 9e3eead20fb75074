import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Double opt-in: sign-up bookkeeping on the subscriber, consent proofs, hashed link tokens. */
export class DoubleOptIn1767600000000 implements MigrationInterface {
  name = 'DoubleOptIn1767600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE subscriber
        ADD COLUMN signup_consent_version text,
        ADD COLUMN last_signup_at timestamptz,
        ADD COLUMN signup_window_started_at timestamptz,
        ADD COLUMN signups_in_window integer NOT NULL DEFAULT 0`);
    // The purge looks for old unconfirmed sign-ups; coordinators list newest first.
    await q.query(`CREATE INDEX subscriber_signup_idx ON subscriber (last_signup_at) WHERE status <> 'CONFIRMED'`);
    await q.query('CREATE INDEX subscriber_created_idx ON subscriber (created_at DESC, id DESC)');
    await q.query(`
      CREATE TABLE newsletter_consent (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        subscriber_id uuid NOT NULL REFERENCES subscriber (id) ON DELETE CASCADE,
        requested_at timestamptz NOT NULL,
        confirmed_at timestamptz NOT NULL,
        ip_address text,
        user_agent text,
        consent_text_version text NOT NULL,
        withdrawn_at timestamptz
      )`);
    await q.query('CREATE INDEX newsletter_consent_subscriber_idx ON newsletter_consent (subscriber_id, confirmed_at DESC)');
    // Only SHA-256 hashes of link tokens are stored; the links themselves exist only in mails.
    await q.query(`
      CREATE TABLE subscriber_token (
        token_hash bytea PRIMARY KEY,
        subscriber_id uuid NOT NULL REFERENCES subscriber (id) ON DELETE CASCADE,
        purpose text NOT NULL CHECK (purpose IN ('CONFIRM', 'MANAGE')),
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL
      )`);
    await q.query('CREATE INDEX subscriber_token_subscriber_idx ON subscriber_token (subscriber_id, purpose)');
    await q.query('CREATE INDEX subscriber_token_expires_idx ON subscriber_token (expires_at)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE subscriber_token');
    await q.query('DROP TABLE newsletter_consent');
    await q.query('DROP INDEX subscriber_created_idx');
    await q.query('DROP INDEX subscriber_signup_idx');
    await q.query(`
      ALTER TABLE subscriber
        DROP COLUMN signup_consent_version,
        DROP COLUMN last_signup_at,
        DROP COLUMN signup_window_started_at,
        DROP COLUMN signups_in_window`);
  }
}
