import type { MigrationInterface, QueryRunner } from 'typeorm';
import { eventTranslations } from '../event/event.texts';
import { programmeItemTranslations } from '../programme/programme.translation';

/**
 * Translations of event titles and descriptions and of programme item titles (docs/languages.md):
 * one row per item, language and field, with the hash of the German text it was made from. Rows go
 * with their event or item; down drops them with the tables.
 */
export class EventTranslations1796100000000 implements MigrationInterface {
  name = 'EventTranslations1796100000000';

  async up(q: QueryRunner): Promise<void> {
    for (const sql of [...eventTranslations.migration().up, ...programmeItemTranslations.migration().up]) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const sql of [...programmeItemTranslations.migration().down, ...eventTranslations.migration().down]) await q.query(sql);
  }
}
