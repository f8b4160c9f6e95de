import { PracticeSummaryDto } from '../../practices/dto/practice.dto';
import { csvLine } from './csv';

const HEADER = [
  'id',
  'title',
  'municipality',
  'region',
  'category',
  'start_year',
  'end_year',
  'summary',
  'tags',
  'published_at',
  'url',
];

/** The published catalog as CSV (open data): one row per practice, names in the asked language. */
export function catalogCsv(origin: string, practices: PracticeSummaryDto[]): string {
  return (
    csvLine(HEADER) +
    practices
      .map((p) =>
        csvLine([
          p.id,
          p.title,
          p.municipality.name,
          p.region.name,
          p.category.name,
          p.startYear,
          p.endYear,
          p.summary,
          p.tags.join('; '),
          p.publishedAt ? new Date(p.publishedAt).toISOString() : '',
          `${origin}/practices/${p.id}`,
        ]),
      )
      .join('')
  );
}
