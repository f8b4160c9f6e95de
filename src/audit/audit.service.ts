import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { decodeCursor, encodeCursor } from '../common/http/cursor';
import { AuditPageDto, AuditQueryDto, toAuditEntryDto } from './dto/audit.dto';
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

  constructor(@InjectRepository(AuditEntry) private readonly entries: Repository<AuditEntry>) {}

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

  /** Newest first; every filter optional. Reading is the only other thing the code does with it. */
  async search(query: AuditQueryDto): Promise<AuditPageDto> {
    const limit = query.limit ?? 50;
    const q = this.entries.createQueryBuilder('a').orderBy('a.created_at', 'DESC').addOrderBy('a.id', 'DESC');
    if (query.actorId) {
      q.andWhere('a.actor_id = :actorId', { actorId: query.actorId });
    }
    if (query.action) {
      const prefix = query.action.endsWith('.');
      q.andWhere(prefix ? 'a.action LIKE :action' : 'a.action = :action', {
        action: prefix ? `${query.action.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : query.action,
      });
    }
    if (query.objectType) {
      q.andWhere('a.object_type = :objectType', { objectType: query.objectType });
    }
    if (query.objectId) {
      q.andWhere('a.object_id = :objectId', { objectId: query.objectId });
    }
    if (query.from) {
      q.andWhere('a.created_at >= :from', { from: new Date(query.from) });
    }
    if (query.to) {
      q.andWhere('a.created_at < :to', { to: new Date(query.to) });
    }
    if (query.cursor) {
      const cursor = decodeCursor(query.cursor);
      q.andWhere('(a.created_at, a.id) < (:at, :id)', { at: cursor.at, id: cursor.id });
    }
    const rows = await q.limit(limit + 1).getMany();
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return {
      items: items.map(toAuditEntryDto),
      nextCursor: rows.length > limit && last ? encodeCursor({ at: last.createdAt, id: last.id }) : null,
    };
  }
}
