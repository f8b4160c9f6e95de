import { Injectable, Logger } from '@nestjs/common';
import { DataSource, QueryFailedError } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AuthUser } from '../common/auth/auth-user';
import { Keyring } from '../common/crypto/keyring';
import { RateLimiter, rateRules } from '../common/rate-limit/rate-limiter.service';
import { AppConfig } from '../config/app-config';
import { contestPhase } from '../contests/contest-phase';
import { ContestErrors } from '../contests/contests.errors';
import { CastTerms, ContestsRepository, VotingTerms } from '../contests/contests.repository';
import { Queryable } from '../database/pg-pool';
import { resolveText } from '../contests/localized-text';
import { OutboxService } from '../notifications/outbox.service';
import { MyVotesDto, VoteReceiptDto } from './dto/vote.dto';
import { CastTransaction, InsertedVote, VotesRepository } from './votes.repository';
import { networkHash, userAgentHash, voterPseudonym } from './voting-keys';
import { VotingErrors } from './voting.errors';

export interface ClientSignals {
  address: string;
  userAgent: string | undefined;
}

const DAY_MS = 86_400_000;
const CHECK_VIOLATION = '23514';

/** The ballot's CHECK refused the vote: from pg directly (the cast) or through TypeORM. */
function isCheckViolation(error: unknown): boolean {
  const driverError = error instanceof QueryFailedError ? (error.driverError as unknown) : error;
  return (driverError as { code?: string } | null)?.code === CHECK_VIOLATION;
}

/**
 * Casting and retracting votes. The database decides: uniqueness by INSERT … ON CONFLICT DO NOTHING,
 * the per-voter limit by a CHECK on the voter's own ballot row (so only that voter's requests contend),
 * the voting window inside the INSERT itself. No per-entry counter is touched.
 */
@Injectable()
export class VotingService {
  private readonly logger = new Logger(VotingService.name);
  private readonly rules: ReturnType<typeof rateRules>;

  constructor(
    config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly contests: ContestsRepository,
    private readonly votes: VotesRepository,
    private readonly keyring: Keyring,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly rateLimiter: RateLimiter,
  ) {
    this.rules = rateRules(config);
  }

  async cast(
    voter: AuthUser,
    contestId: string,
    entryId: string,
    signals: ClientSignals,
  ): Promise<{ created: boolean; receipt: VoteReceiptDto }> {
    await this.rateLimiter.consume(this.rules.votesPerVoter, voter.id);
    // The contest is read on the cast's own pooled client, ahead of its transaction. The pseudonym
    // only once it exists: the keyring keeps a subkey per contest id it is asked about.
    const { contest, pseudonym, inserted } = await this.votes.castTransaction(
      async (tx, eligible: CastTerms) => {
        const ballotPseudonym = voterPseudonym(this.keyring, contestId, voter.id);
        return {
          contest: eligible,
          pseudonym: ballotPseudonym,
          inserted: await this.castOn(tx, eligible, voter, entryId, signals, ballotPseudonym),
        };
      },
      (client) => this.eligibleContest(contestId, voter, client),
    );
    if (inserted) {
      return {
        created: true,
        receipt: { voteId: inserted.id, entryId, castAt: inserted.cast_at, pseudonym },
      };
    }
    return { created: false, receipt: await this.existingOrRefusal(contest.id, entryId, voter, pseudonym) };
  }

  /** The contest, if this voter may vote in it at all (the voting window is the cast's own check). */
  private async eligibleContest(contestId: string, voter: AuthUser, client: Queryable): Promise<CastTerms> {
    const contest = await this.contests.findCastTerms(contestId, client);
    if (!contest) {
      throw ContestErrors.notFound();
    }
    if (contest.voterPolicy === 'verified' && !voter.voterVerified) {
      throw VotingErrors.notVerified();
    }
    return contest;
  }

