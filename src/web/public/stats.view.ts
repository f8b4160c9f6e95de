import { CategoryDto } from '../../categories/dto/category.dto';
import { ContestDto } from '../../contests/dto/contest.dto';
import { RegionDto } from '../../geography/dto/geography.dto';
import { StatsDto } from '../../practices/dto/stats.dto';
import { Page, WebContext } from '../render/page';

/** One chart: an SVG bar per row, and a table of the same numbers. */
export interface Chart {
  id: string;
  title: string;
  labelHeading: string;
  valueHeading: string;
  rows: { label: string; value: number; percent: number }[];
}

export function chart(
  id: string,
  title: string,
  headings: [string, string],
  rows: { label: string; value: number }[],
): Chart {
  const max = Math.max(1, ...rows.map((row) => row.value));
  return {
    id,
    title,
    labelHeading: headings[0],
    valueHeading: headings[1],
    // Bars share one scale within a chart; a non-zero value always shows at least a sliver.
    rows: rows.map((row) => ({
      ...row,
      percent: row.value ? Math.max(1, Math.round((row.value / max) * 100)) : 0,
    })),
  };
}

export function statsPage(
  context: WebContext,
  stats: StatsDto,
  regions: RegionDto[],
  categories: CategoryDto[],
  contests: ContestDto[],
): Page {
  const name = (list: { id: string; name: string }[], id: string) =>
    list.find((x) => x.id === id)?.name ?? id;
  const count = context.t('public.stats.practices');
  const charts = [
    chart(
      'by-region',
      context.t('public.stats.byRegion'),
      [context.t('public.stats.region'), count],
      regions.map((r) => ({
        label: r.name,
        value: stats.practicesByRegion.find((row) => row.regionId === r.id)?.count ?? 0,
      })),
    ),
    chart(
      'by-category',
      context.t('public.stats.byCategory'),
      [context.t('public.stats.category'), count],
      stats.practicesByCategory.map((row) => ({ label: name(categories, row.categoryId), value: row.count })),
    ),
    chart(
      'by-year',
      context.t('public.stats.byYear'),
      [context.t('public.stats.year'), count],
      stats.practicesByYear.map((row) => ({ label: String(row.year), value: row.count })),
    ),
    chart(
      'turnout',
      context.t('public.stats.turnout'),
      [context.t('public.stats.contest'), context.t('public.stats.voters')],
      stats.contestTurnout.map((row) => ({
        label: name(
          contests.map((c) => ({ id: c.id, name: c.title })),
          row.contestId,
        ),
        value: row.voters,
      })),
    ),
  ].filter((c) => c.rows.length > 0);
  return {
    template: 'public/stats.njk',
    title: context.t('public.stats.title'),
    breadcrumbs: [{ text: context.t('public.home.title'), href: '/' }],
    model: { charts },
  };
}
