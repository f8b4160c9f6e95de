import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 8 §2: foreign keys on every column that names a row elsewhere. Votes reference their entry by
 * (entry_id, contest_id), backed by a unique constraint on contest_entries (id, contest_id), so a vote
 * can only name an entry of its own contest. Users are never deleted, so references to them RESTRICT;
 * a practice's history and revisions go with the practice.
 */
export class ForeignKeys1796235861563 implements MigrationInterface {
  name = 'ForeignKeys1796235861563';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "contest_entries" ADD CONSTRAINT "contest_entries_id_contest_key" UNIQUE ("id", "contest_id")`,
    );
    await queryRunner.query(
      `ALTER TABLE "users" ADD CONSTRAINT "FK_9f26aa552e355fe72c37dbf1800" FOREIGN KEY ("voter_verified_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "contests" ADD CONSTRAINT "FK_9a102ffa211c38589ad61786ca7" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "contest_entries" ADD CONSTRAINT "FK_8ad8df882b33df9d65f80cda318" FOREIGN KEY ("submitted_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "contest_entries" ADD CONSTRAINT "FK_45d40f0c6c77883bcb2441a84f6" FOREIGN KEY ("decided_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "contest_results" ADD CONSTRAINT "FK_505de6f48d4322f725756023f5c" FOREIGN KEY ("contest_id") REFERENCES "contests"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "contest_results" ADD CONSTRAINT "FK_7c1bcef869f1793e69e19a815d6" FOREIGN KEY ("published_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "practice_revisions" ADD CONSTRAINT "FK_de548345516cbe5adf4b513de2e" FOREIGN KEY ("practice_id") REFERENCES "practices"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "practice_revisions" ADD CONSTRAINT "FK_3cd469b70f81fee856341731eee" FOREIGN KEY ("submitted_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "practice_transitions" ADD CONSTRAINT "FK_50f7e9b724a7403f6a1cb2213ac" FOREIGN KEY ("practice_id") REFERENCES "practices"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "practice_transitions" ADD CONSTRAINT "FK_5371d93a21f97786e18f8ff1b0e" FOREIGN KEY ("actor_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "representative_memberships" ADD CONSTRAINT "FK_126c3a847cf0c96cd09650bbb1b" FOREIGN KEY ("decided_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "voter_verifications" ADD CONSTRAINT "FK_a37b5d6ca3c087a19cc6231d658" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "voter_verifications" ADD CONSTRAINT "FK_a06db63a826bb813e294390cf33" FOREIGN KEY ("municipality_id") REFERENCES "municipalities"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "voter_verifications" ADD CONSTRAINT "FK_bb17f116ea561eceaefc6529782" FOREIGN KEY ("pin_clash_with") REFERENCES "voter_verifications"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "voter_verifications" ADD CONSTRAINT "FK_0f5e9b6bacf7ebb0bf41a003f59" FOREIGN KEY ("decided_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "votes" ADD CONSTRAINT "FK_40a55c5b9296619d864457dabd8" FOREIGN KEY ("entry_id", "contest_id") REFERENCES "contest_entries"("id","contest_id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "votes" ADD CONSTRAINT "FK_907ed58b724f8debe4200e51af3" FOREIGN KEY ("voter_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "votes" ADD CONSTRAINT "FK_29c417b697b64c36ef45c5b8f76" FOREIGN KEY ("annulled_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "voter_ballots" ADD CONSTRAINT "FK_949a8fb8afdaad336eb39c7ea3e" FOREIGN KEY ("contest_id") REFERENCES "contests"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "voter_ballots" ADD CONSTRAINT "FK_35d8cb255438d93c82f9d08194d" FOREIGN KEY ("voter_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "voter_ballots" DROP CONSTRAINT "FK_35d8cb255438d93c82f9d08194d"`);
    await queryRunner.query(`ALTER TABLE "voter_ballots" DROP CONSTRAINT "FK_949a8fb8afdaad336eb39c7ea3e"`);
    await queryRunner.query(`ALTER TABLE "votes" DROP CONSTRAINT "FK_29c417b697b64c36ef45c5b8f76"`);
    await queryRunner.query(`ALTER TABLE "votes" DROP CONSTRAINT "FK_907ed58b724f8debe4200e51af3"`);
    await queryRunner.query(`ALTER TABLE "votes" DROP CONSTRAINT "FK_40a55c5b9296619d864457dabd8"`);
    await queryRunner.query(
      `ALTER TABLE "voter_verifications" DROP CONSTRAINT "FK_0f5e9b6bacf7ebb0bf41a003f59"`,
    );
    await queryRunner.query(
      `ALTER TABLE "voter_verifications" DROP CONSTRAINT "FK_bb17f116ea561eceaefc6529782"`,
    );
    await queryRunner.query(
      `ALTER TABLE "voter_verifications" DROP CONSTRAINT "FK_a06db63a826bb813e294390cf33"`,
    );
    await queryRunner.query(
      `ALTER TABLE "voter_verifications" DROP CONSTRAINT "FK_a37b5d6ca3c087a19cc6231d658"`,
    );
    await queryRunner.query(
      `ALTER TABLE "representative_memberships" DROP CONSTRAINT "FK_126c3a847cf0c96cd09650bbb1b"`,
    );
    await queryRunner.query(
      `ALTER TABLE "practice_transitions" DROP CONSTRAINT "FK_5371d93a21f97786e18f8ff1b0e"`,
    );
    await queryRunner.query(
      `ALTER TABLE "practice_transitions" DROP CONSTRAINT "FK_50f7e9b724a7403f6a1cb2213ac"`,
    );
    await queryRunner.query(
      `ALTER TABLE "practice_revisions" DROP CONSTRAINT "FK_3cd469b70f81fee856341731eee"`,
    );
    await queryRunner.query(
      `ALTER TABLE "practice_revisions" DROP CONSTRAINT "FK_de548345516cbe5adf4b513de2e"`,
    );
    await queryRunner.query(`ALTER TABLE "contest_results" DROP CONSTRAINT "FK_7c1bcef869f1793e69e19a815d6"`);
    await queryRunner.query(`ALTER TABLE "contest_results" DROP CONSTRAINT "FK_505de6f48d4322f725756023f5c"`);
    await queryRunner.query(`ALTER TABLE "contest_entries" DROP CONSTRAINT "FK_45d40f0c6c77883bcb2441a84f6"`);
    await queryRunner.query(`ALTER TABLE "contest_entries" DROP CONSTRAINT "FK_8ad8df882b33df9d65f80cda318"`);
    await queryRunner.query(`ALTER TABLE "contests" DROP CONSTRAINT "FK_9a102ffa211c38589ad61786ca7"`);
    await queryRunner.query(`ALTER TABLE "users" DROP CONSTRAINT "FK_9f26aa552e355fe72c37dbf1800"`);
    await queryRunner.query(`ALTER TABLE "contest_entries" DROP CONSTRAINT "contest_entries_id_contest_key"`);
  }
}
