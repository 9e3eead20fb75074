import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A cooperation an editor records with another organisation waits for that organisation (or a
 * coordinator) to confirm it: `confirmed_at` stays NULL until then, and the public does not see it.
 * Cooperations recorded before count as confirmed when they were recorded.
 */
export class CooperationConsent1796072100000 implements MigrationInterface {
  name = 'CooperationConsent1796072100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE cooperation
        ADD COLUMN confirmed_at timestamptz DEFAULT now(),
        ADD COLUMN requested_by_partner_id uuid REFERENCES partner(id) ON DELETE SET NULL`);
    await q.query('UPDATE cooperation SET confirmed_at = created_at');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE cooperation DROP COLUMN requested_by_partner_id, DROP COLUMN confirmed_at');
  }
}
