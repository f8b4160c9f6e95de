import { Injectable } from '@nestjs/common';
import { Locale } from '../common/i18n/locale';
import { resolveName } from '../common/i18n/localized-name';
import { CatalogQueryDto } from './dto/catalog-query.dto';
import { CatalogPageDto, PracticeSummaryDto } from './dto/practice.dto';
import { StatsDto } from './dto/stats.dto';
import { CatalogCache } from '../common/catalog-cache/catalog-cache';
import { CatalogFilter, CatalogRepository, CatalogRow, encodeCatalogCursor } from './catalog.repository';
import { attachmentUrl } from './practice.mapper';

const names = (ky: string | null, ru: string | null, en: string | null) => ({
  nameKy: ky,
  nameRu: ru,
  nameEn: en,
});

/** The public catalog of published practices, and the statistics over it. */
@Injectable()
export class CatalogService {
  constructor(
    private readonly catalog: CatalogRepository,
    private readonly cache: CatalogCache,
  ) {}

  /** A catalog page as the UTF-8 JSON of a CatalogPageDto, ready to send (see CatalogCache). */
  searchJson(query: CatalogQueryDto, locale: Locale): Promise<Buffer> {
    const filter: CatalogFilter = {
      q: query.q,
      regionId: query.regionId,
      districtId: query.districtId,
      municipalityId: query.municipalityId,
      categoryId: query.categoryId,
      // A single year is the span of that one year (the API's older form of the filter).
      yearFrom: query.yearFrom ?? query.year,
      yearTo: query.yearTo ?? query.year,
      sort: query.sort ?? (query.q ? 'relevance' : 'new'),
      limit: query.limit ?? 20,
      cursor: query.cursor,
    };
    // The filter (built above in a fixed key order) and the language: one key per distinct page.
    const key = JSON.stringify([locale, filter]);
    return this.cache.page(key, async () => Buffer.from(JSON.stringify(await this.readPage(filter, locale))));
  }

  private async readPage(filter: CatalogFilter, locale: Locale): Promise<CatalogPageDto> {
    const { rows, hasMore } = await this.catalog.page(filter);
    const last = rows[rows.length - 1];
    return {
      items: rows.map((row) => toCatalogItem(row, locale)),
      nextCursor: hasMore && last ? encodeCatalogCursor(last.sort_key, last.id) : null,
    };
  }

  async stats(): Promise<StatsDto> {
    const [rows, turnout] = await Promise.all([this.catalog.stats(), this.catalog.contestTurnout()]);
    const of = (dimension: string) =>
      rows.filter((row) => row.dimension === dimension).map((row) => ({ key: row.key, count: row.count }));
    return {
      practicesByRegion: of('region').map(({ key, count }) => ({ regionId: key, count })),
      practicesByCategory: of('category').map(({ key, count }) => ({ categoryId: key, count })),
      practicesByYear: of('year')
        .map(({ key, count }) => ({ year: Number(key), count }))
        .sort((a, b) => a.year - b.year),
      contestTurnout: turnout.map((t) => ({ contestId: t.contest_id, voters: t.voters, votes: t.votes })),
    };
  }
}

function toCatalogItem(row: CatalogRow, locale: Locale): PracticeSummaryDto {
  return {
    id: row.id,
    title: row.title,
    summary: row.summary,
    status: 'published',
    municipality: { id: row.municipality_id, name: resolveName(names(row.m_ky, row.m_ru, row.m_en), locale) },
    region: { id: row.region_id, name: resolveName(names(row.r_ky, row.r_ru, row.r_en), locale) },
    category: { id: row.category_id, name: resolveName(names(row.c_ky, row.c_ru, row.c_en), locale) },
    startYear: row.start_year,
    endYear: row.end_year,
    language: row.language,
    tags: row.tags,
    viewCount: Number(row.view_count),
    thumbnailUrl: row.cover_id ? attachmentUrl(row.id, row.cover_id, true) : null,
    publishedAt: row.published_at,
    updatedAt: row.updated_at,
  };
}
