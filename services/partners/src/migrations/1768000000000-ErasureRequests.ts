import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Erasure requests (GDPR Art. 17) and each service's part of them. The address is kept only as a
 * keyed hash, plus sealed while a service has not confirmed (erasure/erasure.crypto.ts). The
 * partial index holds just the parts the erasure worker still has to call, so its poll stays one
 * cheap index scan however many requests were ever made.
 */
export class ErasureRequests1768000000000 implements MigrationInterface {
  name = 'ErasureRequests1768000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE erasure_request (
        id uuid PRIMARY KEY,
        status text NOT NULL CHECK (status IN ('PENDING', 'DONE', 'FAILED')),
        email_hash text NOT NULL,
        email_sealed text,
        requested_at timestamptz(3) NOT NULL DEFAULT now(),  -- milliseconds, as in list cursors
        requested_by_id uuid NOT NULL,
        completed_at timestamptz,
        -- The address is held only while something is left to do.
        CHECK (status = 'PENDING' OR email_sealed IS NULL)
      )`);
    await q.query('CREATE INDEX erasure_request_list_idx ON erasure_request (requested_at DESC, id DESC)');
    await q.query('CREATE INDEX erasure_request_hash_idx ON erasure_request (email_hash)');
    await q.query(`
      CREATE TABLE erasure_step (
        request_id uuid NOT NULL REFERENCES erasure_request(id) ON DELETE CASCADE,
        service text NOT NULL,
        status text NOT NULL CHECK (status IN ('PENDING', 'DONE', 'FAILED')),
        counts jsonb NOT NULL DEFAULT '[]',
        reason text,
        attempts integer NOT NULL DEFAULT 0,
        last_attempt_at timestamptz,
        next_attempt_at timestamptz,
        completed_at timestamptz,
        PRIMARY KEY (request_id, service)
      )`);
    await q.query(`CREATE INDEX erasure_step_due_idx ON erasure_step (next_attempt_at) WHERE status = 'PENDING'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE erasure_step');
    await q.query('DROP TABLE erasure_request');
  }
}
