import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateAccounts1767225700000 implements MigrationInterface {
  name = 'CreateAccounts1767225700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE account (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL,
        display_name text NOT NULL,
        role text NOT NULL CHECK (role IN ('COORDINATOR', 'PARTNER_EDITOR')),
        partner_id uuid REFERENCES partner(id),
        password_hash text NOT NULL,
        disabled_at timestamptz,
        last_login_at timestamptz,
        failed_logins integer NOT NULL DEFAULT 0,
        locked_until timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        -- an editor always belongs to exactly one partner; a coordinator to none
        CHECK ((role = 'PARTNER_EDITOR') = (partner_id IS NOT NULL))
      )`);
    await q.query('CREATE UNIQUE INDEX account_email_idx ON account (lower(email))');
    await q.query(`
      CREATE TABLE api_key (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        partner_id uuid NOT NULL REFERENCES partner(id),
        prefix text NOT NULL UNIQUE,
        key_hash text NOT NULL,
        last_used_at timestamptz,
        revoked_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX api_key_partner_idx ON api_key (partner_id)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE api_key');
    await q.query('DROP TABLE account');
  }
}
