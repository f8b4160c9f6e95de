import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { ContestEntry } from './entities/contest-entry.entity';
import { Contest } from './entities/contest.entity';
import { Nomination } from './entities/nomination.entity';

@Injectable()
export class ContestsRepository {
  constructor(
    @InjectRepository(Contest) private readonly contests: Repository<Contest>,
    @InjectRepository(Nomination) private readonly nominations: Repository<Nomination>,
    @InjectRepository(ContestEntry) private readonly entries: Repository<ContestEntry>,
  ) {}

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

  /** Accepted entries with their practice and municipality names, by number. */
  ballot(contestId: string): Promise<ContestEntry[]> {
    return this.entries.find({
      where: { contestId, status: 'accepted' },
      relations: { practice: { municipality: true } },
      order: { number: 'ASC' },
    });
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
