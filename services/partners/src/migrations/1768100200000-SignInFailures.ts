import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Failed sign-ins are counted per address, not per account: an address without an account locks
 * exactly like one with an account, so the lock can be told to whoever uses the address without
 * telling anyone whether it has an account (README, "Access"). The address is kept as its SHA-256
 * only, for at most a day after the last failure. Counts and locks of accounts move over.
 */
export class SignInFailures1768100200000 implements MigrationInterface {
  name = 'SignInFailures1768100200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE sign_in_failure (
        email_hash bytea PRIMARY KEY,
        failures integer NOT NULL,
        locked_until timestamptz,
        last_failure_at timestamptz NOT NULL
      )`);
    await q.query('CREATE INDEX sign_in_failure_last_idx ON sign_in_failure (last_failure_at)');
    await q.query(`
      INSERT INTO sign_in_failure (email_hash, failures, locked_until, last_failure_at)
      SELECT sha256(convert_to(lower(email), 'UTF8')), failed_logins, locked_until, now()
        FROM account WHERE failed_logins > 0 OR locked_until > now()
      ON CONFLICT DO NOTHING`);
    await q.query('ALTER TABLE account DROP COLUMN failed_logins, DROP COLUMN locked_until');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE account ADD COLUMN failed_logins integer NOT NULL DEFAULT 0, ADD COLUMN locked_until timestamptz');
    await q.query(`
      UPDATE account a SET failed_logins = f.failures, locked_until = f.locked_until
        FROM sign_in_failure f WHERE f.email_hash = sha256(convert_to(lower(a.email), 'UTF8'))`);
    await q.query('DROP TABLE sign_in_failure');
  }
}
