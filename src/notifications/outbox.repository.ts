import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { OutboxEmail, OutboxStatus } from './entities/outbox-email.entity';

export type NewOutboxEmail = Pick<
  OutboxEmail,
  'toAddress' | 'template' | 'locale' | 'subject' | 'textBody' | 'htmlBody'
>;

/** The outbox INSERT as plain SQL, for callers that run their transaction on a `pg` client (the vote). */
export const INSERT_OUTBOX_SQL = `INSERT INTO email_outbox (to_address, template, locale, subject, text_body, html_body)
  VALUES ($1, $2, $3, $4, $5, $6)`;

export function outboxParams(email: NewOutboxEmail): unknown[] {
  return [email.toAddress, email.template, email.locale, email.subject, email.textBody, email.htmlBody];
}

@Injectable()
export class OutboxRepository {
  constructor(@InjectRepository(OutboxEmail) private readonly outbox: Repository<OutboxEmail>) {}

  /** A plain INSERT (no RETURNING of generated columns): it runs inside every vote. */
  async insert(manager: EntityManager, email: NewOutboxEmail): Promise<void> {
    await manager.createQueryBuilder().insert().into(OutboxEmail).values(email).updateEntity(false).execute();
  }

  /** One statement for many rows (6 parameters a row: keep batches under PostgreSQL's 65,535). */
  async insertMany(manager: EntityManager, emails: NewOutboxEmail[]): Promise<void> {
    await manager
      .createQueryBuilder()
      .insert()
      .into(OutboxEmail)
      .values(emails)
      .updateEntity(false)
      .execute();
  }

  /**
   * Claims due messages for this worker: SKIP LOCKED lets every instance poll at once without two
   * taking the same row, and pushing next_attempt_at forward is a lease in case this process dies.
   * `attempts` comes back as this attempt's number; it is stored only with the outcome, so a claim
   * that a database outage interrupts costs no attempt.
   */
  async claimDue(batchSize: number, leaseMs: number): Promise<OutboxEmail[]> {
    const rows: unknown = await this.outbox.query(
      `UPDATE email_outbox SET next_attempt_at = now() + ($2 || ' milliseconds')::interval
        WHERE id IN (
          SELECT id FROM email_outbox
           WHERE status = 'pending' AND next_attempt_at <= now()
           ORDER BY next_attempt_at
           LIMIT $1
           FOR UPDATE SKIP LOCKED)
        RETURNING id, to_address AS "toAddress", subject, text_body AS "textBody", html_body AS "htmlBody",
                  attempts + 1 AS attempts`,
      [batchSize, String(leaseMs)],
    );
    return (rows as [OutboxEmail[], number])[0];
  }

  /**
   * Sent: the bodies are emptied, since confirmation and reset emails carry live links (tokens) that
   * must not stay readable at rest. Recipient, template, subject and timestamps stay for the record.
   */
  async markSent(id: string, attempts: number): Promise<void> {
    await this.outbox.update(
      { id },
      { status: 'sent', sentAt: new Date(), lastError: null, attempts, textBody: '', htmlBody: '' },
    );
  }

  async scheduleRetry(id: string, attempts: number, delayMs: number, error: string): Promise<void> {
    await this.outbox.update(
      { id },
      { attempts, nextAttemptAt: new Date(Date.now() + delayMs), lastError: error },
    );
  }

  async markDead(id: string, attempts: number, error: string): Promise<void> {
    await this.outbox.update({ id }, { status: 'dead', attempts, lastError: error });
  }

  listByStatus(status: OutboxStatus, limit: number): Promise<OutboxEmail[]> {
    return this.outbox.find({ where: { status }, order: { createdAt: 'DESC' }, take: limit });
  }

  /** Messages that need an admin's eye: the failed ones and those still waiting to be sent. */
  async countUnsent(): Promise<{ dead: number; pending: number }> {
    const rows: { dead: number; pending: number }[] = await this.outbox.query(
      `SELECT count(*) FILTER (WHERE status = 'dead')::int AS dead,
              count(*) FILTER (WHERE status = 'pending')::int AS pending
         FROM email_outbox WHERE status IN ('dead', 'pending')`,
    );
    return rows[0] ?? { dead: 0, pending: 0 };
  }

  /** Every dead message gets a fresh set of attempts (after an SMTP outage is fixed); returns how many. */
  async reviveAllDead(manager: EntityManager): Promise<number> {
    const result = await manager
      .getRepository(OutboxEmail)
      .update({ status: 'dead' }, { status: 'pending', attempts: 0, nextAttemptAt: new Date() });
    return result.affected ?? 0;
  }

  /** Gives a dead message a fresh set of attempts; returns false when it is not dead. */
  async revive(manager: EntityManager, id: string): Promise<boolean> {
    const result = await manager
      .getRepository(OutboxEmail)
      .update({ id, status: 'dead' }, { status: 'pending', attempts: 0, nextAttemptAt: new Date() });
    return (result.affected ?? 0) > 0;
  }
}
