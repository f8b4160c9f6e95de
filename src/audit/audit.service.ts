import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditEntry } from './entities/audit-entry.entity';

export interface AuditRecord {
  actorId: string | null;
  action: string;
  objectType: string;
  objectId: string;
  reason?: string | null;
  details?: Record<string, unknown>;
}

/** Appends to the audit log inside the caller's transaction, so the record and the change commit together. */
@Injectable()
export class AuditService {
  private readonly logger = new Logger(AuditService.name);

  async record(manager: EntityManager, record: AuditRecord): Promise<void> {
    const entry = Object.assign(new AuditEntry(), {
      actorId: record.actorId,
      action: record.action,
      objectType: record.objectType,
      objectId: record.objectId,
      reason: record.reason ?? null,
      details: record.details ?? {},
    });
    await manager.getRepository(AuditEntry).save(entry, { reload: false });
    this.logger.log(
      { action: record.action, objectType: record.objectType, objectId: record.objectId },
      'audited',
    );
  }
}
