import type { MigrationInterface, QueryRunner } from 'typeorm';

// Drafted by the kit's draft-migration from the entities (TypeORM's schema builder); review before committing.
export class CreateThings1796065001044 implements MigrationInterface {
  name = 'CreateThings1796065001044';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "thing" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "name" text NOT NULL, "description" text NOT NULL DEFAULT '', "quantity" integer NOT NULL DEFAULT '1', "free_of_charge" boolean NOT NULL DEFAULT true, "url" text, "partner_id" uuid NOT NULL, CONSTRAINT "PK_e7757c5911e20acd09faa22d1ac" PRIMARY KEY ("id"))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "thing"`);
  }
}
