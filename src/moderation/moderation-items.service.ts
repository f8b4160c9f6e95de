import { Injectable } from '@nestjs/common';
import { AuthUser } from '../common/auth/auth-user';
import { CommonErrors } from '../common/errors/domain-error';
import { Locale } from '../common/i18n/locale';
import { resolveName } from '../common/i18n/localized-name';
import { EntryDecisionDto } from '../contests/dto/entry.dto';
import { EntriesService } from '../contests/entries.service';
import { ContestErrors } from '../contests/contests.errors';
import { resolveText } from '../contests/localized-text';
import { GeographyRepository } from '../geography/geography.repository';
import { PracticeDecisionDto } from '../practices/dto/practice-input.dto';
import { PracticeDto } from '../practices/dto/practice.dto';
import { PracticeAccess } from '../practices/practice-access';
import { CONTENT_FIELDS, contentOf, PracticeContent } from '../practices/practice-content';
import { AWAITING_MODERATION } from '../practices/practice-status';
import { PracticesRepository } from '../practices/practices.repository';
import { PracticesService } from '../practices/practices.service';
import { MembershipDecisionDto } from '../representatives/dto/representative.dto';
import { RepresentativeErrors } from '../representatives/representatives.errors';
import { RepresentativesRepository } from '../representatives/representatives.repository';
import { RepresentativesService } from '../representatives/representatives.service';
import { VerificationDecisionDto, VerificationReviewDto } from '../verification/dto/verification.dto';
import { VerificationService } from '../verification/verification.service';
import { DECISION_ACTIONS } from './decision-actions';
import { QueueKind } from './dto/queue.dto';
import { ModerationItemsRepository, NamesRow } from './moderation-items.repository';
import { ModerationService } from './moderation.service';

const named = (row: NamesRow, locale: Locale) =>
  resolveName({ nameKy: row.m_ky, nameRu: row.m_ru, nameEn: row.m_en }, locale);

/** Why this moderator may look but not decide: another moderator must (PRODUCT §1). */
export type Conflict = 'own_municipality' | 'own_request' | null;

export interface ItemStanding {
  /** Still waiting for a decision. */
  pending: boolean;
  conflict: Conflict;
}

/** One field of a practice's text: its value in the revision under review and in the one before. */
export type ContentValue = PracticeContent[keyof PracticeContent] | null;

export interface FieldChange {
  field: keyof PracticeContent;
  value: ContentValue;
  /** Absent on a first submission (nothing to compare with). */
  previous?: ContentValue;
  changed: boolean;
}

export interface PracticeReview extends ItemStanding {
  practice: PracticeDto;
  revision: number;
  previousRevision: number | null;
  fields: FieldChange[];
  /** Category names by id, for a category that changed (a revision keeps only the id). */
  categoryNames: Record<string, string>;
  /** Another moderator claimed it (API `claim`): only they, or an admin, decide. */
  claimedByOther: boolean;
  /** What a moderator last asked to change (request_changes), to compare with the revision. */
  lastRequest: { reason: string | null; at: Date; by: string } | null;
}

export interface VerificationReview extends ItemStanding {
  verification: VerificationReviewDto;
  municipalityName: string;
}

export interface MembershipReview extends ItemStanding {
  id: string;
  status: string;
  fullName: string;
  email: string;
  registeredAt: Date;
  municipalityName: string;
  requestedAt: Date;
  decidedAt: Date | null;
  reason: string | null;
}

export interface EntryReview extends ItemStanding {
  id: string;
  status: string;
  number: number | null;
  contestId: string;
  contestTitle: string;
  nominationTitle: string;
  practice: { id: string; title: string; summary: string; status: string };
  municipalityName: string;
  submitterName: string;
  requestedAt: Date;
  decidedAt: Date | null;
  reason: string | null;
}

export interface ItemDecision {
  action: string;
  reason?: string;
}

/**
 * What the moderator's pages show of one queue item, and their decisions on it, for every kind: each
 * read says whether the item still waits and whether this moderator may decide it; each decision goes
 * to the kind's own service, which enforces the rules again under a lock.
 */
@Injectable()
export class ModerationItemsService {
  constructor(
    private readonly items: ModerationItemsRepository,
    private readonly moderation: ModerationService,
    private readonly access: PracticeAccess,
    private readonly practices: PracticesRepository,
    private readonly practiceViews: PracticesService,
    private readonly representatives: RepresentativesRepository,
    private readonly memberships: RepresentativesService,
    private readonly verifications: VerificationService,
    private readonly entries: EntriesService,
    private readonly geography: GeographyRepository,
  ) {}

  async practice(moderator: AuthUser, id: string, locale: Locale): Promise<PracticeReview> {
    const row = await this.access.requireReadable(moderator, id);
    if (row.firstSubmittedAt === null) {
      throw CommonErrors.notFound(); // an owner-moderator's own draft is not a queue item
    }
    const [practice, revisions, history] = await Promise.all([
      this.practiceViews.view(id, locale),
      this.practices.revisionsOf(id),
      this.practices.history(id),
    ]);
    const lastRequest = history.filter((step) => step.action === 'request_changes').pop();
    const [latest, before] = revisions; // newest first
    const current = latest ? latest.content : contentOf(row);
    const previous = before?.content as PracticeContent | undefined;
    const fields = CONTENT_FIELDS.map((field) => fieldChange(field, current, previous));
    return {
      pending: AWAITING_MODERATION.includes(row.status),
      conflict: (await this.access.isOwner(moderator, row)) ? 'own_municipality' : null,
      practice,
      revision: latest?.revision ?? row.revision,
      previousRevision: before?.revision ?? null,
      fields,
      categoryNames: await this.categoryNames([current.categoryId, previous?.categoryId], locale),
      claimedByOther: row.status === 'in_review' && row.claimedBy !== null && row.claimedBy !== moderator.id,
      lastRequest: lastRequest
        ? { reason: lastRequest.reason, at: lastRequest.createdAt, by: lastRequest.actorName }
        : null,
    };
  }

