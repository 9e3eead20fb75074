import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Topics get a stable `id` (UUID) beside their slug, so that clients can normalise them by id; the
 * slug stays the key other services refer to. Existing topics get a random one, kept from then on.
 */
export class TopicIds1768100000000 implements MigrationInterface {
  name = 'TopicIds1768100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE topic ADD COLUMN id uuid NOT NULL DEFAULT gen_random_uuid()');
    await q.query('ALTER TABLE topic ADD CONSTRAINT topic_id_key UNIQUE (id)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE topic DROP COLUMN id');
  }
}
