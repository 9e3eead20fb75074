import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An edition's frozen renderings in the languages of its recipients other than German (German stays
 * in `newsletter_edition.rendered_*`). They share the edition's marker and go with the edition.
 */
export class EditionLanguages1768300000000 implements MigrationInterface {
  name = 'EditionLanguages1768300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE newsletter_edition_rendering (
        edition_id uuid NOT NULL REFERENCES newsletter_edition (id) ON DELETE CASCADE,
        language text NOT NULL,
        subject text NOT NULL,
        html text NOT NULL,
        text text NOT NULL,
        PRIMARY KEY (edition_id, language)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE newsletter_edition_rendering');
  }
}
