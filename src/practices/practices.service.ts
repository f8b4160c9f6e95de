import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuthUser, hasRole } from '../common/auth/auth-user';
import { Role } from '../common/auth/role';
import { Locale } from '../common/i18n/locale';
import { resolveName } from '../common/i18n/localized-name';
import { violatedUniqueIndex } from '../database/unique-violation';
import { GeographyRepository } from '../geography/geography.repository';
import { OutboxService } from '../notifications/outbox.service';
import { StaffNotifier } from '../notifications/staff-notifier';
import { RepresentativesRepository } from '../representatives/representatives.repository';
import { UsersRepository } from '../users/users.repository';
import { CreatePracticeDto, StartPracticeDto, UpdatePracticeDto } from './dto/practice-input.dto';
import { HistoryEntryDto, PracticeDto, PracticeSummaryDto, RevisionDto } from './dto/practice.dto';
import { Practice } from './entities/practice.entity';
import { contentOf } from './practice-content';
import { PracticeAccess } from './practice-access';
import { toPracticeDto, toPracticeSummary } from './practice.mapper';
import { EDITABLE_STATUSES, nextStatus, OwnerAction, PracticeAction } from './practice-status';
import { PracticeErrors } from './practices.errors';
import { PracticesRepository } from './practices.repository';
import { ViewCounter, Viewer } from './view-counter';

/** A municipality's own work on its practices: drafts, edits, submit, withdraw, history. */
@Injectable()
export class PracticesService {
  private readonly logger = new Logger(PracticesService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly practices: PracticesRepository,
    private readonly access: PracticeAccess,
    private readonly representatives: RepresentativesRepository,
    private readonly geography: GeographyRepository,
    private readonly users: UsersRepository,
    private readonly outbox: OutboxService,
    private readonly staff: StaffNotifier,
    private readonly views: ViewCounter,
  ) {}

  async create(
    caller: AuthUser,
    dto: CreatePracticeDto,
    locale: Locale,
    draftKey: string | null = null,
  ): Promise<PracticeDto> {
    const municipalityId = await this.chooseMunicipality(caller, dto.municipalityId);
    const municipality = await this.geography.findMunicipality(municipalityId);
    if (!municipality) {
      throw PracticeErrors.notYourMunicipality();
    }
    assertYears(dto.startYear, dto.endYear ?? null);
    const id = await this.dataSource.transaction(async (manager) => {
      await this.assertCategory(manager, dto.categoryId);
      const { municipalityId: _ignored, ...content } = dto;
      const practiceId = await this.practices.insert(manager, {
        ...content,
        endYear: dto.endYear ?? null,
        contactPhone: dto.contactPhone ?? null,
        contactEmail: dto.contactEmail ?? null,
        tags: normalizeTags(dto.tags),
        draftKey,
        municipalityId,
        regionId: municipality.regionId,
        districtId: municipality.districtId,
        authorId: caller.id,
        status: 'draft',
      });
      await this.practices.recordTransition(manager, {
        practiceId,
        action: 'create',
        fromStatus: null,
        toStatus: 'draft',
        actorId: caller.id,
      });
      return practiceId;
    });
    this.logger.log({ practiceId: id, municipalityId }, 'practice drafted');
    return this.view(id, locale);
  }

  /**
   * A draft from the website's first section: the texts not asked yet are empty until their
   * sections are saved, and submitting refuses the draft while one is still empty. The form's
   * one-time key makes a second post of the same form return the first post's draft.
   */
  async startDraft(
    caller: AuthUser,
    dto: StartPracticeDto,
    locale: Locale,
    draftKey: string,
  ): Promise<PracticeDto> {
    const earlier = await this.practices.findByDraftKey(caller.id, draftKey);
    if (earlier) {
      return this.view(earlier.id, locale);
    }
    try {
      return await this.create(caller, { ...LATER_TEXTS, ...dto }, locale, draftKey);
    } catch (error) {
      // Both posts passed the look-up at once: the unique index let one insert through.
      const winner =
        violatedUniqueIndex(error) === 'practices_draft_key'
          ? await this.practices.findByDraftKey(caller.id, draftKey)
          : null;
      if (!winner) {
        throw error;
      }
      return this.view(winner.id, locale);
    }
  }

