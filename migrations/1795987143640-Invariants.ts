import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Hand-written invariants that entity metadata cannot express: the audit log is append-only at the
 * database too (whatever role the app connects with), and enumerations are checked.
 */
export class Invariants1795987143640 implements MigrationInterface {
  name = 'Invariants1795987143640';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege'; END $$`);
    await queryRunner.query(
      `CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE OR TRUNCATE ON "audit_log" FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`,
    );
    await queryRunner.query(
      `ALTER TABLE "users" ADD CONSTRAINT "users_locale_check" CHECK (locale IN ('ky', 'ru', 'en'))`,
    );
    await queryRunner.query(
      `ALTER TABLE "users" ADD CONSTRAINT "users_email_lower_check" CHECK (email = lower(email))`,
    );
    await queryRunner.query(
      `ALTER TABLE "email_outbox" ADD CONSTRAINT "email_outbox_status_check" CHECK (status IN ('pending', 'sent', 'dead'))`,
    );
    await queryRunner.query(
      `ALTER TABLE "email_tokens" ADD CONSTRAINT "email_tokens_purpose_check" CHECK (purpose IN ('confirm_email', 'reset_password'))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "email_tokens" DROP CONSTRAINT "email_tokens_purpose_check"`);
    await queryRunner.query(`ALTER TABLE "email_outbox" DROP CONSTRAINT "email_outbox_status_check"`);
    await queryRunner.query(`ALTER TABLE "users" DROP CONSTRAINT "users_email_lower_check"`);
    await queryRunner.query(`ALTER TABLE "users" DROP CONSTRAINT "users_locale_check"`);
    await queryRunner.query(`DROP TRIGGER audit_log_no_change ON "audit_log"`);
    await queryRunner.query(`DROP FUNCTION audit_log_append_only()`);
  }
}
