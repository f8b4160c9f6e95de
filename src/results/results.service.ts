import { Injectable, Logger } from '@nestjs/common';
import { createHash, Hash } from 'node:crypto';
import { Readable } from 'node:stream';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AuthUser } from '../common/auth/auth-user';
import { Keyring } from '../common/crypto/keyring';
import { DEFAULT_LOCALE } from '../common/i18n/locale';
import { resolveName } from '../common/i18n/localized-name';
import { contestPhase } from '../contests/contest-phase';
import { ContestErrors } from '../contests/contests.errors';
import { ContestsRepository } from '../contests/contests.repository';
import { ContestResult } from '../contests/entities/contest-result.entity';
import { Contest } from '../contests/entities/contest.entity';
import { Nomination } from '../contests/entities/nomination.entity';
import { resolveText } from '../contests/localized-text';
import { ByteRange, FileStorage } from '../storage/file-storage';
import { voterPseudonym } from '../voting/voting-keys';
import { VotingErrors } from '../voting/voting.errors';
import { NominationResultDto, RecountDto, ResultsDto } from './dto/results.dto';
import { csvField, ledgerChunks, LedgerVote } from './ledger';
import { rankNomination } from './ranking';
import { ResultsAnnouncer } from './results-announcer';
import { ResultsErrors } from './results.errors';
import { EntryTallyRow, ResultsRepository } from './results.repository';

export interface PublishedLedger {
  sha256: string;
  size: number;
  read(range?: ByteRange): Promise<Readable | Buffer>;
}

const LEDGER_CONTENT_TYPE = 'text/csv; charset=utf-8';

/** Where a contest's ledger is stored. The id is the contest row's own, never a caller's text. */
export function ledgerStorageKey(contestId: string): string {
  return `ledgers/${contestId}.csv`;
}

/**
 * Publication freezes the outcome: the ranking, the turnout, and the anonymised ledger whose SHA-256
 * anyone can check and recount from. Nothing about the contest changes afterwards.
 */
@Injectable()
export class ResultsService {
  private readonly logger = new Logger(ResultsService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly contests: ContestsRepository,
    private readonly results: ResultsRepository,
    private readonly keyring: Keyring,
    private readonly audit: AuditService,
    private readonly announcer: ResultsAnnouncer,
    private readonly storage: FileStorage,
  ) {}

  async publish(admin: AuthUser, contestId: string): Promise<ResultsDto> {
    await this.dataSource.transaction(async (manager) => {
      const contest = await this.contests.findByIdForUpdate(manager, contestId);
      if (!contest) {
        throw ContestErrors.notFound();
      }
      const phase = contestPhase(contest);
      if (phase !== 'counting') {
        throw phase === 'results_published' ? ContestErrors.published() : VotingErrors.votingClosed(phase);
      }
      const publishedAt = new Date();
      await this.results.allowLongStatements(manager);
      const nominations = await this.rank(manager, contest);
      const turnout = await this.results.turnout(manager, contestId);
      // Streamed from the votes to the file storage, hashed on the way: memory stays one batch.
      const ledgerKey = ledgerStorageKey(contest.id);
      const hash = createHash('sha256');
      const ledgerBytes = await this.storage.putStream(
        ledgerKey,
        hashed(this.ledgerFromVotes(manager, contest.id), hash),
        LEDGER_CONTENT_TYPE,
      );
      const ledgerSha256 = hash.digest('hex');
      const snapshot: ResultsDto = {
        contestId,
        publishedAt: publishedAt.toISOString(),
        nominations,
        turnout: {
          voters: turnout.voters,
          votes: turnout.votes,
          annulledVotes: turnout.annulled,
          verifiedNonVoters: turnout.idle_verified,
        },
        ledgerSha256,
      };
      await manager.getRepository(ContestResult).save(
        Object.assign(new ContestResult(), {
          contestId,
          publishedAt,
          publishedBy: admin.id,
          snapshot: snapshot as unknown as Record<string, unknown>,
          ledgerKey,
          ledgerBytes: String(ledgerBytes),
          ledgerCsv: null,
          ledgerSha256,
        }),
        { reload: false },
      );
      await manager.getRepository(Contest).update({ id: contestId }, { resultsPublishedAt: publishedAt });
      await this.audit.record(manager, {
        actorId: admin.id,
        action: 'contest.results_published',
        objectType: 'contest',
        objectId: contestId,
        details: { ledgerSha256, turnout: snapshot.turnout },
      });
    });
    this.logger.log({ contestId }, 'results published');
    // The contest's people are told after the commit, in batches of their own (ResultsAnnouncer).
    void this.announcer.kick();
    return this.get(contestId);
  }

  async get(contestId: string): Promise<ResultsDto> {
    return (await this.requireResult(contestId)).snapshot as unknown as ResultsDto;
  }

  /** Rendered from the frozen snapshot, so every publication gets today's formula neutralisation. */
  async resultsCsv(contestId: string): Promise<string> {
    const snapshot = (await this.requireResult(contestId)).snapshot as unknown as ResultsDto;
    return buildResultsCsv(snapshot.nominations);
  }

