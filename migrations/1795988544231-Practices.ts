import { MigrationInterface, QueryRunner } from 'typeorm';

export class Practices1795988544231 implements MigrationInterface {
  name = 'Practices1795988544231';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "practices" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "municipality_id" uuid NOT NULL, "region_id" uuid NOT NULL, "district_id" uuid, "author_id" uuid NOT NULL, "category_id" uuid NOT NULL, "status" text NOT NULL DEFAULT 'draft', "revision" integer NOT NULL DEFAULT '0', "version" integer NOT NULL, "title" text NOT NULL, "summary" text NOT NULL, "problem" text NOT NULL, "solution" text NOT NULL, "results" text NOT NULL, "resources" text NOT NULL, "replicability" text NOT NULL, "start_year" integer NOT NULL, "end_year" integer, "contact_name" text NOT NULL, "contact_phone" text, "contact_email" text, "language" text NOT NULL, "tags" text array NOT NULL DEFAULT '{}', "view_count" bigint NOT NULL DEFAULT '0', "claimed_by" uuid, "first_submitted_at" TIMESTAMP WITH TIME ZONE, "submitted_at" TIMESTAMP WITH TIME ZONE, "published_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "search_document" tsvector, "search_text" text, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "practices_years_check" CHECK (end_year IS NULL OR end_year >= start_year), CONSTRAINT "practices_language_check" CHECK (language IN ('ky', 'ru', 'en')), CONSTRAINT "practices_status_check" CHECK (status IN ('draft', 'submitted', 'in_review', 'changes_requested', 'published', 'rejected', 'withdrawn', 'archived')), CONSTRAINT "PK_0934829c5859a843625e6ff1c34" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "practices_awaiting_idx" ON "practices"  ("submitted_at") WHERE status IN ('submitted', 'in_review')`,
    );
    await queryRunner.query(
      `CREATE INDEX "practices_published_category_idx" ON "practices"  ("category_id", "published_at") WHERE status = 'published'`,
    );
    await queryRunner.query(
      `CREATE INDEX "practices_published_region_idx" ON "practices"  ("region_id", "published_at") WHERE status = 'published'`,
    );
    await queryRunner.query(
      `CREATE INDEX "practices_published_title_idx" ON "practices"  ("title", "id") WHERE status = 'published'`,
    );
    await queryRunner.query(
      `CREATE INDEX "practices_published_popular_idx" ON "practices"  ("view_count", "id") WHERE status = 'published'`,
    );
    await queryRunner.query(
      `CREATE INDEX "practices_published_new_idx" ON "practices"  ("published_at", "id") WHERE status = 'published'`,
    );
    await queryRunner.query(
      `CREATE INDEX "practices_municipality_idx" ON "practices"  ("municipality_id", "status") `,
    );
    await queryRunner.query(
      `CREATE TABLE "practice_attachments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "practice_id" uuid NOT NULL, "kind" text NOT NULL, "file_name" text NOT NULL, "mime_type" text NOT NULL, "size_bytes" integer NOT NULL, "storage_key" text NOT NULL, "thumbnail_key" text, "width" integer, "height" integer, "uploaded_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "practice_attachments_kind_check" CHECK (kind IN ('image', 'document')), CONSTRAINT "PK_2278ca1a348bb7fa08faba10d7f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "practice_attachments_practice_idx" ON "practice_attachments"  ("practice_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "practice_revisions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "practice_id" uuid NOT NULL, "revision" integer NOT NULL, "content" jsonb NOT NULL, "submitted_by" uuid NOT NULL, "submitted_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_9b74cd53feb7eb9c4ea65a1c974" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "practice_revisions_practice_revision_key" ON "practice_revisions"  ("practice_id", "revision") `,
    );
    await queryRunner.query(
      `CREATE TABLE "practice_transitions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "practice_id" uuid NOT NULL, "action" text NOT NULL, "from_status" text, "to_status" text NOT NULL, "actor_id" uuid NOT NULL, "reason" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_736f16d23c4f6e47be5e46ca444" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "practice_transitions_practice_idx" ON "practice_transitions"  ("practice_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "representative_memberships" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "municipality_id" uuid NOT NULL, "status" text NOT NULL DEFAULT 'pending', "decided_by" uuid, "decided_at" TIMESTAMP WITH TIME ZONE, "reason" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "representative_memberships_status_check" CHECK (status IN ('pending', 'approved', 'refused', 'removed')), CONSTRAINT "PK_b04561609714a20280d51feaed3" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "representative_memberships_pending_idx" ON "representative_memberships"  ("created_at") WHERE status = 'pending'`,
    );
    await queryRunner.query(
      `CREATE INDEX "representative_memberships_municipality_idx" ON "representative_memberships"  ("municipality_id", "status") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "representative_memberships_active_key" ON "representative_memberships"  ("user_id", "municipality_id") WHERE status IN ('pending', 'approved')`,
    );
    await queryRunner.query(
      `ALTER TABLE "practices" ADD CONSTRAINT "FK_aa6abd547ae753f304e99522dcb" FOREIGN KEY ("municipality_id") REFERENCES "municipalities"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "practices" ADD CONSTRAINT "FK_11383687601c025fbebc4a3d76d" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "practices" ADD CONSTRAINT "FK_1fef206a981ab9b503e0697a873" FOREIGN KEY ("category_id") REFERENCES "categories"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "practice_attachments" ADD CONSTRAINT "FK_4d265f9147fb107ce14f7e89dfa" FOREIGN KEY ("practice_id") REFERENCES "practices"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "representative_memberships" ADD CONSTRAINT "FK_aa4020e580a3fbf49f1fec4407a" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "representative_memberships" ADD CONSTRAINT "FK_c1c7d95c9bdbf8b23e34ca6a154" FOREIGN KEY ("municipality_id") REFERENCES "municipalities"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "representative_memberships" DROP CONSTRAINT "FK_c1c7d95c9bdbf8b23e34ca6a154"`,
    );
    await queryRunner.query(
      `ALTER TABLE "representative_memberships" DROP CONSTRAINT "FK_aa4020e580a3fbf49f1fec4407a"`,
    );
    await queryRunner.query(
      `ALTER TABLE "practice_attachments" DROP CONSTRAINT "FK_4d265f9147fb107ce14f7e89dfa"`,
    );
    await queryRunner.query(`ALTER TABLE "practices" DROP CONSTRAINT "FK_1fef206a981ab9b503e0697a873"`);
    await queryRunner.query(`ALTER TABLE "practices" DROP CONSTRAINT "FK_11383687601c025fbebc4a3d76d"`);
    await queryRunner.query(`ALTER TABLE "practices" DROP CONSTRAINT "FK_aa6abd547ae753f304e99522dcb"`);
    await queryRunner.query(`DROP INDEX "public"."representative_memberships_active_key"`);
    await queryRunner.query(`DROP INDEX "public"."representative_memberships_municipality_idx"`);
    await queryRunner.query(`DROP INDEX "public"."representative_memberships_pending_idx"`);
    await queryRunner.query(`DROP TABLE "representative_memberships"`);
    await queryRunner.query(`DROP INDEX "public"."practice_transitions_practice_idx"`);
    await queryRunner.query(`DROP TABLE "practice_transitions"`);
    await queryRunner.query(`DROP INDEX "public"."practice_revisions_practice_revision_key"`);
    await queryRunner.query(`DROP TABLE "practice_revisions"`);
    await queryRunner.query(`DROP INDEX "public"."practice_attachments_practice_idx"`);
    await queryRunner.query(`DROP TABLE "practice_attachments"`);
    await queryRunner.query(`DROP INDEX "public"."practices_municipality_idx"`);
    await queryRunner.query(`DROP INDEX "public"."practices_published_new_idx"`);
    await queryRunner.query(`DROP INDEX "public"."practices_published_popular_idx"`);
    await queryRunner.query(`DROP INDEX "public"."practices_published_title_idx"`);
    await queryRunner.query(`DROP INDEX "public"."practices_published_region_idx"`);
    await queryRunner.query(`DROP INDEX "public"."practices_published_category_idx"`);
    await queryRunner.query(`DROP INDEX "public"."practices_awaiting_idx"`);
    await queryRunner.query(`DROP TABLE "practices"`);
  }
}
