import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { OutageBackoff } from '../database/outage-backoff';
import { MailTransport } from './mail-transport';
import { OutboxEmail } from './entities/outbox-email.entity';
import { OutboxRepository } from './outbox.repository';

const BATCH_SIZE = 20;
/** Longer than the SMTP timeouts, so a message being sent is never claimed by another worker. */
const LEASE_MS = 120_000;
const MAX_RETRY_DELAY_MS = 60 * 60_000;
/** Longest pause between polls while the database is away: mail resumes within this after it returns. */
const MAX_OUTAGE_POLL_MS = 10_000;

/**
 * Delivers the outbox: polls for due messages, sends them, and on failure retries with exponential
 * back-off until MAIL_MAX_ATTEMPTS, then marks the message dead (listed for admins). Safe to run on
 * every instance at once. Only an SMTP failure counts as an attempt: while the database is away the
 * worker polls less often and loses nothing; an email it sent but could not mark sent goes out again
 * after the lease (same Message-ID).
 */
@Injectable()
export class OutboxWorker implements OnApplicationShutdown {
  private readonly logger = new Logger(OutboxWorker.name);
  private readonly backoff = new OutageBackoff(this.logger, MAX_OUTAGE_POLL_MS);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;

  constructor(
    private readonly config: AppConfig,
    private readonly outbox: OutboxRepository,
    private readonly transport: MailTransport,
  ) {}

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  /** One pass over the due messages; exposed so tests and the shutdown path can drain deterministically. */
  async deliverDue(): Promise<number> {
    const batch = await this.outbox.claimDue(BATCH_SIZE, LEASE_MS);
    for (const email of batch) {
      await this.deliver(email);
    }
    return batch.length;
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
    this.transport.close();
  }

  private schedule(delayMs: number): void {
    if (this.stopped) {
      return;
    }
    this.timer = setTimeout(() => {
      this.running = this.tick().finally(() => (this.running = undefined));
    }, delayMs);
  }

  private async tick(): Promise<void> {
    let delay = this.config.mail.pollIntervalMs;
    try {
      // A full batch suggests more are waiting: go again at once.
      if ((await this.deliverDue()) === BATCH_SIZE) {
        delay = 0;
      }
      this.backoff.succeeded();
    } catch (error) {
      delay = this.backoff.failed(error, this.config.mail.pollIntervalMs);
    }
    this.schedule(delay);
  }

  /** A database error while recording the outcome ends the pass (and backs off); it is no SMTP failure. */
  private async deliver(email: OutboxEmail): Promise<void> {
    try {
      await this.transport.send({
        messageId: `<${email.id}@best-practice-portal>`,
        to: email.toAddress,
        subject: email.subject,
        text: email.textBody,
        html: email.htmlBody,
      });
    } catch (error) {
      await this.recordFailure(email, (error as Error).message);
      return;
    }
    await this.outbox.markSent(email.id, email.attempts);
    this.logger.log({ emailId: email.id }, 'email sent');
  }

  private async recordFailure(email: OutboxEmail, message: string): Promise<void> {
    if (email.attempts >= this.config.mail.maxAttempts) {
      await this.outbox.markDead(email.id, email.attempts, message);
      // Ids only: SMTP error texts quote the recipient (the text stays in last_error for admins).
      this.logger.error({ emailId: email.id, attempts: email.attempts }, 'email is dead');
      return;
    }
    const delay = Math.min(this.config.mail.retryBaseDelayMs * 2 ** (email.attempts - 1), MAX_RETRY_DELAY_MS);
    await this.outbox.scheduleRetry(email.id, email.attempts, delay, message);
    this.logger.warn({ emailId: email.id, attempts: email.attempts, retryInMs: delay }, 'email failed');
  }
}