  /** A practice of one of the caller's municipalities, in any status; anything else is a 404. */
  async readOwn(caller: AuthUser, id: string, locale: Locale): Promise<PracticeDto> {
    const practice = await this.practices.findById(id);
    if (!practice || !(await this.access.isOwner(caller, practice))) {
      throw PracticeErrors.notFound();
    }
    return this.view(id, locale);
  }

  async read(caller: AuthUser | undefined, id: string, locale: Locale, viewer: Viewer): Promise<PracticeDto> {
    const practice = await this.access.requireReadable(caller, id);
    if (practice.status === 'published' && !(await this.access.isOwner(caller, practice))) {
      this.views.count(practice.id, viewer);
    }
    return this.view(id, locale);
  }

  /**
   * An archived practice as the website's "archived" page shows it (title and municipality): published
   * results keep linking to it, so it must not become a 404. Any other unreadable status is a 404.
   */
  async archived(id: string, locale: Locale): Promise<PracticeDto> {
    const practice = await this.practices.findById(id);
    if (practice?.status !== 'archived') {
      throw PracticeErrors.notFound();
    }
    return this.view(id, locale);
  }

  async mine(caller: AuthUser, locale: Locale): Promise<PracticeSummaryDto[]> {
    const municipalityIds = await this.representatives.municipalityIdsOf(caller.id);
    return (await this.practices.ofMunicipalities(municipalityIds)).map((p) => toPracticeSummary(p, locale));
  }

  async update(caller: AuthUser, id: string, dto: UpdatePracticeDto, locale: Locale): Promise<PracticeDto> {
    await this.dataSource.transaction(async (manager) => {
      const practice = await this.access.requireOwnerForUpdate(manager, caller, id);
      if (!EDITABLE_STATUSES.includes(practice.status)) {
        throw PracticeErrors.wrongStatus(practice.status, 'edit');
      }
      if (practice.version !== dto.version) {
        throw PracticeErrors.staleVersion();
      }
      const { version, ...changes } = dto;
      if (changes.categoryId) {
        await this.assertCategory(manager, changes.categoryId);
      }
      assertYears(
        changes.startYear ?? practice.startYear,
        changes.endYear === undefined ? practice.endYear : changes.endYear,
      );
      const applied = await this.practices.updateIfCurrent(manager, id, version, EDITABLE_STATUSES, {
        ...changes,
        ...(changes.tags && { tags: normalizeTags(changes.tags) }),
      });
      if (!applied) {
        throw PracticeErrors.staleVersion();
      }
    });
    return this.view(id, locale);
  }

  async transition(caller: AuthUser, id: string, action: OwnerAction, locale: Locale): Promise<PracticeDto> {
    await this.dataSource.transaction(async (manager) => {
      const practice = await this.access.requireOwnerForUpdate(manager, caller, id);
      const to = nextStatus(practice.status, action);
      if (!to) {
        throw PracticeErrors.wrongStatus(practice.status, action);
      }
      if (action === 'submit') {
        await this.submit(manager, caller, practice);
      } else {
        await this.practices.update(manager, id, { status: to });
      }
      await this.recordTransition(manager, practice, action, to, caller.id);
    });
    this.logger.log({ practiceId: id, action }, `practice ${action}`);
    return this.view(id, locale);
  }

  async history(caller: AuthUser, id: string): Promise<HistoryEntryDto[]> {
    await this.requireOwnerOrModerator(caller, id);
    const rows = await this.practices.history(id);
    return rows.map((row) => ({
      action: row.action,
      fromStatus: row.fromStatus,
      toStatus: row.toStatus,
      actor: { id: row.actorId, name: row.actorName },
      reason: row.reason,
      at: row.createdAt,
    }));
  }

  async revisions(caller: AuthUser, id: string): Promise<RevisionDto[]> {
    await this.requireOwnerOrModerator(caller, id);
    const rows = await this.practices.revisionsOf(id);
    return rows.map((row) => ({
      revision: row.revision,
      submittedAt: row.submittedAt,
      submittedBy: { id: row.submittedBy, name: row.submitterName },
      content: row.content as unknown as Record<string, unknown>,
    }));
  }

