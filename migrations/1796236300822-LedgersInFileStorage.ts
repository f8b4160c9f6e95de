import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Ledgers move to the file storage (a national vote's ledger is hundreds of megabytes): the row keeps
 * the key and the size. Rows published before keep `ledger_csv` until LedgerRelocation moves them at
 * start-up, byte for byte; the CHECK says every ledger is in exactly one place. results.csv is
 * rendered from the frozen snapshot since (with formula neutralisation), so its column goes.
 * Announcements go out in batches after publication (announced_through, announced_at); results
 * published before were announced in their publication's transaction.
 */
export class LedgersInFileStorage1796236300822 implements MigrationInterface {
  name = 'LedgersInFileStorage1796236300822';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "contest_results" DROP COLUMN "results_csv"`);
    await queryRunner.query(`ALTER TABLE "contest_results" ADD "ledger_key" text`);
    await queryRunner.query(`ALTER TABLE "contest_results" ADD "ledger_bytes" bigint`);
    await queryRunner.query(`ALTER TABLE "contest_results" ALTER COLUMN "ledger_csv" DROP NOT NULL`);
    await queryRunner.query(
      `ALTER TABLE "contest_results" ADD CONSTRAINT "contest_results_ledger_check" CHECK ((ledger_key IS NULL) <> (ledger_csv IS NULL))`,
    );
    await queryRunner.query(`ALTER TABLE "contest_results" ADD "announced_through" uuid`);
    await queryRunner.query(`ALTER TABLE "contest_results" ADD "announced_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`UPDATE "contest_results" SET "announced_at" = "published_at"`);
  }

  /**
   * Refused once a ledger lives in the file storage: the old schema has no place for it. The old
   * results_csv column comes back empty (the old code would serve an empty results.csv).
   */
  public async down(queryRunner: QueryRunner): Promise<void> {
    const rows = (await queryRunner.query(
      `SELECT count(*)::int AS moved FROM "contest_results" WHERE "ledger_key" IS NOT NULL`,
    )) as { moved: number }[];
    const moved = rows[0].moved;
    if (moved > 0) {
      throw new Error(`${moved} ledgers live in the file storage; the old schema cannot hold them`);
    }
    await queryRunner.query(`ALTER TABLE "contest_results" DROP COLUMN "announced_at"`);
    await queryRunner.query(`ALTER TABLE "contest_results" DROP COLUMN "announced_through"`);
    await queryRunner.query(`ALTER TABLE "contest_results" DROP CONSTRAINT "contest_results_ledger_check"`);
    await queryRunner.query(`ALTER TABLE "contest_results" ALTER COLUMN "ledger_csv" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "contest_results" DROP COLUMN "ledger_bytes"`);
    await queryRunner.query(`ALTER TABLE "contest_results" DROP COLUMN "ledger_key"`);
    await queryRunner.query(`ALTER TABLE "contest_results" ADD "results_csv" text NOT NULL DEFAULT ''`);
    await queryRunner.query(`ALTER TABLE "contest_results" ALTER COLUMN "results_csv" DROP DEFAULT`);
  }
}
