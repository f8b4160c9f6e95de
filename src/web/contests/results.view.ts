import { ContestDto } from '../../contests/dto/contest.dto';
import { NominationResultDto, ResultsDto } from '../../results/dto/results.dto';
import { WebContext } from '../render/page';

export interface ResultsModel {
  contestId: string;
  publishedAt: string;
  nominations: {
    title: string;
    winnersText: string;
    rows: {
      rank: number;
      number: number;
      title: string;
      practiceHref: string;
      municipality: string;
      votes: number;
      /** Share of the nomination's votes, 0–100, for the bar. */
      share: number;
      winner: boolean;
    }[];
  }[];
  turnout: { voters: number; votes: number; annulledVotes: number; verifiedNonVoters: number };
  ledgerSha256: string;
  ledgerHref: string;
  resultsHref: string;
  /** The signed-in voter's pseudonym in this contest's ledger. */
  myPseudonym?: string;
}

/** A published nomination's title in the reader's language (`contest` is in it), else the record's. */
export function nominationTitles(contest: ContestDto): (nomination: NominationResultDto) => string {
  const titles = new Map(contest.nominations.map((n) => [n.id, n.title]));
  return (nomination) => titles.get(nomination.nominationId) ?? nomination.title;
}

/**
 * Published results (WEB.md §3.2): ranking with winners, shares, turnout and the ledger check. The
 * record is frozen in Russian; nominations and municipalities are shown in the reader's language
 * (`contest` and `municipalityNames` are in it), the record's names where one is missing.
 */
export function resultsModel(
  context: WebContext,
  contest: ContestDto,
  results: ResultsDto,
  municipalityNames: ReadonlyMap<string, string>,
  myPseudonym?: string,
): ResultsModel {
  const titleOf = nominationTitles(contest);
  return {
    contestId: contest.id,
    publishedAt: results.publishedAt,
    nominations: results.nominations.map((nomination) => {
      const total = nomination.ranking.reduce((sum, row) => sum + row.votes, 0);
      return {
        title: titleOf(nomination),
        winnersText: context.tn('voting.results.winners', nomination.winnersCount),
        rows: nomination.ranking.map((row) => ({
          rank: row.rank,
          number: row.entryNumber,
          title: row.practiceTitle,
          practiceHref: `/practices/${row.practiceId}`,
          municipality: municipalityNames.get(row.municipalityId ?? '') ?? row.municipality,
          votes: row.votes,
          share: total > 0 ? Math.round((row.votes / total) * 1000) / 10 : 0,
          winner: row.winner,
        })),
      };
    }),
    turnout: results.turnout,
    ledgerSha256: results.ledgerSha256,
    ledgerHref: `/api/v1/contests/${contest.id}/ledger.csv`,
    resultsHref: `/api/v1/contests/${contest.id}/results.csv`,
    myPseudonym,
  };
}