  /**
   * The published ledger: its digest and size at once, its bytes (whole or a range within `size`)
   * when `read` is called. A ledger not yet relocated from its row is served from there.
   */
  async ledger(contestId: string): Promise<PublishedLedger> {
    const result = await this.requireResult(contestId);
    const inRow = result.ledgerCsv === null ? undefined : Buffer.from(result.ledgerCsv, 'utf8');
    return {
      sha256: result.ledgerSha256,
      size: inRow ? inRow.length : Number(result.ledgerBytes),
      read: async (range) => {
        if (inRow) {
          return range ? inRow.subarray(range.start, range.end + 1) : inRow;
        }
        const body = await this.storage.getStream(result.ledgerKey as string, range);
        if (!body) {
          throw new Error(`The ledger of contest ${contestId} is missing from the file storage`);
        }
        return body;
      },
    };
  }

  /** Recomputes the tallies and the ledger from the raw votes and compares them with the snapshot. */
  async recount(contestId: string): Promise<RecountDto> {
    const published = await this.requireResult(contestId);
    const contest = await this.contests.findById(contestId);
    // One snapshot for the count and the ledger: both see the same votes.
    const recomputed = await this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      await this.results.allowLongStatements(manager);
      const nominations = await this.rank(manager, contest as Contest);
      const hash = createHash('sha256');
      for await (const chunk of hashed(this.ledgerFromVotes(manager, contestId), hash)) {
        void chunk; // only the digest is needed
      }
      return { nominations, ledgerSha256: hash.digest('hex') };
    });
    const snapshot = published.snapshot as unknown as ResultsDto;
    const differences: string[] = [];
    const key = (n: NominationResultDto) =>
      n.ranking.map((e) => `${e.entryNumber}:${e.votes}:${e.winner}`).join(',');
    recomputed.nominations.forEach((nomination, i) => {
      if (key(nomination) !== key(snapshot.nominations[i])) {
        differences.push(
          `nomination ${nomination.nominationId}: ${key(snapshot.nominations[i])} → ${key(nomination)}`,
        );
      }
    });
    const recomputedLedgerSha256 = recomputed.ledgerSha256;
    if (recomputedLedgerSha256 !== published.ledgerSha256) {
      differences.push('the ledger regenerated from the votes differs from the published one');
    }
    return {
      matches: differences.length === 0,
      recomputedLedgerSha256,
      publishedLedgerSha256: published.ledgerSha256,
      differences,
    };
  }

  private async rank(manager: EntityManager, contest: Contest): Promise<NominationResultDto[]> {
    const nominations = await manager.getRepository(Nomination).find({
      where: { contestId: contest.id },
      order: { position: 'ASC' },
    });
    const tallies = await this.results.entryTallies(manager, contest.id);
    return nominations.map((n) => rankedNomination(n, tallies));
  }

  /** The ledger's bytes, generated from the votes in cast_at order (see ledgerChunks). */
  private ledgerFromVotes(manager: EntityManager, contestId: string): AsyncGenerator<Buffer> {
    const keyring = this.keyring;
    const rows = this.results.ledgerRows(manager, contestId);
    async function* votes(): AsyncGenerator<LedgerVote[]> {
      for await (const batch of rows) {
        yield batch.map((row) => ({
          entryNumber: row.number,
          pseudonym: voterPseudonym(keyring, contestId, row.voter_id),
          castAt: row.cast_at,
          annulled: row.annulled,
        }));
      }
    }
    return ledgerChunks(votes());
  }

  private async requireResult(contestId: string): Promise<ContestResult> {
    const result = await this.results.findResult(contestId);
    if (!result) {
      if (!(await this.contests.findById(contestId))) {
        throw ContestErrors.notFound();
      }
      throw ResultsErrors.notPublished();
    }
    return result;
  }
}

function rankedNomination(nomination: Nomination, tallies: EntryTallyRow[]): NominationResultDto {
  const rows = tallies.filter((t) => t.nomination_id === nomination.id);
  const byId = new Map(rows.map((row) => [row.entry_id, row]));
  const ranked = rankNomination(
    rows.map((row) => ({
      entryId: row.entry_id,
      number: row.number,
      nominationId: row.nomination_id,
      votes: row.votes,
      reachedAt: row.reached_at,
    })),
    nomination.winnersCount,
  );
  return {
    nominationId: nomination.id,
    title: resolveText(nomination.title, DEFAULT_LOCALE),
    winnersCount: nomination.winnersCount,
    ranking: ranked.map((entry) => {
      const row = byId.get(entry.entryId) as EntryTallyRow;
      return {
        rank: entry.rank,
        entryNumber: entry.number,
        entryId: entry.entryId,
        practiceId: row.practice_id,
        practiceTitle: row.title,
        municipality: resolveName({ nameKy: row.m_ky, nameRu: row.m_ru, nameEn: row.m_en }, DEFAULT_LOCALE),
        municipalityId: row.municipality_id,
        votes: entry.votes,
        reachedFinalCountAt: entry.reachedAt ? entry.reachedAt.toISOString() : null,
        winner: entry.winner,
      };
    }),
  };
}

function buildResultsCsv(nominations: NominationResultDto[]): string {
  const header = 'nomination,rank,entry_number,practice,municipality,votes,winner';
  const rows = nominations.flatMap((n) =>
    n.ranking.map((e) =>
      [n.title, e.rank, e.entryNumber, e.practiceTitle, e.municipality, e.votes, e.winner]
        .map(csvField)
        .join(','),
    ),
  );
  return [header, ...rows].map((line) => `${line}\n`).join('');
}

/** Passes the chunks through, feeding each to `hash` on the way. */
async function* hashed(chunks: AsyncIterable<Buffer>, hash: Hash): AsyncGenerator<Buffer> {
  for await (const chunk of chunks) {
    hash.update(chunk);
    yield chunk;
  }
}
