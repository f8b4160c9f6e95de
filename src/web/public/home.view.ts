import { ContestDto } from '../../contests/dto/contest.dto';
import { PracticeSummaryDto } from '../../practices/dto/practice.dto';
import { StatsDto } from '../../practices/dto/stats.dto';
import { Page, WebContext } from '../render/page';
import { contestSummary, isOpen } from './contests.view';
import { practiceCard } from './practice-card';

/** Headline figures for the home page, from the same statistics as /stats. */
export function headline(stats: StatsDto, contests: ContestDto[]) {
  return {
    practices: stats.practicesByRegion.reduce((sum, row) => sum + row.count, 0),
    regions: stats.practicesByRegion.filter((row) => row.count > 0).length,
    contests: contests.length,
    voters: stats.contestTurnout.reduce((sum, row) => sum + row.voters, 0),
  };
}

/** The home page: open contests, a call to act, the latest practices, headline statistics. */
export function homePage(
  context: WebContext,
  contests: ContestDto[],
  latest: PracticeSummaryDto[],
  stats: StatsDto,
): Page {
  const open = contests.filter(isOpen);
  const voting = open.find((c) => c.phase === 'voting');
  const accepting = open.find((c) => c.phase === 'accepting_entries');
  return {
    template: 'public/home.njk',
    title: context.t('public.home.title'),
    model: {
      openContests: open.map((c) => contestSummary(context, c)),
      votingHref: voting ? `/contests/${voting.id}` : null,
      // Representatives enter from their practices' pages (/my explains how to become one to others).
      enterHref: accepting ? '/my' : null,
      latest: latest.map((item) => practiceCard(context, item)),
      figures: headline(stats, contests),
    },
  };
}
