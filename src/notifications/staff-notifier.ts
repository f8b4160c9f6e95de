import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Locale } from '../common/i18n/locale';
import { UsersRepository } from '../users/users.repository';
import { MailTemplate } from './mail-renderer';
import { OutboxService } from './outbox.service';

/** Emails every moderator who has not opted out, each in their own language, with an unsubscribe link. */
@Injectable()
export class StaffNotifier {
  constructor(
    private readonly users: UsersRepository,
    private readonly outbox: OutboxService,
  ) {}

  async notifyModerators(
    manager: EntityManager,
    template: MailTemplate,
    vars: (locale: Locale) => Record<string, unknown>,
    actionPath = '/docs',
  ): Promise<void> {
    for (const moderator of await this.users.moderatorsWantingAlerts(manager)) {
      await this.outbox.enqueue(manager, {
        to: moderator.email,
        locale: moderator.locale,
        template,
        vars: { fullName: moderator.fullName, ...vars(moderator.locale) },
        actionPath,
        unsubscribe: { userId: moderator.id, preference: 'moderationAlerts' },
      });
    }
  }
}
