import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sent emails no longer keep their bodies (confirmation and reset emails carry live links): the worker
 * empties them when it marks a message sent. This clears the ones sent before that rule. Irreversible
 * by nature: down() has nothing to restore.
 */
export class ClearSentEmailBodies1796236929181 implements MigrationInterface {
  name = 'ClearSentEmailBodies1796236929181';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `UPDATE email_outbox SET text_body = '', html_body = '' WHERE status = 'sent' AND (text_body <> '' OR html_body <> '')`,
    );
  }

  public async down(): Promise<void> {
    // The bodies are gone on purpose.
  }
}