  async verification(moderator: AuthUser, id: string, locale: Locale): Promise<VerificationReview> {
    const verification = await this.verifications.review(id);
    const municipality = await this.geography.findMunicipality(verification.municipalityId);
    return {
      pending: verification.status === 'pending',
      conflict: await this.conflict(moderator, verification.userId, verification.municipalityId),
      verification,
      municipalityName: municipality ? resolveName(municipality, locale) : '',
    };
  }

  async membership(moderator: AuthUser, id: string, locale: Locale): Promise<MembershipReview> {
    const row = await this.items.membership(id);
    if (!row) {
      throw RepresentativeErrors.requestNotFound();
    }
    return {
      pending: row.status === 'pending',
      conflict: await this.conflict(moderator, row.user_id, row.municipality_id),
      id: row.id,
      status: row.status,
      fullName: row.full_name,
      email: row.email,
      registeredAt: row.registered_at,
      municipalityName: named(row, locale),
      requestedAt: row.requested_at,
      decidedAt: row.decided_at,
      reason: row.reason,
    };
  }

  async entry(moderator: AuthUser, id: string, locale: Locale): Promise<EntryReview> {
    const row = await this.items.entry(id);
    if (!row) {
      throw ContestErrors.entryNotFound();
    }
    return {
      pending: row.status === 'pending',
      // The submitter represents the entry's municipality: covered by the municipality check.
      conflict: await this.conflict(moderator, row.submitted_by, row.municipality_id),
      id: row.id,
      status: row.status,
      number: row.number,
      contestId: row.contest_id,
      contestTitle: resolveText(row.contest_title, locale),
      nominationTitle: resolveText(row.nomination_title, locale),
      practice: {
        id: row.practice_id,
        title: row.practice_title,
        summary: row.practice_summary,
        status: row.practice_status,
      },
      municipalityName: named(row, locale),
      submitterName: row.submitter_name,
      requestedAt: row.requested_at,
      decidedAt: row.decided_at,
      reason: row.reason,
    };
  }

  /** The municipalities this moderator represents: their items are shown, another moderator decides. */
  ownMunicipalities(moderator: AuthUser): Promise<string[]> {
    return this.representatives.municipalityIdsOf(moderator.id);
  }

  /** Decides through the kind's own service (which refuses a conflict, a decided item, a missing reason). */
  async decide(
    moderator: AuthUser,
    kind: QueueKind,
    id: string,
    decision: ItemDecision,
    locale: Locale,
  ): Promise<void> {
    if (!DECISION_ACTIONS[kind].some(({ action }) => action === decision.action)) {
      throw CommonErrors.validation([{ field: 'action', code: 'isIn', message: 'choose a decision' }]);
    }
    // The action is one of the kind's own (checked above), so each body is that kind's DTO.
    const { reason } = decision;
    switch (kind) {
      case 'practice': {
        const action = decision.action as PracticeDecisionDto['action'];
        await this.moderation.decide(moderator, id, { action, reason }, locale);
        return;
      }
      case 'voter_verification': {
        const action = decision.action as VerificationDecisionDto['action'];
        await this.verifications.decide(moderator, id, { action, reason });
        return;
      }
      case 'representative': {
        const action = decision.action as MembershipDecisionDto['action'];
        await this.memberships.decide(moderator, id, { action, reason });
        return;
      }
      case 'entry': {
        const row = await this.items.entry(id);
        if (!row) {
          throw ContestErrors.entryNotFound();
        }
        const action = decision.action as EntryDecisionDto['action'];
        await this.entries.decide(moderator, row.contest_id, id, { action, reason }, locale);
      }
    }
  }

  private async conflict(
    moderator: AuthUser,
    requesterId: string,
    municipalityId: string,
  ): Promise<Conflict> {
    if (requesterId === moderator.id) {
      return 'own_request';
    }
    return (await this.representatives.isRepresentative(moderator.id, municipalityId))
      ? 'own_municipality'
      : null;
  }

  private async categoryNames(ids: (string | undefined)[], locale: Locale): Promise<Record<string, string>> {
    const wanted = [...new Set(ids.filter((id): id is string => Boolean(id)))];
    const rows = await this.items.categoryNames(wanted);
    return Object.fromEntries(rows.map((row) => [row.id, named(row, locale)]));
  }
}

function fieldChange(
  field: keyof PracticeContent,
  current: PracticeContent,
  previous: PracticeContent | undefined,
): FieldChange {
  const value = current[field] ?? null;
  if (!previous) {
    return { field, value, changed: false };
  }
  const before = previous[field] ?? null;
  return { field, value, previous: before, changed: JSON.stringify(value) !== JSON.stringify(before) };
}
