import { randomBytes } from 'node:crypto';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A secret the events service signs short-lived download links with (attendee lists). It lives in
 * the service's database so that every instance signs and checks with the same key and nothing has
 * to be configured; made here once, so that no request ever writes it.
 */
export class DownloadKey1768100000000 implements MigrationInterface {
  name = 'DownloadKey1768100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE TABLE signing_key (name text PRIMARY KEY, secret bytea NOT NULL, created_at timestamptz NOT NULL DEFAULT now())');
    await q.query('INSERT INTO signing_key (name, secret) VALUES ($1, $2)', ['downloads', randomBytes(32)]);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE signing_key');
  }
}
