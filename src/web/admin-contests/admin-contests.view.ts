import { ContestDto } from '../../contests/dto/contest.dto';
import { RecountDto, ResultsDto } from '../../results/dto/results.dto';
import { AdminVoteView, SignalsDto } from '../../voting/signals.service';
import { contestSummary } from '../public/contests.view';
import { nominationTitles } from '../contests/results.view';
import { formatDateTime } from '../render/formats';
import { ErrorItem, Link, Page, WebContext } from '../render/page';

function adminCrumbs(context: WebContext, contest?: ContestDto): Link[] {
  const crumbs: Link[] = [
    { text: context.t('adminContests.breadcrumb.admin'), href: '/admin' },
    { text: context.t('adminContests.list.title'), href: '/admin/contests' },
  ];
  return contest ? [...crumbs, { text: contest.title, href: `/admin/contests/${contest.id}` }] : crumbs;
}

/** Every contest with its phase and the next date that matters. */
export function contestListPage(context: WebContext, contests: ContestDto[]): Page {
  return {
    template: 'admin-contests/list.njk',
    title: context.t('adminContests.list.title'),
    breadcrumbs: [{ text: context.t('adminContests.breadcrumb.admin'), href: '/admin' }],
    model: {
      contests: contests.map((contest) => ({
        ...contestSummary(context, contest),
        href: `/admin/contests/${contest.id}`,
      })),
    },
  };
}

/** What the admin can do now on the contest page, by phase: publish, recount, look at the signals. */
export function contestActions(context: WebContext, contest: ContestDto) {
  const summary = contestSummary(context, contest);
  return {
    phase: summary.phase,
    phaseKey: contest.phase,
    next: summary.next,
    publicHref: `/contests/${contest.id}`,
    signalsHref: `/admin/contests/${contest.id}/signals`,
    canPublish: contest.phase === 'counting',
    published: contest.phase === 'results_published',
    resultsHref: `/contests/${contest.id}/results`,
    recountHref: `/admin/contests/${contest.id}/recount`,
    publishHref: `/admin/contests/${contest.id}/publish`,
  };
}

/** "Publish the results?": what publication freezes, and the button; or why it cannot happen now. */
export function publishPage(context: WebContext, contest: ContestDto, refusal?: string): Page {
  return {
    template: 'admin-contests/publish.njk',
    title: context.t('adminContests.publish.title'),
    status: refusal ? 409 : 200,
    form: contest.phase === 'counting',
    errors: refusal ? [{ text: refusal, href: '#publish' }] : undefined,
    breadcrumbs: adminCrumbs(context, contest),
    model: {
      contestTitle: contest.title,
      canPublish: contest.phase === 'counting',
      phase: context.t(`public.contests.phases.${contest.phase}`),
      action: `/admin/contests/${contest.id}/publish`,
      backHref: `/admin/contests/${contest.id}`,
    },
  };
}

/** The recount's verdict beside the published numbers it was compared with. */
export function recountPage(
  context: WebContext,
  contest: ContestDto,
  published: ResultsDto,
  recount: RecountDto,
): Page {
  const titleOf = nominationTitles(contest);
  return {
    template: 'admin-contests/recount.njk',
    title: context.t('adminContests.recount.title'),
    breadcrumbs: adminCrumbs(context, contest),
    model: {
      contestTitle: contest.title,
      matches: recount.matches,
      publishedDigest: recount.publishedLedgerSha256,
      recomputedDigest: recount.recomputedLedgerSha256,
      differences: recount.differences,
      turnout: published.turnout,
      nominations: published.nominations.map((n) => ({
        title: titleOf(n),
        rows: n.ranking.map((entry) => ({
          number: entry.entryNumber,
          title: entry.practiceTitle,
          votes: entry.votes,
          winner: entry.winner,
        })),
      })),
      resultsHref: `/contests/${contest.id}/results`,
    },
  };
}

