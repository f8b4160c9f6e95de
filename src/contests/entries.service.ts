import { Injectable, Logger } from '@nestjs/common';
import { createHmac } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AuthUser, hasRole } from '../common/auth/auth-user';
import { Role } from '../common/auth/role';
import { Keyring } from '../common/crypto/keyring';
import { Locale } from '../common/i18n/locale';
import { resolveName } from '../common/i18n/localized-name';
import { OutboxService } from '../notifications/outbox.service';
import { PracticeAccess } from '../practices/practice-access';
import { attachmentUrl } from '../practices/practice.mapper';
import { DecisionErrors } from '../common/decisions/decision.errors';
import { PracticesRepository } from '../practices/practices.repository';
import { StaffDecisions } from '../representatives/staff-decisions';
import { UsersRepository } from '../users/users.repository';
import { contestPhase } from './contest-phase';
import { ContestErrors } from './contests.errors';
import { ContestsRepository } from './contests.repository';
import { CreateEntryDto, EntryDecisionDto, EntryDto } from './dto/entry.dto';
import { ENTRY_TRANSITIONS, EntryStatus } from './entry-status';
import { ContestEntry } from './entities/contest-entry.entity';
import { Contest } from './entities/contest.entity';
import { resolveText } from './localized-text';
import { TallyCache } from './tally-cache';

/** Entries: representatives enter published practices, moderators accept (numbering them) or reject. */
@Injectable()
export class EntriesService {
  private readonly logger = new Logger(EntriesService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly contests: ContestsRepository,
    private readonly practices: PracticesRepository,
    private readonly access: PracticeAccess,
    private readonly users: UsersRepository,
    private readonly outbox: OutboxService,
    private readonly tallies: TallyCache,
    private readonly keyring: Keyring,
    private readonly decisions: StaffDecisions,
  ) {}

  async enter(caller: AuthUser, contestId: string, dto: CreateEntryDto, locale: Locale): Promise<EntryDto> {
    const entry = await this.dataSource.transaction(async (manager) => {
      const contest = await this.contests.findById(contestId, manager);
      if (!contest) {
        throw ContestErrors.notFound();
      }
      const phase = contestPhase(contest);
      if (phase !== 'accepting_entries') {
        throw ContestErrors.wrongPhase(phase);
      }
      const practice = await this.access.requireOwnerForUpdate(manager, caller, dto.practiceId);
      if (practice.status !== 'published') {
        throw ContestErrors.practiceNotPublished();
      }
      const nomination: unknown[] = await manager.query(
        'SELECT 1 FROM nominations WHERE id = $1 AND contest_id = $2',
        [dto.nominationId, contestId],
      );
      if (nomination.length === 0) {
        throw ContestErrors.unknownNomination();
      }
      const result = await manager
        .createQueryBuilder()
        .insert()
        .into(ContestEntry)
        .values({
          contestId,
          nominationId: dto.nominationId,
          practiceId: practice.id,
          submittedBy: caller.id,
        })
        .orIgnore()
        .returning('id')
        .execute();
      const id = (result.raw as { id: string }[])[0]?.id;
      if (!id) {
        throw ContestErrors.alreadyEntered();
      }
      return id;
    });
    this.logger.log({ contestId, entryId: entry }, 'practice entered');
    return this.entry(contestId, entry, locale, caller);
  }

  async decide(
    moderator: AuthUser,
    contestId: string,
    entryId: string,
    dto: EntryDecisionDto,
    locale: Locale,
  ) {
    await this.dataSource.transaction(async (manager) => {
      const { item, status } = await this.decisions.decide(manager, moderator, {
        table: ENTRY_TRANSITIONS,
        action: dto.action,
        reason: dto.reason,
        lock: async () => {
          const contest = await this.lockContestForDecision(manager, contestId);
          const entry = await this.contests.findEntryForUpdate(manager, contestId, entryId);
          const practice = entry && (await this.practices.findById(entry.practiceId, manager));
          return entry && practice ? { contest, entry, practice } : null;
        },
        facts: ({ entry, practice }) => ({
          id: entry.id,
          status: entry.status,
          requesterId: entry.submittedBy,
          municipalityId: practice.municipalityId,
        }),
        errors: {
          notFound: ContestErrors.entryNotFound,
          ownRequest: DecisionErrors.ownMunicipality, // the submitter represents the entry's municipality
          alreadyDecided: ContestErrors.entryDecided,
        },
        apply: async ({ contest, entry }, next, decision) => {
          // Acceptance numbers entries in order, one at a time: the contest row is locked.
          const number = next === 'accepted' ? contest.lastEntryNumber + 1 : null;
          if (number) {
            await manager.getRepository(Contest).update({ id: contestId }, { lastEntryNumber: number });
          }
          await manager
            .getRepository(ContestEntry)
            .update({ id: entry.id }, { status: next, number, decision });
          return { number };
        },
        audit: {
          objectType: 'contest_entry',
          prefix: 'entry',
          details: ({ entry }) => ({ contestId, practiceId: entry.practiceId }),
        },
      });
      await this.emailRepresentative(
        manager,
        item.entry,
        item.contest,
        status,
        dto.reason,
        item.practice.title,
      );
    });
    return this.entry(contestId, entryId, locale, moderator);
  }

