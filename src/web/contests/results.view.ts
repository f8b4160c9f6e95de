import { ContestDto } from '../../contests/dto/contest.dto';
import { ResultsDto } from '../../results/dto/results.dto';
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

/** Published results (WEB.md §3.2): ranking with winners, shares, turnout and the ledger check. */
export function resultsModel(
  context: WebContext,
  contest: ContestDto,
  results: ResultsDto,
  myPseudonym?: string,
): ResultsModel {
  return {
    contestId: contest.id,
    publishedAt: results.publishedAt,
    nominations: results.nominations.map((nomination) => {
      const total = nomination.ranking.reduce((sum, row) => sum + row.votes, 0);
      return {
        title: nomination.title,
        winnersText: context.tn('voting.results.winners', nomination.winnersCount),
        rows: nomination.ranking.map((row) => ({
          rank: row.rank,
          number: row.entryNumber,
          title: row.practiceTitle,
          practiceHref: `/practices/${row.practiceId}`,
          municipality: row.municipality,
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
