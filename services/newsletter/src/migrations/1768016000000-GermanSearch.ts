import { GERMAN_SEARCH_SQL_V1 } from '@mitgen/subgraph-kit';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The graph's German matching rule in SQL (`german_fold`: ä as ae, ß as ss, any case), for
 * the coordinators' subscriber search (e-mail addresses, names): "Mueller" finds "Müller" and the other way round. The same set of functions as in
 * every service that searches (kit, `GERMAN_SEARCH_SQL_V1`).
 */
export class GermanSearch1768016000000 implements MigrationInterface {
  name = 'GermanSearch1768016000000';

  async up(q: QueryRunner): Promise<void> {
    for (const sql of GERMAN_SEARCH_SQL_V1.up) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const sql of GERMAN_SEARCH_SQL_V1.down) await q.query(sql);
  }
}
