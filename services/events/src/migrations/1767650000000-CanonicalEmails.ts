import { canonicaliseStoredEmails } from '@mitgen/subgraph-kit';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Stored e-mail addresses in the graph's one form (trimmed, lower case, internationalised domains
 * in ASCII), as every service now stores and looks them up. Data only; nothing to undo. Its place
 * among the migrations does not matter (it runs wherever it is pending); it sits before
 * RegistrationPrivacy so that that migration stays the last one its test reverts.
 */
export class CanonicalEmails1767650000000 implements MigrationInterface {
  name = 'CanonicalEmails1767650000000';

  async up(q: QueryRunner): Promise<void> {
    await canonicaliseStoredEmails(q);
  }

  async down(): Promise<void> {
    // The earlier spellings are not kept: they meant the same addresses.
  }
}