export const SIGNAL_KINDS = ['all', 'networks', 'young', 'bursts'] as const;
export type SignalKind = (typeof SIGNAL_KINDS)[number];

export function signalKind(value: unknown): SignalKind {
  return (SIGNAL_KINDS as readonly unknown[]).includes(value) ? (value as SignalKind) : 'all';
}

/** The fraud signals, filtered by kind, each vote with a link to annul it; the annulled votes below. */
export function signalsPage(
  context: WebContext,
  contest: ContestDto,
  signals: SignalsDto,
  annulled: AdminVoteView[],
  kind: SignalKind,
): Page {
  const at = (date: Date) => formatDateTime(date, context.locale);
  const annulHref = (voteId: string) => `/admin/contests/${contest.id}/votes/${voteId}`;
  const show = (wanted: SignalKind) => kind === 'all' || kind === wanted;
  return {
    template: 'admin-contests/signals.njk',
    title: context.t('adminContests.signals.title'),
    breadcrumbs: adminCrumbs(context, contest),
    model: {
      contestTitle: contest.title,
      published: contest.phase === 'results_published',
      filters: SIGNAL_KINDS.map((k) => ({
        text: context.t(`adminContests.signals.filter.${k}`),
        href: `/admin/contests/${contest.id}/signals${k === 'all' ? '' : `?kind=${k}`}`,
        current: k === kind,
      })),
      networks: show('networks')
        ? signals.networkClusters.map((c) => ({
            network: c.network,
            windowStart: at(c.windowStart),
            voters: c.voters,
            votes: c.voteIds.map((id, i) => ({ href: annulHref(id), text: `${i + 1}`, id })),
          }))
        : undefined,
      young: show('young')
        ? signals.youngAccounts.map((y) => ({
            href: annulHref(y.voteId),
            entryNumber: y.entryNumber,
            accountAgeDays: y.accountAgeDays,
            castAt: at(y.castAt),
          }))
        : undefined,
      bursts: show('bursts')
        ? (signals.bursts ?? []).map((b) => ({
            entryNumber: b.entryNumber,
            windowStart: at(b.windowStart),
            votes: b.votes,
          }))
        : undefined,
      annulled: annulled.map((vote) => voteRow(context, vote, annulHref(vote.id))),
    },
  };
}

function voteRow(context: WebContext, vote: AdminVoteView, href: string) {
  return {
    id: vote.id,
    href,
    entryNumber: vote.entryNumber,
    castAt: formatDateTime(vote.castAt, context.locale),
    accountAgeDays: vote.accountAgeDays,
    annulledAt: vote.annulledAt ? formatDateTime(vote.annulledAt, context.locale) : null,
    annulReason: vote.annulReason,
  };
}

/** One vote and, while it can still be annulled, the form with its required reason. */
export function votePage(
  context: WebContext,
  contest: ContestDto,
  vote: AdminVoteView,
  form: { reason: string; error?: string; refusal?: string },
  status = 200,
): Page {
  const canAnnul = !vote.annulledAt && contest.phase !== 'results_published';
  const errors: ErrorItem[] = [];
  if (form.error) {
    errors.push({ text: form.error, href: '#reason' });
  }
  if (form.refusal) {
    errors.push({ text: form.refusal, href: '#vote' });
  }
  return {
    template: 'admin-contests/vote.njk',
    title: context.t('adminContests.vote.title'),
    status,
    form: canAnnul,
    errors: errors.length ? errors : undefined,
    breadcrumbs: [
      ...adminCrumbs(context, contest),
      { text: context.t('adminContests.signals.title'), href: `/admin/contests/${contest.id}/signals` },
    ],
    model: {
      contestTitle: contest.title,
      vote: voteRow(context, vote, ''),
      canAnnul,
      published: contest.phase === 'results_published',
      action: `/admin/contests/${contest.id}/votes/${vote.id}/annul`,
      reason: form.reason,
      reasonError: form.error,
      signalsHref: `/admin/contests/${contest.id}/signals`,
    },
  };
}
