import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError } from '../common/errors/domain-error';

const notReady = (why: string) =>
  new DomainError(
    503,
    'not_ready',
    { en: `Not ready: ${why}`, ru: `Не готов: ${why}`, ky: `Даяр эмес: ${why}` },
    { retryAfterSeconds: 5 },
  );

@Injectable()
export class HealthService {
  /** Once every migration is seen applied it stays so for this process (migrations only run at start). */
  private migrated = false;

  constructor(private readonly dataSource: DataSource) {}

  async ready(): Promise<{ status: 'ok' }> {
    try {
      await this.dataSource.query('SELECT 1');
    } catch {
      throw notReady('database unreachable');
    }
    this.migrated ||= !(await this.dataSource.showMigrations());
    if (!this.migrated) {
      throw notReady('migrations pending');
    }
    return { status: 'ok' };
  }
}
