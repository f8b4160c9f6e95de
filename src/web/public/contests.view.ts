import { ContestDto } from '../../contests/dto/contest.dto';
import { ContestPhase } from '../../contests/contest-phase';
import { formatDateTime } from '../render/formats';
import { Page, WebContext } from '../render/page';
import type { BallotOrResults } from '../contests/voting.handler';

const formatDate = (context: WebContext, date: Date) => formatDateTime(date, context.locale);

/** The next date that matters in each phase (none once voting has closed). */
export function nextDate(contest: ContestDto): { key: string; at: Date } | null {
  const next: Partial<Record<ContestPhase, { key: string; at: Date }>> = {
    upcoming: { key: 'entriesOpen', at: contest.entriesOpenAt },
    accepting_entries: { key: 'entriesClose', at: contest.entriesCloseAt },
    reviewing: { key: 'votingOpens', at: contest.votingOpensAt },
    voting: { key: 'votingCloses', at: contest.votingClosesAt },
  };
  return next[contest.phase] ?? null;
}

export interface ContestSummary {
  href: string;
  title: string;
  phase: string;
  phaseKey: ContestPhase;
  next: string | null;
}

export function contestSummary(context: WebContext, contest: ContestDto): ContestSummary {
  const next = nextDate(contest);
  return {
    href: `/contests/${contest.id}`,
    title: contest.title,
    phase: context.t(`public.contests.phases.${contest.phase}`),
    phaseKey: contest.phase,
    next: next ? context.t(`public.contests.next.${next.key}`, { date: formatDate(context, next.at) }) : null,
  };
}

const OPEN: ContestPhase[] = ['upcoming', 'accepting_entries', 'reviewing', 'voting', 'counting'];

export function isOpen(contest: ContestDto): boolean {
  return OPEN.includes(contest.phase);
}

export function contestListPage(context: WebContext, contests: ContestDto[]): Page {
  return {
    template: 'public/contests.njk',
    title: context.t('public.contests.title'),
    breadcrumbs: [{ text: context.t('public.home.title'), href: '/' }],
    model: {
      current: contests.filter(isOpen).map((c) => contestSummary(context, c)),
      past: contests.filter((c) => !isOpen(c)).map((c) => contestSummary(context, c)),
    },
  };
}

/** Where the contest page's timeline marks "now": the four windows and the results. */
const STEPS: { key: string; phases: ContestPhase[]; from?: keyof ContestDto; to?: keyof ContestDto }[] = [
  { key: 'entries', phases: ['accepting_entries'], from: 'entriesOpenAt', to: 'entriesCloseAt' },
  { key: 'review', phases: ['reviewing'], from: 'entriesCloseAt', to: 'votingOpensAt' },
  { key: 'voting', phases: ['voting'], from: 'votingOpensAt', to: 'votingClosesAt' },
  { key: 'results', phases: ['counting', 'results_published'], from: 'votingClosesAt' },
];

/**
 * The contest page. `ballotOrResults` is the ballot while voting is open and the results once
 * published (VotingHandler.ballotOrResults), drawn by `contests/ballot-or-results.njk`.
 */
export function contestPage(
  context: WebContext,
  contest: ContestDto,
  ballotOrResults?: BallotOrResults,
): Page {
  const order = STEPS.findIndex((step) => step.phases.includes(contest.phase));
  return {
    template: 'public/contest.njk',
    title: contest.title,
    form: ballotOrResults?.hasForms ?? false,
    breadcrumbs: [
      { text: context.t('public.home.title'), href: '/' },
      { text: context.t('public.contests.title'), href: '/contests' },
    ],
    model: {
      contest,
      phase: context.t(`public.contests.phases.${contest.phase}`),
      timeline: STEPS.map((step, index) => ({
        title: context.t(`public.contests.steps.${step.key}`),
        from: step.from ? formatDate(context, contest[step.from] as Date) : null,
        to: step.to ? formatDate(context, contest[step.to] as Date) : null,
        state: index === order ? 'current' : index < order ? 'done' : 'future',
      })),
      votesPerVoter: contest.votesPerVoter,
      ballotOrResults,
    },
  };
}
