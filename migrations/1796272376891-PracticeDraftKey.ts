import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The website's new-practice form posts a one-time key: a second post of the same form (a double tap
 * without JavaScript) returns the draft the first one made. Unique per author, absent for API drafts.
 */
export class PracticeDraftKey1796272376891 implements MigrationInterface {
  name = 'PracticeDraftKey1796272376891';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "practices" ADD "draft_key" uuid`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "practices_draft_key" ON "practices"  ("author_id", "draft_key") WHERE draft_key IS NOT NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."practices_draft_key"`);
    await queryRunner.query(`ALTER TABLE "practices" DROP COLUMN "draft_key"`);
  }
}