  /** Revisions and history belong to the people who work on the practice, not to the public. */
  private async requireOwnerOrModerator(caller: AuthUser, id: string): Promise<Practice> {
    const practice = await this.access.requireReadable(caller, id);
    const isModerator = practice.firstSubmittedAt !== null && hasRole(caller, Role.Moderator);
    if (!isModerator && !(await this.access.isOwner(caller, practice))) {
      throw PracticeErrors.notFound();
    }
    return practice;
  }

  private async submit(manager: EntityManager, caller: AuthUser, practice: Practice): Promise<void> {
    const empty = LATER_FIELDS.filter((field) => practice[field].trim() === '');
    if (empty.length > 0) {
      throw PracticeErrors.incomplete(empty);
    }
    const revision = practice.revision + 1;
    const now = new Date();
    await this.practices.insertRevision(manager, {
      practiceId: practice.id,
      revision,
      content: contentOf(practice),
      submittedBy: caller.id,
    });
    await this.practices.update(manager, practice.id, {
      status: 'submitted',
      revision,
      submittedAt: now,
      firstSubmittedAt: practice.firstSubmittedAt ?? now,
      claimedBy: null,
    });
    await this.notifySubmission(manager, caller, practice, revision);
  }

  private async notifySubmission(
    manager: EntityManager,
    caller: AuthUser,
    practice: Practice,
    revision: number,
  ) {
    const author = await this.users.findById(caller.id, manager);
    if (author) {
      await this.outbox.enqueue(manager, {
        to: author.email,
        locale: author.locale,
        template: 'practice-submitted',
        vars: { fullName: author.fullName, title: practice.title, revision },
      });
    }
    const municipality = await this.geography.findMunicipality(practice.municipalityId);
    await this.staff.notifyModerators(manager, 'practice-awaiting-review', (locale) => ({
      title: practice.title,
      revision,
      municipalityName: municipality ? resolveName(municipality, locale) : '',
    }));
  }

  private recordTransition(
    manager: EntityManager,
    practice: Practice,
    action: PracticeAction,
    to: Practice['status'],
    actorId: string,
    reason: string | null = null,
  ): Promise<void> {
    return this.practices.recordTransition(manager, {
      practiceId: practice.id,
      action,
      fromStatus: practice.status,
      toStatus: to,
      actorId,
      reason,
    });
  }

  private async chooseMunicipality(caller: AuthUser, requested: string | undefined): Promise<string> {
    const represented = await this.representatives.municipalityIdsOf(caller.id);
    if (represented.length === 0) {
      throw PracticeErrors.notARepresentative();
    }
    if (requested) {
      if (!represented.includes(requested)) {
        throw PracticeErrors.notYourMunicipality();
      }
      return requested;
    }
    if (represented.length > 1) {
      throw PracticeErrors.municipalityRequired();
    }
    return represented[0];
  }

  private async assertCategory(manager: EntityManager, categoryId: string): Promise<void> {
    const rows: unknown[] = await manager.query('SELECT 1 FROM categories WHERE id = $1', [categoryId]);
    if (rows.length === 0) {
      throw PracticeErrors.unknownCategory();
    }
  }

  async view(id: string, locale: Locale): Promise<PracticeDto> {
    const [practice, attachments] = await Promise.all([
      this.practices.findWithNames(id),
      this.practices.attachmentsOf(id),
    ]);
    if (!practice) {
      throw PracticeErrors.notFound();
    }
    return toPracticeDto(practice, attachments, locale);
  }
}

/** The texts a website draft may leave empty until their sections are written (see startDraft). */
const LATER_TEXTS = {
  problem: '',
  solution: '',
  results: '',
  resources: '',
  replicability: '',
  contactName: '',
};
const LATER_FIELDS = Object.keys(LATER_TEXTS) as (keyof typeof LATER_TEXTS)[];

function assertYears(startYear: number, endYear: number | null): void {
  if (endYear !== null && endYear < startYear) {
    throw PracticeErrors.endBeforeStart();
  }
}

function normalizeTags(tags: string[] | undefined): string[] {
  return Array.from(new Set((tags ?? []).map((tag) => tag.trim().toLowerCase()).filter(Boolean)));
}
