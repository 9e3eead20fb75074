import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The language a person registered in (docs/languages.md): their mails go out in it. Registrations
 * made before registered in German, the only language there was.
 */
export class RegistrationLanguage1796100100000 implements MigrationInterface {
  name = 'RegistrationLanguage1796100100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE registration ADD COLUMN language text NOT NULL DEFAULT 'de'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE registration DROP COLUMN language');
  }
}
