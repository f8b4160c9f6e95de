import { Injectable } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../common/errors/domain-error';
import { AdminOutboxService } from '../../notifications/admin-outbox.service';
import { OutboxStatus } from '../../notifications/entities/outbox-email.entity';
import { WebRenderer } from '../render/web-renderer';
import { webState } from '../web-state';
import { adminHomePage } from './admin-home.view';
import { OUTBOX_PAGE_SIZE, OUTBOX_STATUSES, outboxPage } from './outbox.view';

/** The landing page (it shows the failed-email count) and the email outbox with its retries. */
@Injectable()
export class AdminOutboxHandler {
  constructor(
    private readonly web: WebRenderer,
    private readonly outbox: AdminOutboxService,
  ) {}

  async showHome(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const unsent = await this.outbox.countUnsent();
    await this.web.send(request, reply, adminHomePage(this.web.context(request), unsent));
  }

  async showList(
    request: FastifyRequest,
    reply: FastifyReply,
    query: Record<string, unknown>,
  ): Promise<void> {
    // An unknown status (an old or edited link) shows the failed messages, which is the default tab.
    const status = OUTBOX_STATUSES.find((known) => known === query.status) ?? 'dead';
    await this.sendList(request, reply, status);
  }

  async retry(request: FastifyRequest, reply: FastifyReply, id: string): Promise<void> {
    try {
      await this.outbox.retry(webState(request).user!, id);
    } catch (error) {
      if (!(error instanceof DomainError && error.code === 'dead_email_not_found')) {
        throw error;
      }
      // Retried already (a second click, another admin) or not failed: nothing changed, say so.
      const context = this.web.context(request);
      await this.sendList(request, reply, 'dead', context.t('admin.outbox.notDead'));
      return;
    }
    this.web.redirect(reply, '/admin/outbox', 'admin.outbox.done.single');
  }

  async retryAll(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const count = await this.outbox.retryAllDead(webState(request).user!);
    this.web.redirect(reply, '/admin/outbox', count > 0 ? 'admin.outbox.done.all' : 'admin.outbox.done.none');
  }

  private async sendList(
    request: FastifyRequest,
    reply: FastifyReply,
    status: OutboxStatus,
    refusal?: string,
  ): Promise<void> {
    const [emails, unsent] = await Promise.all([
      this.outbox.list({ status, limit: OUTBOX_PAGE_SIZE }),
      this.outbox.countUnsent(),
    ]);
    await this.web.send(
      request,
      reply,
      outboxPage(this.web.context(request), status, emails, unsent, refusal),
    );
  }
}
