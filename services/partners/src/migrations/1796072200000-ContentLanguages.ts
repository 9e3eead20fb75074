import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The active list of content languages (docs/languages.md), until now a constant in code: seeded
 * with the languages the network started with, German first. `position` keeps the order in which
 * languages were added; down drops the list (the code's seed list applies again).
 */
export class ContentLanguages1796072200000 implements MigrationInterface {
  name = 'ContentLanguages1796072200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE content_language (
      code text PRIMARY KEY CHECK (code ~ '^[a-z]{2}$'),
      position integer GENERATED ALWAYS AS IDENTITY,
      added_at timestamptz NOT NULL DEFAULT now(),
      added_by text)`);
    await q.query(`INSERT INTO content_language (code, added_by) SELECT code, 'seed' FROM unnest($1::text[]) WITH ORDINALITY AS s(code, n) ORDER BY n`, [
      ['de', 'en', 'ar', 'fa', 'tr', 'uk', 'ru', 'ku'],
    ]);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE content_language');
  }
}
