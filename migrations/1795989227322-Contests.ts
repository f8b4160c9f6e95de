import { MigrationInterface, QueryRunner } from 'typeorm';

export class Contests1795989227322 implements MigrationInterface {
  name = 'Contests1795989227322';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "contests" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "title" jsonb NOT NULL, "description" jsonb NOT NULL, "rules" jsonb NOT NULL, "entries_open_at" TIMESTAMP WITH TIME ZONE NOT NULL, "entries_close_at" TIMESTAMP WITH TIME ZONE NOT NULL, "voting_opens_at" TIMESTAMP WITH TIME ZONE NOT NULL, "voting_closes_at" TIMESTAMP WITH TIME ZONE NOT NULL, "votes_per_voter" integer, "voter_policy" text NOT NULL DEFAULT 'verified', "show_live_counts" boolean NOT NULL DEFAULT false, "allow_retract" boolean NOT NULL DEFAULT true, "last_entry_number" integer NOT NULL DEFAULT '0', "results_published_at" TIMESTAMP WITH TIME ZONE, "entries_announced_at" TIMESTAMP WITH TIME ZONE, "voting_announced_at" TIMESTAMP WITH TIME ZONE, "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "contests_voter_policy_check" CHECK (voter_policy IN ('email', 'verified')), CONSTRAINT "contests_votes_per_voter_check" CHECK (votes_per_voter IS NULL OR votes_per_voter >= 1), CONSTRAINT "contests_windows_check" CHECK (entries_open_at < entries_close_at AND entries_close_at <= voting_opens_at AND voting_opens_at < voting_closes_at), CONSTRAINT "PK_0b8012f5cf6f444a52179e1227a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "nominations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "contest_id" uuid NOT NULL, "title" jsonb NOT NULL, "winners_count" integer NOT NULL, "position" integer NOT NULL, CONSTRAINT "nominations_winners_count_check" CHECK (winners_count >= 1), CONSTRAINT "PK_94d2a23f18ea8e3b22d1ec6e972" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "nominations_contest_idx" ON "nominations"  ("contest_id", "position") `,
    );
    await queryRunner.query(
      `CREATE TABLE "contest_entries" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "contest_id" uuid NOT NULL, "nomination_id" uuid NOT NULL, "practice_id" uuid NOT NULL, "status" text NOT NULL DEFAULT 'pending', "number" integer, "submitted_by" uuid NOT NULL, "decided_by" uuid, "decided_at" TIMESTAMP WITH TIME ZONE, "reason" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "contest_entries_number_check" CHECK ((status = 'accepted') = (number IS NOT NULL)), CONSTRAINT "contest_entries_status_check" CHECK (status IN ('pending', 'accepted', 'rejected')), CONSTRAINT "PK_94074f3f5cc3ee7b5763a6041b1" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "contest_entries_pending_idx" ON "contest_entries"  ("created_at") WHERE status = 'pending'`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "contest_entries_number_key" ON "contest_entries"  ("contest_id", "number") WHERE number IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "contest_entries_practice_key" ON "contest_entries"  ("contest_id", "practice_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "contest_results" ("contest_id" uuid NOT NULL, "published_at" TIMESTAMP WITH TIME ZONE NOT NULL, "published_by" uuid NOT NULL, "snapshot" jsonb NOT NULL, "ledger_csv" text NOT NULL, "ledger_sha256" text NOT NULL, "results_csv" text NOT NULL, CONSTRAINT "PK_505de6f48d4322f725756023f5c" PRIMARY KEY ("contest_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "voter_verifications" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "phone" text NOT NULL, "municipality_id" uuid NOT NULL, "pin_hash" text, "pin_clash_with" uuid, "status" text NOT NULL DEFAULT 'pending', "decided_by" uuid, "decided_at" TIMESTAMP WITH TIME ZONE, "reason" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "voter_verifications_status_check" CHECK (status IN ('pending', 'approved', 'refused')), CONSTRAINT "PK_8ee4d4a4de4b291f98555c4b6cf" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "voter_verifications_pending_idx" ON "voter_verifications"  ("created_at") WHERE status = 'pending'`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "voter_verifications_live_key" ON "voter_verifications"  ("user_id") WHERE status IN ('pending', 'approved')`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "voter_verifications_pin_key" ON "voter_verifications"  ("pin_hash") WHERE pin_hash IS NOT NULL AND status <> 'refused'`,
    );
    await queryRunner.query(
      `CREATE TABLE "votes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "contest_id" uuid NOT NULL, "entry_id" uuid NOT NULL, "voter_id" uuid NOT NULL, "cast_at" TIMESTAMP WITH TIME ZONE NOT NULL, "network_hash" text, "user_agent_hash" text, "account_age_days" integer NOT NULL, "annulled_at" TIMESTAMP WITH TIME ZONE, "annulled_by" uuid, "annul_reason" text, CONSTRAINT "PK_f3d9fd4a0af865152c3f59db8ff" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "votes_entry_idx" ON "votes"  ("entry_id", "cast_at") `);
    await queryRunner.query(`CREATE INDEX "votes_contest_voter_idx" ON "votes"  ("contest_id", "voter_id") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "votes_contest_entry_voter_key" ON "votes"  ("contest_id", "entry_id", "voter_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "voter_ballots" ("contest_id" uuid NOT NULL, "voter_id" uuid NOT NULL, "votes_used" integer NOT NULL, "votes_limit" integer, CONSTRAINT "voter_ballots_limit_check" CHECK (votes_used >= 0 AND (votes_limit IS NULL OR votes_used <= votes_limit)), CONSTRAINT "PK_ab5b4e4f8426e7396fd38f5a99f" PRIMARY KEY ("contest_id", "voter_id"))`,
    );
    await queryRunner.query(`ALTER TABLE "users" ADD "voter_verified_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "users" ADD "voter_verified_by" uuid`);
    await queryRunner.query(
      `ALTER TABLE "nominations" ADD CONSTRAINT "FK_1b7298f3a1f572aa9cb3de54ed2" FOREIGN KEY ("contest_id") REFERENCES "contests"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "contest_entries" ADD CONSTRAINT "FK_7f8baac81439babfb1206015c7f" FOREIGN KEY ("contest_id") REFERENCES "contests"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "contest_entries" ADD CONSTRAINT "FK_e51c0003be547285f8a729a7db6" FOREIGN KEY ("nomination_id") REFERENCES "nominations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "contest_entries" ADD CONSTRAINT "FK_f34483af1399318e064f1208e5c" FOREIGN KEY ("practice_id") REFERENCES "practices"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "contest_entries" DROP CONSTRAINT "FK_f34483af1399318e064f1208e5c"`);
    await queryRunner.query(`ALTER TABLE "contest_entries" DROP CONSTRAINT "FK_e51c0003be547285f8a729a7db6"`);
    await queryRunner.query(`ALTER TABLE "contest_entries" DROP CONSTRAINT "FK_7f8baac81439babfb1206015c7f"`);
    await queryRunner.query(`ALTER TABLE "nominations" DROP CONSTRAINT "FK_1b7298f3a1f572aa9cb3de54ed2"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "voter_verified_by"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "voter_verified_at"`);
    await queryRunner.query(`DROP TABLE "voter_ballots"`);
    await queryRunner.query(`DROP INDEX "public"."votes_contest_entry_voter_key"`);
    await queryRunner.query(`DROP INDEX "public"."votes_contest_voter_idx"`);
    await queryRunner.query(`DROP INDEX "public"."votes_entry_idx"`);
    await queryRunner.query(`DROP TABLE "votes"`);
    await queryRunner.query(`DROP INDEX "public"."voter_verifications_pin_key"`);
    await queryRunner.query(`DROP INDEX "public"."voter_verifications_live_key"`);
    await queryRunner.query(`DROP INDEX "public"."voter_verifications_pending_idx"`);
    await queryRunner.query(`DROP TABLE "voter_verifications"`);
    await queryRunner.query(`DROP TABLE "contest_results"`);
    await queryRunner.query(`DROP INDEX "public"."contest_entries_practice_key"`);
    await queryRunner.query(`DROP INDEX "public"."contest_entries_number_key"`);
    await queryRunner.query(`DROP INDEX "public"."contest_entries_pending_idx"`);
    await queryRunner.query(`DROP TABLE "contest_entries"`);
    await queryRunner.query(`DROP INDEX "public"."nominations_contest_idx"`);
    await queryRunner.query(`DROP TABLE "nominations"`);
    await queryRunner.query(`DROP TABLE "contests"`);
  }
}
