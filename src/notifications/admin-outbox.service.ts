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
}
