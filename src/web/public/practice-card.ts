import { PracticeSummaryDto } from '../../practices/dto/practice.dto';
import { WebContext } from '../render/page';

/** List thumbnails: 160×120 WebP (WEB.md §4), cut from the stored thumbnail by SmallThumbnails. */
export const CARD_IMAGE = { width: 160, height: 120 } as const;

/** One practice in a list (catalog, home, municipality): plain values for the card template. */
export interface PracticeCard {
  href: string;
  title: string;
  place: string;
  category: string;
  years: string;
  summary: string;
  /** The language the practice is written in (its text keeps its own `lang`). */
  lang: string;
  image?: { src: string; width: number; height: number };
}

export function practiceCard(context: WebContext, item: PracticeSummaryDto): PracticeCard {
  const src = item.thumbnailUrl ? smallThumbnailPath(item.thumbnailUrl) : undefined;
  return {
    href: `/practices/${item.id}`,
    title: item.title,
    place: `${item.municipality.name}, ${item.region.name}`,
    category: item.category.name,
    years: practiceYears(context, item.startYear, item.endYear),
    summary: item.summary,
    lang: item.language,
    ...(src ? { image: { src, ...CARD_IMAGE } } : {}),
  };
}

export function practiceYears(context: WebContext, startYear: number, endYear: number | null): string {
  if (endYear === null) {
    return context.t('public.practice.yearsOngoing', { start: startYear });
  }
  return startYear === endYear ? String(startYear) : `${startYear}–${endYear}`;
}

/** `/api/v1/practices/P/attachments/A/thumbnail` → the website's 160 px WebP of the same image. */
export function smallThumbnailPath(apiThumbnailUrl: string): string | undefined {
  const match = /\/practices\/([0-9a-f-]{36})\/attachments\/([0-9a-f-]{36})\/thumbnail$/.exec(
    apiThumbnailUrl,
  );
  return match ? `/images/practices/${match[1]}/${match[2]}/160.webp` : undefined;
}
