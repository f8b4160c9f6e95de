import { MigrationInterface, QueryRunner } from 'typeorm';

export class WebSessions1796236124346 implements MigrationInterface {
  name = 'WebSessions1796236124346';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "web_sessions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "token_hash" text NOT NULL, "token_version" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_3ae6bbf6cb5ac95b7f617d395d3" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "web_sessions_user_id_idx" ON "web_sessions"  ("user_id") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "web_sessions_token_hash_key" ON "web_sessions"  ("token_hash") `,
    );
    await queryRunner.query(
      `ALTER TABLE "web_sessions" ADD CONSTRAINT "FK_099af5f73522b589358b3d1189f" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "web_sessions" DROP CONSTRAINT "FK_099af5f73522b589358b3d1189f"`);
    await queryRunner.query(`DROP INDEX "public"."web_sessions_token_hash_key"`);
    await queryRunner.query(`DROP INDEX "public"."web_sessions_user_id_idx"`);
    await queryRunner.query(`DROP TABLE "web_sessions"`);
  }
}
