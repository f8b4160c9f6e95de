import { Contest } from './entities/contest.entity';

export const CONTEST_PHASES = [
  'upcoming',
  'accepting_entries',
  'reviewing',
  'voting',
  'counting',
  'results_published',
] as const;
export type ContestPhase = (typeof CONTEST_PHASES)[number];

type Schedule = Pick<
  Contest,
  'entriesOpenAt' | 'entriesCloseAt' | 'votingOpensAt' | 'votingClosesAt' | 'resultsPublishedAt'
>;

/**
 * The phase, computed from the clock and the four dates (half-open windows [opens, closes)), never
 * stored. Between entriesCloseAt and votingOpensAt the moderators review entries.
 */
export function contestPhase(contest: Schedule, now: Date = new Date()): ContestPhase {
  const t = now.getTime();
  if (contest.resultsPublishedAt) {
    return 'results_published';
  }
  if (t < contest.entriesOpenAt.getTime()) {
    return 'upcoming';
  }
  if (t < contest.entriesCloseAt.getTime()) {
    return 'accepting_entries';
  }
  if (t < contest.votingOpensAt.getTime()) {
    return 'reviewing';
  }
  if (t < contest.votingClosesAt.getTime()) {
    return 'voting';
  }
  return 'counting';
}