  /** The contest locked first (entries are numbered one at a time), while entries may be decided. */
  private async lockContestForDecision(manager: EntityManager, contestId: string): Promise<Contest> {
    const contest = await this.contests.findByIdForUpdate(manager, contestId);
    if (!contest) {
      throw ContestErrors.notFound();
    }
    const phase = contestPhase(contest);
    if (!['accepting_entries', 'reviewing'].includes(phase)) {
      throw ContestErrors.wrongPhase(phase);
    }
    return contest;
  }

  /**
   * The ballot: accepted entries. While voting is open a signed-in voter sees them in an order
   * shuffled for them alone (stable across requests); counts only where the contest allows.
   */
  async ballot(caller: AuthUser | undefined, contestId: string, locale: Locale): Promise<EntryDto[]> {
    const contest = await this.contests.findById(contestId);
    if (!contest) {
      throw ContestErrors.notFound();
    }
    const [entries, counts] = await Promise.all([
      this.contests.ballot(contestId),
      this.visibleCounts(contest),
    ]);
    const dtos = entries.map(({ entry, coverId }) =>
      toEntryDto(entry, coverId, locale, counts?.get(entry.id) ?? (counts ? 0 : undefined)),
    );
    if (caller && contestPhase(contest) === 'voting') {
      const key = this.keyring.subkey(`ballot-order:${contestId}`);
      const order = (id: string) => createHmac('sha256', key).update(`${caller.id}:${id}`).digest('hex');
      return dtos.sort((a, b) => order(a.id).localeCompare(order(b.id)));
    }
    return dtos;
  }

  /** Accepted entries are public; a pending or rejected one only to moderators and its representative. */
  async entry(contestId: string, entryId: string, locale: Locale, caller?: AuthUser): Promise<EntryDto> {
    const contest = await this.contests.findById(contestId);
    const found = await this.contests.entryWithCover(contestId, entryId);
    if (!contest || !found || !(await this.canSee(caller, found.entry))) {
      throw ContestErrors.entryNotFound();
    }
    const { entry, coverId } = found;
    const counts = entry.status === 'accepted' ? await this.visibleCounts(contest) : undefined;
    return toEntryDto(entry, coverId, locale, counts ? (counts.get(entry.id) ?? 0) : undefined);
  }

  /** The municipality's representatives are its owners, whichever of them submitted it. */
  private async canSee(caller: AuthUser | undefined, entry: ContestEntry): Promise<boolean> {
    if (entry.status === 'accepted') {
      return true;
    }
    if (!caller) {
      return false;
    }
    return (
      hasRole(caller, Role.Moderator) ||
      (entry.practice !== undefined && (await this.access.isOwner(caller, entry.practice)))
    );
  }

  /** Counts stay hidden everywhere until publication unless the contest shows live counts. */
  private async visibleCounts(contest: Contest): Promise<Map<string, number> | undefined> {
    const phase = contestPhase(contest);
    if (phase === 'results_published' || (contest.showLiveCounts && ['voting', 'counting'].includes(phase))) {
      return this.tallies.get(contest.id);
    }
    return undefined;
  }

  private async emailRepresentative(
    manager: EntityManager,
    entry: ContestEntry,
    contest: Contest,
    status: EntryStatus,
    reason: string | undefined,
    practiceTitle: string,
  ): Promise<void> {
    const author = await this.users.findById(entry.submittedBy, manager);
    if (!author) {
      return;
    }
    await this.outbox.enqueue(manager, {
      to: author.email,
      locale: author.locale,
      template: 'entry-decided',
      vars: {
        fullName: author.fullName,
        title: practiceTitle,
        contest: resolveText(contest.title, author.locale),
        [status]: true,
        reason,
      },
      actionPath: '/',
    });
  }
}

function toEntryDto(
  entry: ContestEntry,
  coverId: string | null,
  locale: Locale,
  votes: number | undefined,
): EntryDto {
  const municipality = entry.practice?.municipality;
  return {
    id: entry.id,
    contestId: entry.contestId,
    nominationId: entry.nominationId,
    status: entry.status,
    number: entry.number,
    practice: { id: entry.practiceId, name: entry.practice?.title ?? '' },
    municipality: { id: municipality?.id ?? '', name: municipality ? resolveName(municipality, locale) : '' },
    thumbnailUrl: coverId ? attachmentUrl(entry.practiceId, coverId, true) : null,
    reason: entry.decision.reason,
    ...(votes !== undefined && { votes }),
  };
}
