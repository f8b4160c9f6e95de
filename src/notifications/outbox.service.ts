import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { Locale } from '../common/i18n/locale';
import { MailRenderer, MailTemplate } from './mail-renderer';
import { NewOutboxEmail, OutboxRepository } from './outbox.repository';
import { UnsubscribeTokens, Unsubscription } from './unsubscribe-tokens';

export interface EmailRequest {
  to: string;
  locale: Locale;
  template: MailTemplate;
  vars: Record<string, unknown>;
  /** Path and query under PUBLIC_URL that the email's button opens, e.g. `/confirm-email?token=…`. */
  actionPath?: string;
  /** Non-essential mail: the preference its unsubscribe link turns off. */
  unsubscribe?: Unsubscription;
}

/**
 * Writes an email into the outbox with the caller's transaction manager: the email exists exactly when
 * the change that caused it commits. The worker delivers it later.
 */
@Injectable()
export class OutboxService {
  constructor(
    private readonly config: AppConfig,
    private readonly renderer: MailRenderer,
    private readonly outbox: OutboxRepository,
    private readonly unsubscribeTokens: UnsubscribeTokens,
  ) {}

  async enqueue(manager: EntityManager, request: EmailRequest): Promise<void> {
    await this.outbox.insert(manager, this.render(request));
  }

  /** Many emails in one multi-row INSERT: an announcement to every voter of a national vote. */
  async enqueueMany(manager: EntityManager, requests: EmailRequest[]): Promise<void> {
    if (requests.length > 0) {
      await this.outbox.insertMany(
        manager,
        requests.map((request) => this.render(request)),
      );
    }
  }

  /** The outbox row for an email, for a caller that inserts it itself (INSERT_OUTBOX_SQL). */
  render(request: EmailRequest): NewOutboxEmail {
    const content = this.renderer.render({
      template: request.template,
      locale: request.locale,
      vars: request.vars,
      actionUrl: request.actionPath ? this.link(request.actionPath, request.locale) : undefined,
      unsubscribeUrl: request.unsubscribe
        ? this.link(`/unsubscribe?token=${this.unsubscribeTokens.sign(request.unsubscribe)}`, request.locale)
        : undefined,
    });
    return {
      toAddress: request.to,
      template: request.template,
      locale: request.locale,
      subject: content.subject,
      textBody: content.text,
      htmlBody: content.html,
    };
  }

  private link(pathAndQuery: string, locale: Locale): string {
    const url = new URL(pathAndQuery, `${this.config.http.publicUrl}/`);
    url.searchParams.set('lang', locale);
    return url.toString();
  }
}
