import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuthUser, hasRole } from '../common/auth/auth-user';
import { Role } from '../common/auth/role';
import { contestPhase } from '../contests/contest-phase';
import { ContestErrors } from '../contests/contests.errors';
import { ContestsRepository } from '../contests/contests.repository';
import { VotingErrors } from './voting.errors';

const WINDOW = '10 minutes';
const CLUSTER_MIN_VOTERS = 5;
const YOUNG_ACCOUNT_DAYS = 2;
const BURST_MIN_VOTES = 20;

export class NetworkClusterDto {
  @ApiProperty({ description: 'First characters of the keyed network hash (never the address)' })
  network!: string;

  @ApiProperty()
  windowStart!: Date;

  @ApiProperty()
  voters!: number;

  @ApiProperty({ type: [String], description: 'Ids of the votes, for annulment' })
  voteIds!: string[];
}

export class YoungAccountVoteDto {
  @ApiProperty({ format: 'uuid' })
  voteId!: string;

  @ApiPropertyOptional({ description: 'Before publication: admins only (a partial tally per entry)' })
  entryNumber?: number;

  @ApiProperty()
  accountAgeDays!: number;

  @ApiProperty()
  castAt!: Date;
}

export class BurstDto {
  @ApiProperty()
  entryNumber!: number;

  @ApiProperty()
  windowStart!: Date;

  @ApiProperty()
  votes!: number;
}

export class SignalsDto {
  @ApiProperty({
    type: [NetworkClusterDto],
    description: `≥ ${CLUSTER_MIN_VOTERS} voters from one network within ${WINDOW}`,
  })
  networkClusters!: NetworkClusterDto[];

  @ApiProperty({
    type: [YoungAccountVoteDto],
    description: `Votes from accounts younger than ${YOUNG_ACCOUNT_DAYS} days`,
  })
  youngAccounts!: YoungAccountVoteDto[];

  @ApiPropertyOptional({
    type: [BurstDto],
    description: `≥ ${BURST_MIN_VOTES} votes for one entry within ${WINDOW}. Before publication: admins only`,
  })
  bursts?: BurstDto[];
}

/** One vote as an admin deciding on annulment sees it (never the voter, nor a raw hash). */
export interface AdminVoteView {
  id: string;
  entryNumber: number;
  castAt: Date;
  accountAgeDays: number;
  annulledAt: Date | null;
  annulReason: string | null;
}

/**
 * Fraud signals for moderators: what deserves a look before an admin annuls anything. Per-entry
 * figures (bursts, the entries young accounts chose) are partial tallies, hidden until publication
 * like every count; before it only admins, who decide annulments, see them.
 */
@Injectable()
export class SignalsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly contests: ContestsRepository,
  ) {}

  async signals(caller: AuthUser, contestId: string): Promise<SignalsDto> {
    const contest = await this.contests.findById(contestId);
    if (!contest) {
      throw ContestErrors.notFound();
    }
    const perEntry = hasRole(caller, Role.Admin) || contestPhase(contest) === 'results_published';
    const [clusters, young, bursts] = await Promise.all([
      this.dataSource.query<{ network: string; window_start: Date; voters: number; vote_ids: string[] }[]>(
        `SELECT left(network_hash, 12) AS network, date_bin('${WINDOW}', cast_at, 'epoch') AS window_start,
                count(DISTINCT voter_id)::int AS voters, (array_agg(id ORDER BY cast_at))[1:200] AS vote_ids
           FROM votes WHERE contest_id = $1 AND network_hash IS NOT NULL AND annulled_at IS NULL
          GROUP BY network_hash, window_start HAVING count(DISTINCT voter_id) >= $2
          ORDER BY voters DESC LIMIT 50`,
        [contestId, CLUSTER_MIN_VOTERS],
      ),
      this.dataSource.query<{ id: string; number: number; account_age_days: number; cast_at: Date }[]>(
        `SELECT v.id, e.number, v.account_age_days, v.cast_at FROM votes v JOIN contest_entries e ON e.id = v.entry_id
          WHERE v.contest_id = $1 AND v.account_age_days < $2 AND v.annulled_at IS NULL ORDER BY v.cast_at LIMIT 500`,
        [contestId, YOUNG_ACCOUNT_DAYS],
      ),
      perEntry ? this.bursts(contestId) : undefined,
    ]);
    return {
      networkClusters: clusters.map((c) => ({
        network: c.network,
        windowStart: c.window_start,
        voters: c.voters,
        voteIds: c.vote_ids,
      })),
      youngAccounts: young.map((y) => ({
        voteId: y.id,
        ...(perEntry && { entryNumber: y.number }),
        accountAgeDays: y.account_age_days,
        castAt: y.cast_at,
      })),
      ...(bursts && { bursts }),
    };
  }

  private async bursts(contestId: string): Promise<BurstDto[]> {
    const rows = await this.dataSource.query<{ number: number; window_start: Date; votes: number }[]>(
      `SELECT e.number, date_bin('${WINDOW}', v.cast_at, 'epoch') AS window_start, count(*)::int AS votes
           FROM votes v JOIN contest_entries e ON e.id = v.entry_id
          WHERE v.contest_id = $1 AND v.annulled_at IS NULL
          GROUP BY e.number, window_start HAVING count(*) >= $2 ORDER BY votes DESC LIMIT 50`,
      [contestId, BURST_MIN_VOTES],
    );
    return rows.map((b) => ({ entryNumber: b.number, windowStart: b.window_start, votes: b.votes }));
  }

  /** A vote of this contest, for the admin's annulment page; 404 for a vote of another contest. */
  async vote(contestId: string, voteId: string): Promise<AdminVoteView> {
    const [vote] = await this.adminVotes(contestId, 'v.id = $2', [voteId]);
    if (!vote) {
      throw VotingErrors.voteNotFound();
    }
    return vote;
  }

  /** The votes an admin annulled, latest first: they stay in the ledger, flagged and uncounted. */
  annulledVotes(contestId: string): Promise<AdminVoteView[]> {
    return this.adminVotes(contestId, 'v.annulled_at IS NOT NULL', [], 'v.annulled_at DESC LIMIT 200');
  }

  private async adminVotes(
    contestId: string,
    condition: string,
    params: unknown[],
    order = 'v.cast_at',
  ): Promise<AdminVoteView[]> {
    const rows = await this.dataSource.query<
      {
        id: string;
        number: number;
        cast_at: Date;
        account_age_days: number;
        annulled_at: Date | null;
        annul_reason: string | null;
      }[]
    >(
      `SELECT v.id, e.number, v.cast_at, v.account_age_days, v.annulled_at, v.annul_reason
         FROM votes v JOIN contest_entries e ON e.id = v.entry_id
        WHERE v.contest_id = $1 AND ${condition} ORDER BY ${order}`,
      [contestId, ...params],
    );
    return rows.map((row) => ({
      id: row.id,
      entryNumber: row.number,
      castAt: row.cast_at,
      accountAgeDays: row.account_age_days,
      annulledAt: row.annulled_at,
      annulReason: row.annul_reason,
    }));
  }
}
