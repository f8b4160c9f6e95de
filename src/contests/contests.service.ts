import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AuthUser } from '../common/auth/auth-user';
import { Locale } from '../common/i18n/locale';
import { contestPhase } from './contest-phase';
import { toContestDto } from './contest.mapper';
import { ContestErrors } from './contests.errors';
import { ContestsRepository } from './contests.repository';
import { ContestDto, CreateContestDto, UpdateContestDto } from './dto/contest.dto';
import { Contest } from './entities/contest.entity';
import { Nomination } from './entities/nomination.entity';
import { hasAnyLanguage } from './localized-text';

const DATE_FIELDS = ['entriesOpenAt', 'entriesCloseAt', 'votingOpensAt', 'votingClosesAt'] as const;
type DateField = (typeof DATE_FIELDS)[number];

/** Contests and their schedule: created and edited by admins, every change audited. */
@Injectable()
export class ContestsService {
  private readonly logger = new Logger(ContestsService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly contests: ContestsRepository,
    private readonly audit: AuditService,
  ) {}

  async list(locale: Locale): Promise<ContestDto[]> {
    const contests = await this.contests.list();
    const nominations = await this.contests.nominationsOf(contests.map((c) => c.id));
    return contests.map((contest) => toContestDto(contest, nominations, locale));
  }

  async get(id: string, locale: Locale): Promise<ContestDto> {
    const contest = await this.requireContest(id);
    return toContestDto(contest, await this.contests.nominationsOf([id]), locale);
  }

  async requireContest(id: string, manager?: EntityManager): Promise<Contest> {
    const contest = await this.contests.findById(id, manager);
    if (!contest) {
      throw ContestErrors.notFound();
    }
    return contest;
  }

  async create(admin: AuthUser, dto: CreateContestDto, locale: Locale): Promise<ContestDto> {
    for (const field of ['title', 'description', 'rules'] as const) {
      if (!hasAnyLanguage(dto[field])) {
        throw ContestErrors.textRequired(field);
      }
    }
    dto.nominations.forEach((n, i) => {
      if (!hasAnyLanguage(n.title)) {
        throw ContestErrors.textRequired(`nominations.${i}.title`);
      }
    });
    const schedule = Object.fromEntries(DATE_FIELDS.map((f) => [f, new Date(dto[f])])) as Record<
      DateField,
      Date
    >;
    assertOrdered(schedule);
    const id = await this.dataSource.transaction(async (manager) => {
      const contest = await manager.getRepository(Contest).save({
        title: dto.title,
        description: dto.description,
        rules: dto.rules,
        ...schedule,
        votesPerVoter: dto.votesPerVoter === undefined ? 1 : dto.votesPerVoter,
        voterPolicy: dto.voterPolicy ?? 'verified',
        showLiveCounts: dto.showLiveCounts ?? false,
        allowRetract: dto.allowRetract ?? true,
        createdBy: admin.id,
      });
      await manager.getRepository(Nomination).insert(
        dto.nominations.map((n, position) => ({
          contestId: contest.id,
          title: n.title,
          winnersCount: n.winnersCount,
          position,
        })),
      );
      await this.audit.record(manager, {
        actorId: admin.id,
        action: 'contest.created',
        objectType: 'contest',
        objectId: contest.id,
        details: { schedule, votesPerVoter: contest.votesPerVoter, voterPolicy: contest.voterPolicy },
      });
      return contest.id;
    });
    this.logger.log({ contestId: id }, 'contest created');
    return this.get(id, locale);
  }

  /**
   * Future dates may move (closing voting early included); a date already past stays put once votes
   * exist, so a closed window is never reopened; nothing changes after publication.
   */
  async update(admin: AuthUser, id: string, dto: UpdateContestDto, locale: Locale): Promise<ContestDto> {
    await this.dataSource.transaction(async (manager) => {
      const contest = await this.contests.findByIdForUpdate(manager, id);
      if (!contest) {
        throw ContestErrors.notFound();
      }
      const phase = contestPhase(contest);
      if (phase === 'results_published') {
        throw ContestErrors.published();
      }
      const changes = await this.scheduleChanges(manager, contest, dto);
      if (
        (dto.votesPerVoter !== undefined || dto.voterPolicy !== undefined) &&
        ['voting', 'counting'].includes(phase)
      ) {
        throw ContestErrors.settingsLocked();
      }
      for (const field of ['title', 'description', 'rules'] as const) {
        if (dto[field] !== undefined && !hasAnyLanguage(dto[field])) {
          throw ContestErrors.textRequired(field);
        }
      }
      const { entriesOpenAt: _a, entriesCloseAt: _b, votingOpensAt: _c, votingClosesAt: _d, ...rest } = dto;
      await manager.getRepository(Contest).update({ id }, { ...rest, ...changes });
      await this.audit.record(manager, {
        actorId: admin.id,
        action: 'contest.updated',
        objectType: 'contest',
        objectId: id,
        details: { changes: { ...rest, ...changes } },
      });
    });
    return this.get(id, locale);
  }

  private async scheduleChanges(manager: EntityManager, contest: Contest, dto: UpdateContestDto) {
    const now = Date.now();
    const changes: Partial<Record<DateField, Date>> = {};
    for (const field of DATE_FIELDS) {
      const value = dto[field];
      if (value !== undefined && new Date(value).getTime() !== contest[field].getTime()) {
        changes[field] = new Date(value);
      }
    }
    const movesThePast = Object.keys(changes).some((field) => contest[field as DateField].getTime() <= now);
    if (movesThePast && (await this.contests.hasVotes(manager, contest.id))) {
      const field = Object.keys(changes).find((f) => contest[f as DateField].getTime() <= now) as string;
      throw ContestErrors.closedWindow(field);
    }
    assertOrdered({ ...contest, ...changes });
    return changes;
  }
}

function assertOrdered(s: Record<DateField, Date>): void {
  const ordered =
    s.entriesOpenAt < s.entriesCloseAt &&
    s.entriesCloseAt <= s.votingOpensAt &&
    s.votingOpensAt < s.votingClosesAt;
  if (!ordered) {
    throw ContestErrors.windowsOutOfOrder();
  }
}
