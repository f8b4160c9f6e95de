import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository, SelectQueryBuilder } from 'typeorm';
import { pgPool, Queryable } from '../database/pg-pool';
import { ContestEntry } from './entities/contest-entry.entity';
import { Contest } from './entities/contest.entity';
import { Nomination } from './entities/nomination.entity';

/** An entry and the attachment id of its practice's cover photo (null without one). */
export interface EntryWithCover {
  entry: ContestEntry;
  coverId: string | null;
}

/**
 * The cover is the practice's first photo, as in the catalog; only while the practice is published,
 * because visitors are refused the photos of any other (a link to it would show a broken image).
 */
const COVER_ID = `(SELECT a.id FROM practice_attachments a
  WHERE a.practice_id = p.id AND p.status = 'published' AND a.kind = 'image'
  ORDER BY a.created_at LIMIT 1)`;

/** Adds the practice, its municipality and the cover to entries selected as `e`, in the same query. */
async function withCover(query: SelectQueryBuilder<ContestEntry>): Promise<EntryWithCover[]> {
  const { entities, raw } = await query
    .leftJoinAndSelect('e.practice', 'p')
    .leftJoinAndSelect('p.municipality', 'm')
    .addSelect(COVER_ID, 'cover_id')
    .getRawAndEntities<{ e_id: string; cover_id: string | null }>();
  const covers = new Map(raw.map((row) => [row.e_id, row.cover_id]));
  return entities.map((entry) => ({ entry, coverId: covers.get(entry.id) ?? null }));
}

/** What casting, withdrawing and counting one's votes need of a contest: its rules and its schedule. */
export type VotingTerms = Pick<
  Contest,
  | 'id'
  | 'title'
  | 'votesPerVoter'
  | 'voterPolicy'
  | 'allowRetract'
  | 'entriesOpenAt'
  | 'entriesCloseAt'
  | 'votingOpensAt'
  | 'votingClosesAt'
  | 'resultsPublishedAt'
>;

/** What a cast needs of a contest up front: the voting window is checked by the cast statement itself. */
export type CastTerms = Pick<Contest, 'id' | 'title' | 'votesPerVoter' | 'voterPolicy'>;

const CAST_TERMS_SQL = `
  SELECT id, title, votes_per_voter AS "votesPerVoter", voter_policy AS "voterPolicy"
    FROM contests WHERE id = $1`;

const VOTING_TERMS_SQL = `
  SELECT id, title, votes_per_voter AS "votesPerVoter", voter_policy AS "voterPolicy",
         allow_retract AS "allowRetract", entries_open_at AS "entriesOpenAt",
         entries_close_at AS "entriesCloseAt", voting_opens_at AS "votingOpensAt",
         voting_closes_at AS "votingClosesAt", results_published_at AS "resultsPublishedAt"
    FROM contests WHERE id = $1`;

@Injectable()
export class ContestsRepository {
  constructor(
    private readonly dataSource: DataSource,
    @InjectRepository(Contest) private readonly contests: Repository<Contest>,
    @InjectRepository(Nomination) private readonly nominations: Repository<Nomination>,
    @InjectRepository(ContestEntry) private readonly entries: Repository<ContestEntry>,
  ) {}

  /**
   * The voting path's contest read (withdrawals, one's votes, a cast's refusal), straight on the `pg`
   * pool (src/database/pg-pool.ts) with only the columns it uses: TypeORM's entity read of the whole
   * row was a measured share of every vote.
   */
  async findVotingTerms(id: string): Promise<VotingTerms | undefined> {
    const { rows } = await pgPool(this.dataSource).query<VotingTerms>(VOTING_TERMS_SQL, [id]);
    return rows[0];
  }

  /**
   * The cast's contest read, on the client already checked out for its transaction (one checkout per
   * vote): without the schedule, whose five timestamps only a refused cast needs
   * (CAST_VOTE_SQL checks the window itself); parsing them was a measured share of every vote.
   */
  async findCastTerms(id: string, on: Queryable): Promise<CastTerms | undefined> {
    const { rows } = await on.query<CastTerms>(CAST_TERMS_SQL, [id]);
    return rows[0];
  }

  findById(id: string, manager?: EntityManager): Promise<Contest | null> {
    return (manager?.getRepository(Contest) ?? this.contests).findOneBy({ id });
  }

  findByIdForUpdate(manager: EntityManager, id: string): Promise<Contest | null> {
    return manager.getRepository(Contest).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  list(): Promise<Contest[]> {
    return this.contests.find({ order: { votingOpensAt: 'DESC' }, take: 200 });
  }

  nominationsOf(contestIds: string[]): Promise<Nomination[]> {
    return contestIds.length
      ? this.nominations
          .createQueryBuilder('n')
          .where('n.contest_id IN (:...contestIds)', { contestIds })
          .orderBy('n.position')
          .getMany()
      : Promise.resolve([]);
  }

  async hasVotes(manager: EntityManager, contestId: string): Promise<boolean> {
    const rows: unknown[] = await manager.query('SELECT 1 FROM votes WHERE contest_id = $1 LIMIT 1', [
      contestId,
    ]);
    return rows.length > 0;
  }

  findEntry(contestId: string, entryId: string, manager?: EntityManager): Promise<ContestEntry | null> {
    return (manager?.getRepository(ContestEntry) ?? this.entries).findOneBy({ id: entryId, contestId });
  }

  findEntryForUpdate(
    manager: EntityManager,
    contestId: string,
    entryId: string,
  ): Promise<ContestEntry | null> {
    return manager
      .getRepository(ContestEntry)
      .findOne({ where: { id: entryId, contestId }, lock: { mode: 'pessimistic_write' } });
  }

  /** Accepted entries with their practice, municipality and cover photo, by number: one query. */
  ballot(contestId: string): Promise<EntryWithCover[]> {
    return withCover(
      this.entries
        .createQueryBuilder('e')
        .where('e.contest_id = :contestId', { contestId })
        .andWhere(`e.status = 'accepted'`)
        .orderBy('e.number', 'ASC'),
    );
  }

  /** One entry with its practice, municipality and cover photo. */
  async entryWithCover(contestId: string, entryId: string): Promise<EntryWithCover | null> {
    const [found] = await withCover(
      this.entries
        .createQueryBuilder('e')
        .where('e.id = :entryId', { entryId })
        .andWhere('e.contest_id = :contestId', { contestId }),
    );
    return found ?? null;
  }

  /** Counted (not annulled) votes per entry: the truth is the votes table. */
  async tallies(contestId: string): Promise<Map<string, number>> {
    const rows: { entry_id: string; votes: number }[] = await this.contests.query(
      `SELECT entry_id, count(*)::int AS votes FROM votes WHERE contest_id = $1 AND annulled_at IS NULL GROUP BY entry_id`,
      [contestId],
    );
    return new Map(rows.map((row) => [row.entry_id, row.votes]));
  }
}
