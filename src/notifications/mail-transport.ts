import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { Logger } from '@nestjs/common';
import nodemailer, { Transporter } from 'nodemailer';
import { AppConfig } from '../config/app-config';

export interface OutgoingMail {
  /** Stable per outbox row, so a receiving server can recognise a retried message. */
  messageId: string;
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** Delivers one message or throws; the outbox worker owns retries. */
export abstract class MailTransport {
  abstract send(mail: OutgoingMail): Promise<void>;
  abstract close(): void;
}

export class SmtpMailTransport extends MailTransport {
  private readonly transporter: Transporter;

  constructor(
    smtpUrl: string,
    private readonly from: string,
  ) {
    super();
    // Timeouts stay well inside the outbox lease, so a slow server cannot cause a second send.
    this.transporter = nodemailer.createTransport(pooled(smtpUrl), {
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    });
  }

  async send(mail: OutgoingMail): Promise<void> {
    await this.transporter.sendMail({ ...mail, from: this.from });
  }

  close(): void {
    this.transporter.close();
  }
}

/** A small pool reuses connections, so a burst of receipts does not open one connection per message. */
function pooled(smtpUrl: string): string {
  const url = new URL(smtpUrl);
  if (!url.searchParams.has('pool')) {
    url.searchParams.set('pool', 'true');
    url.searchParams.set('maxConnections', '2');
  }
  return url.toString();
}

/** Without SMTP_URL: each message becomes an .eml file under DATA_DIR/mail, and its path is logged. */
export class FileMailTransport extends MailTransport {
  private readonly logger = new Logger('Mail');
  private readonly builder = nodemailer.createTransport({
    streamTransport: true,
    buffer: true,
    newline: 'unix',
  });

  constructor(
    private readonly directory: string,
    private readonly from: string,
  ) {
    super();
  }

  async send(mail: OutgoingMail): Promise<void> {
    const info = (await this.builder.sendMail({ ...mail, from: this.from })) as { message: Buffer };
    await fs.mkdir(this.directory, { recursive: true });
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const file = path.join(this.directory, `${stamp}-${mail.messageId.replace(/[^a-z0-9-]/gi, '')}.eml`);
    await fs.writeFile(file, info.message);
    this.logger.log({ file }, 'email written to file (SMTP_URL is not set)');
  }

  close(): void {
    this.builder.close();
  }
}

export function createMailTransport(config: AppConfig): MailTransport {
  return config.mail.smtpUrl
    ? new SmtpMailTransport(config.mail.smtpUrl, config.mail.from)
    : new FileMailTransport(path.join(config.storage.dataDir, 'mail'), config.mail.from);
}
