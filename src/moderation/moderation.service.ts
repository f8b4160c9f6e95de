import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AuthUser, hasRole } from '../common/auth/auth-user';
import { Role } from '../common/auth/role';
import { decodeCursor, encodeCursor } from '../common/http/cursor';
import { Locale } from '../common/i18n/locale';
import { resolveName } from '../common/i18n/localized-name';
import { OutboxService } from '../notifications/outbox.service';
import { CatalogCache } from '../common/catalog-cache/catalog-cache';
import { PracticeDecisionDto } from '../practices/dto/practice-input.dto';
import { PracticeDto } from '../practices/dto/practice.dto';
import { Practice } from '../practices/entities/practice.entity';
import { PracticeAccess } from '../practices/practice-access';
import { changesCatalog, nextStatus, TRANSITIONS } from '../practices/practice-status';
import { PracticeErrors } from '../practices/practices.errors';
import { PracticesRepository } from '../practices/practices.repository';
import { PracticesService } from '../practices/practices.service';
import { UsersRepository } from '../users/users.repository';
import { QueuePageDto, QueueQueryDto } from './dto/queue.dto';
import { ModerationQueueRepository } from './moderation-queue.repository';

/** Email variables for the author, per decision. */
const DECISION_FLAG: Partial<Record<PracticeDecisionDto['action'], string>> = {
  approve: 'approved',
  reject: 'rejected',
  request_changes: 'changesRequested',
};

/** The moderation queue and moderators' decisions on practices. */
@Injectable()
export class ModerationService {
  private readonly logger = new Logger(ModerationService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly queue: ModerationQueueRepository,
    private readonly access: PracticeAccess,
    private readonly practices: PracticesRepository,
    private readonly practiceViews: PracticesService,
    private readonly users: UsersRepository,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly catalog: CatalogCache,
  ) {}

  async listQueue(query: QueueQueryDto, locale: Locale): Promise<QueuePageDto> {
    const limit = query.limit ?? 50;
    const [rows, counts] = await Promise.all([
      this.queue.page(query.kind, limit, query.cursor ? decodeCursor(query.cursor) : undefined),
      this.queue.counts(),
    ]);
    const items = rows.slice(0, limit).map((row) => ({
      kind: row.kind,
      id: row.id,
      title: row.title,
      municipalityId: row.municipality_id,
      municipalityName: resolveName({ nameKy: row.m_ky, nameRu: row.m_ru, nameEn: row.m_en }, locale),
      status: row.status,
      claimedBy: row.claimed_by,
      contestId: row.contest_id,
      waitingSince: row.waiting_since,
    }));
    const last = items[items.length - 1];
    return {
      counts,
      items,
      nextCursor: rows.length > limit && last ? encodeCursor({ at: last.waitingSince, id: last.id }) : null,
    };
  }

  async decide(
    moderator: AuthUser,
    practiceId: string,
    decision: PracticeDecisionDto,
    locale: Locale,
  ): Promise<PracticeDto> {
    if (TRANSITIONS[decision.action].needsReason && !decision.reason) {
      throw PracticeErrors.reasonRequired();
    }
    await this.dataSource.transaction(async (manager) => {
      const practice = await this.access.requireModeratableForUpdate(manager, moderator, practiceId);
      const to = nextStatus(practice.status, decision.action);
      if (!to) {
        throw PracticeErrors.wrongStatus(practice.status, decision.action);
      }
      if (
        practice.status === 'in_review' &&
        practice.claimedBy !== moderator.id &&
        !hasRole(moderator, Role.Admin)
      ) {
        throw PracticeErrors.claimedByOther();
      }
      await this.practices.update(manager, practice.id, {
        status: to,
        claimedBy: decision.action === 'claim' ? moderator.id : null,
        ...(to === 'published' && { publishedAt: new Date() }),
      });
      await this.practices.recordTransition(manager, {
        practiceId: practice.id,
        action: decision.action,
        fromStatus: practice.status,
        toStatus: to,
        actorId: moderator.id,
        reason: decision.reason ?? null,
      });
      await this.audit.record(manager, {
        actorId: moderator.id,
        action: `practice.${decision.action}`,
        objectType: 'practice',
        objectId: practice.id,
        reason: decision.reason,
        details: { from: practice.status, to },
      });
      await this.emailAuthor(manager, practice, decision);
    });
    if (changesCatalog(decision.action)) {
      this.catalog.clear(); // after the commit: a page read meanwhile must not outlive it
    }
    this.logger.log({ practiceId, action: decision.action }, `practice ${decision.action}`);
    return this.practiceViews.view(practiceId, locale);
  }

  private async emailAuthor(
    manager: EntityManager,
    practice: Practice,
    decision: PracticeDecisionDto,
  ): Promise<void> {
    const flag = DECISION_FLAG[decision.action];
    const author = flag ? await this.users.findById(practice.authorId, manager) : null;
    if (!flag || !author || author.blockedAt) {
      return;
    }
    await this.outbox.enqueue(manager, {
      to: author.email,
      locale: author.locale,
      template: 'practice-decided',
      vars: { fullName: author.fullName, title: practice.title, [flag]: true, reason: decision.reason },
      actionPath: '/',
    });
  }
}
