import { MigrationInterface, QueryRunner } from 'typeorm';

export class ReferenceDataAndChecks1795987889677 implements MigrationInterface {
  name = 'ReferenceDataAndChecks1795987889677';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "categories" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "code" text NOT NULL, "position" integer NOT NULL, "name_ky" text, "name_ru" text, "name_en" text, CONSTRAINT "PK_24dbc6126a28ff948da33e97d3b" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "categories_code_key" ON "categories"  ("code") `);
    await queryRunner.query(
      `CREATE TABLE "regions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "code" text NOT NULL, "kind" text NOT NULL, "name_ky" text, "name_ru" text, "name_en" text, CONSTRAINT "regions_kind_check" CHECK (kind IN ('oblast', 'city')), CONSTRAINT "PK_4fcd12ed6a046276e2deb08801c" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "regions_code_key" ON "regions"  ("code") `);
    await queryRunner.query(
      `CREATE TABLE "districts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "code" text NOT NULL, "region_id" uuid NOT NULL, "name_ky" text, "name_ru" text, "name_en" text, CONSTRAINT "PK_972a72ff4e3bea5c7f43a2b98af" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "districts_region_id_idx" ON "districts"  ("region_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "districts_code_key" ON "districts"  ("code") `);
    await queryRunner.query(
      `CREATE TABLE "municipalities" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "code" text NOT NULL, "kind" text NOT NULL, "region_id" uuid NOT NULL, "district_id" uuid, "name_ky" text, "name_ru" text, "name_en" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "municipalities_kind_check" CHECK (kind IN ('aiyl_aimak', 'town', 'city')), CONSTRAINT "PK_9c4573349577306f221dda4d924" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "municipalities_district_id_idx" ON "municipalities"  ("district_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "municipalities_region_id_idx" ON "municipalities"  ("region_id") `,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "municipalities_code_key" ON "municipalities"  ("code") `);
    await queryRunner.query(`ALTER TABLE "users" ALTER COLUMN "notification_preferences" DROP DEFAULT`);
    await queryRunner.query(
      `ALTER TABLE "users" ADD CONSTRAINT "users_email_lower_check" CHECK (email = lower(email))`,
    );
    await queryRunner.query(
      `ALTER TABLE "users" ADD CONSTRAINT "users_locale_check" CHECK (locale IN ('ky', 'ru', 'en'))`,
    );
    await queryRunner.query(
      `ALTER TABLE "email_tokens" ADD CONSTRAINT "email_tokens_purpose_check" CHECK (purpose IN ('confirm_email', 'reset_password'))`,
    );
    await queryRunner.query(
      `ALTER TABLE "email_outbox" ADD CONSTRAINT "email_outbox_status_check" CHECK (status IN ('pending', 'sent', 'dead'))`,
    );
    await queryRunner.query(
      `ALTER TABLE "districts" ADD CONSTRAINT "FK_4271e8e205bbdce31975c55ed3f" FOREIGN KEY ("region_id") REFERENCES "regions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "municipalities" ADD CONSTRAINT "FK_aa87731b7c481ef56100a358ffa" FOREIGN KEY ("region_id") REFERENCES "regions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "municipalities" ADD CONSTRAINT "FK_39e79c2f0921b9e7ee85f8229c6" FOREIGN KEY ("district_id") REFERENCES "districts"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "municipalities" DROP CONSTRAINT "FK_39e79c2f0921b9e7ee85f8229c6"`);
    await queryRunner.query(`ALTER TABLE "municipalities" DROP CONSTRAINT "FK_aa87731b7c481ef56100a358ffa"`);
    await queryRunner.query(`ALTER TABLE "districts" DROP CONSTRAINT "FK_4271e8e205bbdce31975c55ed3f"`);
    await queryRunner.query(`ALTER TABLE "email_outbox" DROP CONSTRAINT "email_outbox_status_check"`);
    await queryRunner.query(`ALTER TABLE "email_tokens" DROP CONSTRAINT "email_tokens_purpose_check"`);
    await queryRunner.query(`ALTER TABLE "users" DROP CONSTRAINT "users_locale_check"`);
    await queryRunner.query(`ALTER TABLE "users" DROP CONSTRAINT "users_email_lower_check"`);
    await queryRunner.query(
      `ALTER TABLE "users" ALTER COLUMN "notification_preferences" SET DEFAULT '{"contestNews": true, "moderationAlerts": true}'`,
    );
    await queryRunner.query(`DROP INDEX "public"."municipalities_code_key"`);
    await queryRunner.query(`DROP INDEX "public"."municipalities_region_id_idx"`);
    await queryRunner.query(`DROP INDEX "public"."municipalities_district_id_idx"`);
    await queryRunner.query(`DROP TABLE "municipalities"`);
    await queryRunner.query(`DROP INDEX "public"."districts_code_key"`);
    await queryRunner.query(`DROP INDEX "public"."districts_region_id_idx"`);
    await queryRunner.query(`DROP TABLE "districts"`);
    await queryRunner.query(`DROP INDEX "public"."regions_code_key"`);
    await queryRunner.query(`DROP TABLE "regions"`);
    await queryRunner.query(`DROP INDEX "public"."categories_code_key"`);
    await queryRunner.query(`DROP TABLE "categories"`);
  }
}
