import { AddressInfo } from 'node:net';
import { ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
}

/** A real SMTP server inside the test process; it keeps every message it receives. */
export class SmtpSink {
  readonly received: ReceivedMail[] = [];
  /** Addresses the server refuses at RCPT TO, quoting them back as real servers do (550). */
  readonly rejectedRecipients = new Set<string>();
  private server: SMTPServer | undefined;
  private port = 0;

  async start(): Promise<number> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      disableReverseLookup: true,
      logger: false,
      onRcptTo: (address, _session, callback) => {
        if (this.rejectedRecipients.has(address.address.toLowerCase())) {
          callback(
            Object.assign(new Error(`<${address.address}>: mailbox unavailable`), { responseCode: 550 }),
          );
          return;
        }
        callback();
      },
      onData: (stream, _session, callback) => {
        simpleParser(stream)
          .then((mail) => {
            this.received.push(toReceived(mail));
            callback();
          })
          .catch((error: Error) => callback(error));
      },
    });
    const server = this.server;
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', () => resolve()));
    this.port = (server.server.address() as AddressInfo).port;
    return this.port;
  }

  /** Simulates an outage; start() again brings the server back on the same port. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  to(address: string): ReceivedMail[] {
    return this.received.filter((mail) => mail.to === address.toLowerCase());
  }

  /** Waits for a message to an address whose subject or text contains `needle` (arrival order varies). */
  async waitForContaining(address: string, needle: string, timeoutMs = 10_000): Promise<ReceivedMail> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const match = this.to(address).find(
        (mail) => mail.subject.includes(needle) || mail.text.includes(needle),
      );
      if (match) {
        return match;
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`no email to ${address} containing "${needle}" within ${timeoutMs} ms`);
  }

  /** Waits for the n-th message to an address (1-based) and returns it. */
  async waitFor(address: string, count = 1, timeoutMs = 10_000): Promise<ReceivedMail> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const mails = this.to(address);
      if (mails.length >= count) {
        return mails[count - 1];
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(
      `no email #${count} to ${address} within ${timeoutMs} ms (got ${this.to(address).length})`,
    );
  }
}

function toReceived(mail: ParsedMail): ReceivedMail {
  const to = Array.isArray(mail.to) ? mail.to[0] : mail.to;
  return {
    to: (to?.value[0]?.address ?? '').toLowerCase(),
    subject: mail.subject ?? '',
    text: mail.text ?? '',
    html: typeof mail.html === 'string' ? mail.html : '',
    messageId: mail.messageId ?? '',
  };
}

/** The first portal link in an email, e.g. `/confirm-email?token=…`, with its token. */
export function linkIn(mail: ReceivedMail, path: string): { url: URL; token: string } {
  const match = mail.text.match(new RegExp(`https?://\\S+${path.replace('/', '\\/')}\\?\\S+`));
  if (!match) {
    throw new Error(`no ${path} link in email "${mail.subject}"`);
  }
  const url = new URL(match[0]);
  return { url, token: url.searchParams.get('token') ?? '' };
}
