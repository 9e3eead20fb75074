import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Anonymised registrations (erasure on request, retention after the event): name and e-mail become
 * NULL, and `anonymised_at` says when. The registration row stays, so that counts for funders keep
 * counting it. Lookups by address (privacy export and erasure) get an index.
 */
export class RegistrationPrivacy1767700000000 implements MigrationInterface {
  name = 'RegistrationPrivacy1767700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE registration
        ALTER COLUMN name DROP NOT NULL,
        ALTER COLUMN email DROP NOT NULL,
        ADD COLUMN anonymised_at timestamptz,
        ADD CONSTRAINT registration_anonymised_check CHECK (anonymised_at IS NOT NULL OR (name IS NOT NULL AND email IS NOT NULL))`);
    await q.query('CREATE INDEX registration_email_idx ON registration (lower(email)) WHERE email IS NOT NULL');
    // Retention looks for registrations that still hold personal data.
    await q.query('CREATE INDEX registration_personal_idx ON registration (event_id) WHERE anonymised_at IS NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX registration_personal_idx');
    await q.query('DROP INDEX registration_email_idx');
    // Anonymised rows have no name or address to restore: they get placeholders (unique per row,
    // so that the one-registration-per-address index holds).
    await q.query(`UPDATE registration SET name = coalesce(name, ''), email = coalesce(email, 'anonymised-' || id || '@registration.invalid') WHERE anonymised_at IS NOT NULL`);
    await q.query(`
      ALTER TABLE registration
        DROP CONSTRAINT registration_anonymised_check,
        DROP COLUMN anonymised_at,
        ALTER COLUMN name SET NOT NULL,
        ALTER COLUMN email SET NOT NULL`);
  }
}
