import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 8 findings 12 and 13: practice views counted once per viewer and day (practice_views, purged
 * after two days), and fraud signals purged a year after publication (account age becomes nullable;
 * contests.signals_purged_at is the claim that makes one instance do it once).
 * Reverting after a purge fails on SET NOT NULL: the purged ages are gone for good, by design.
 */
export class RetentionAndViews1796237167203 implements MigrationInterface {
  name = 'RetentionAndViews1796237167203';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "practice_views" ("practice_id" uuid NOT NULL, "day" date NOT NULL, "viewer_hash" text NOT NULL, CONSTRAINT "PK_52082d03313466de9ccbdb25e32" PRIMARY KEY ("practice_id", "day", "viewer_hash"))`,
    );
    await queryRunner.query(`CREATE INDEX "practice_views_day_idx" ON "practice_views"  ("day") `);
    await queryRunner.query(`ALTER TABLE "contests" ADD "signals_purged_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "votes" ALTER COLUMN "account_age_days" DROP NOT NULL`);
    await queryRunner.query(
      `ALTER TABLE "practice_views" ADD CONSTRAINT "FK_780e5fdc484234f74970add75d0" FOREIGN KEY ("practice_id") REFERENCES "practices"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "practice_views" DROP CONSTRAINT "FK_780e5fdc484234f74970add75d0"`);
    await queryRunner.query(`ALTER TABLE "votes" ALTER COLUMN "account_age_days" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "contests" DROP COLUMN "signals_purged_at"`);
    await queryRunner.query(`DROP INDEX "public"."practice_views_day_idx"`);
    await queryRunner.query(`DROP TABLE "practice_views"`);
  }
}
