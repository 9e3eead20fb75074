import { canonicaliseStoredEmails } from '@mitgen/subgraph-kit';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Stored e-mail addresses in the graph's one form (trimmed, lower case, internationalised domains
 * in ASCII), as every service now stores and looks them up. Data only; nothing to undo.
 */
export class CanonicalEmails1768100100000 implements MigrationInterface {
  name = 'CanonicalEmails1768100100000';

  async up(q: QueryRunner): Promise<void> {
    await canonicaliseStoredEmails(q);
  }

  async down(): Promise<void> {
    // The earlier spellings are not kept: they meant the same addresses.
  }
}
