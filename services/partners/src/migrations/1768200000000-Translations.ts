import type { MigrationInterface, QueryRunner } from 'typeorm';
import { partnerTranslations } from '../partner/partner.translation';
import { topicTranslations } from '../topic/topic.translation';

/**
 * Translations (docs/languages.md) of topic names and descriptions and of partner profiles'
 * descriptions: one row per item, language and field, with the hash of the German text it was
 * made from. Topic rows follow a renamed slug (ON UPDATE CASCADE); down drops them with the tables.
 */
export class Translations1768200000000 implements MigrationInterface {
  name = 'Translations1768200000000';

  async up(q: QueryRunner): Promise<void> {
    for (const sql of [...topicTranslations.migration('slug').up, ...partnerTranslations.migration().up]) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const sql of [...partnerTranslations.migration().down, ...topicTranslations.migration('slug').down]) await q.query(sql);
  }
}
