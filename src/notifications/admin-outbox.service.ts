import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AuthUser } from '../common/auth/auth-user';
import { DomainError } from '../common/errors/domain-error';
import { OutboxEmailDto, OutboxQueryDto, toOutboxEmailDto } from './dto/outbox-email.dto';
import { OutboxRepository } from './outbox.repository';

const deadEmailNotFound = () =>
  new DomainError(404, 'dead_email_not_found', {
    en: 'No dead email with this id',
    ru: 'Недоставленное письмо с таким id не найдено',
    ky: 'Мындай id менен жеткирилбеген кат табылган жок',
  });

/** Admins' view of the outbox; a retry is audited with the admin who asked for it. */
@Injectable()
export class AdminOutboxService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxRepository,
    private readonly audit: AuditService,
  ) {}

  async list(query: OutboxQueryDto): Promise<OutboxEmailDto[]> {
    const emails = await this.outbox.listByStatus(query.status ?? 'dead', query.limit ?? 50);
    return emails.map(toOutboxEmailDto);
  }

  async retry(admin: AuthUser, id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      if (!(await this.outbox.revive(manager, id))) {
        throw deadEmailNotFound();
      }
      await this.audit.record(manager, {
        actorId: admin.id,
        action: 'email.retried',
        objectType: 'email',
        objectId: id,
      });
    });
  }

  /** Retries every dead message at once (say, once an SMTP outage is over); returns how many. */
  retryAllDead(admin: AuthUser): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const count = await this.outbox.reviveAllDead(manager);
      if (count > 0) {
        await this.audit.record(manager, {
          actorId: admin.id,
          action: 'email.retried_all',
          objectType: 'email',
          objectId: 'dead',
          details: { count },
        });
      }
      return count;
    });
  }

  /** How many messages failed for good and how many still wait, for the administration pages. */
  countUnsent(): Promise<{ dead: number; pending: number }> {
    return this.outbox.countUnsent();
  }
}
