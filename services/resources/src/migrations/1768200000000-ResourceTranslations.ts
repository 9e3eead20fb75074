import type { MigrationInterface, QueryRunner } from 'typeorm';
import { resourceTranslations } from '../resource/resource.translation';

/**
 * Translations of title, summary and body (docs/languages.md): one row per resource, language and
 * field, with the hash of the German text it was made from (to mark it outdated when that changes).
 * Rows go with their resource; down drops them with the table.
 */
export class ResourceTranslations1768200000000 implements MigrationInterface {
  name = 'ResourceTranslations1768200000000';

  async up(q: QueryRunner): Promise<void> {
    for (const sql of resourceTranslations.migration().up) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const sql of resourceTranslations.migration().down) await q.query(sql);
  }
}