  /** The cast's statements: the vote, then (if it is new) the ballot count and the receipt email. */
  private async castOn(
    tx: CastTransaction,
    contest: CastTerms,
    voter: AuthUser,
    entryId: string,
    signals: ClientSignals,
    pseudonym: string,
  ): Promise<InsertedVote | undefined> {
    const vote = await tx.insertVote({
      contestId: contest.id,
      entryId,
      voterId: voter.id,
      networkHash: networkHash(this.keyring, signals.address),
      userAgentHash: userAgentHash(this.keyring, signals.userAgent),
      accountAgeDays: Math.floor((Date.now() - voter.createdAt.getTime()) / DAY_MS),
    });
    if (!vote) {
      return undefined;
    }
    await tx.countBallot(contest.id, voter.id, contest.votesPerVoter).catch((error: unknown) => {
      if (isCheckViolation(error)) {
        throw VotingErrors.limitReached(contest.votesPerVoter ?? 0);
      }
      throw error;
    });
    await tx.queueEmail(
      this.outbox.render({
        to: voter.email,
        locale: voter.locale,
        template: 'vote-receipt',
        vars: {
          fullName: voter.fullName,
          contest: resolveText(contest.title, voter.locale),
          number: vote.number,
          title: vote.title,
          castAt: vote.cast_at.toISOString(),
          pseudonym,
        },
      }),
    );
    return vote;
  }

  async retract(voter: AuthUser, contestId: string, entryId: string): Promise<void> {
    const contest = await this.requireContest(contestId);
    const phase = contestPhase(contest);
    if (phase !== 'voting') {
      throw VotingErrors.votingClosed(phase);
    }
    if (!contest.allowRetract) {
      throw VotingErrors.retractNotAllowed();
    }
    await this.dataSource.transaction(async (manager) => {
      const voteId = await this.votes.deleteVote(manager, contestId, entryId, voter.id);
      if (!voteId) {
        throw VotingErrors.voteNotFound();
      }
      await this.votes.uncountBallot(manager, contestId, voter.id);
      await this.audit.record(manager, {
        actorId: voter.id,
        action: 'vote.retracted',
        objectType: 'vote',
        objectId: voteId,
        details: { contestId, entryId },
      });
    });
  }

  async myVotes(voter: AuthUser, contestId: string): Promise<MyVotesDto> {
    const contest = await this.requireContest(contestId);
    const rows = await this.votes.votesOf(contestId, voter.id);
    const used = rows.length;
    return {
      pseudonym: voterPseudonym(this.keyring, contestId, voter.id),
      votesUsed: used,
      votesLeft: contest.votesPerVoter === null ? null : Math.max(contest.votesPerVoter - used, 0),
      votes: rows.map((row) => ({
        voteId: row.id,
        entryId: row.entry_id,
        entryNumber: row.number,
        castAt: row.cast_at,
        annulled: row.annulled,
      })),
    };
  }

  async annul(admin: AuthUser, contestId: string, voteId: string, reason: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const contest = await this.contests.findByIdForUpdate(manager, contestId);
      if (!contest) {
        throw ContestErrors.notFound();
      }
      if (contest.resultsPublishedAt) {
        throw ContestErrors.published();
      }
      if (!(await this.votes.annul(manager, contestId, voteId, admin.id, reason))) {
        throw (await this.votes.exists(contestId, voteId))
          ? VotingErrors.alreadyAnnulled()
          : VotingErrors.voteNotFound();
      }
      await this.audit.record(manager, {
        actorId: admin.id,
        action: 'vote.annulled',
        objectType: 'vote',
        objectId: voteId,
        reason,
        details: { contestId },
      });
    });
    this.logger.log({ contestId, voteId }, 'vote annulled');
  }

  /**
   * Nothing was inserted: either the same vote exists (idempotent 200) or the cast is refused. The
   * schedule is read here, on this rarer path, to say why.
   */
  private async existingOrRefusal(contestId: string, entryId: string, voter: AuthUser, pseudonym: string) {
    const contest = await this.requireContest(contestId);
    const existing = await this.votes.findVote(contest.id, entryId, voter.id);
    const phase = contestPhase(contest);
    if (existing && phase === 'voting') {
      return { voteId: existing.id, entryId, castAt: existing.cast_at, pseudonym };
    }
    const entry = await this.contests.findEntry(contest.id, entryId);
    if (!entry) {
      throw ContestErrors.entryNotFound();
    }
    if (phase !== 'voting') {
      throw VotingErrors.votingClosed(phase);
    }
    throw VotingErrors.entryNotOnBallot();
  }

  private async requireContest(contestId: string): Promise<VotingTerms> {
    const contest = await this.contests.findVotingTerms(contestId);
    if (!contest) {
      throw ContestErrors.notFound();
    }
    return contest;
  }
}
