import { Injectable } from '@nestjs/common';
import { DomainError } from '../common/errors/domain-error';
import { OutboxEmailDto, OutboxQueryDto, toOutboxEmailDto } from './dto/outbox-email.dto';
import { OutboxRepository } from './outbox.repository';

const deadEmailNotFound = () =>
  new DomainError(404, 'dead_email_not_found', {
    en: 'No dead email with this id',
    ru: 'Недоставленное письмо с таким id не найдено',
    ky: 'Мындай id менен жеткирилбеген кат табылган жок',
  });

@Injectable()
export class AdminOutboxService {
  constructor(private readonly outbox: OutboxRepository) {}

  async list(query: OutboxQueryDto): Promise<OutboxEmailDto[]> {
    const emails = await this.outbox.listByStatus(query.status ?? 'dead', query.limit ?? 50);
    return emails.map(toOutboxEmailDto);
  }

  async retry(id: string): Promise<void> {
    if (!(await this.outbox.revive(id))) {
      throw deadEmailNotFound();
    }
  }

  /** Retries every dead message at once (say, once an SMTP outage is over); returns how many. */
  retryAllDead(): Promise<number> {
    return this.outbox.reviveAllDead();
  }

  /** How many messages failed for good and how many still wait, for the administration pages. */
  countUnsent(): Promise<{ dead: number; pending: number }> {
    return this.outbox.countUnsent();
  }
}
