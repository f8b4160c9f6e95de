import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { CategoriesService } from '../../categories/categories.service';
import { CategoryDto } from '../../categories/dto/category.dto';
import { Locale } from '../../common/i18n/locale';
import { ContestDto } from '../../contests/dto/contest.dto';
import { ContestsService } from '../../contests/contests.service';
import { DistrictDto, MunicipalityDto, RegionDto } from '../../geography/dto/geography.dto';
import { GeographyService } from '../../geography/geography.service';
import { CatalogService } from '../../practices/catalog.service';
import { CatalogQueryDto } from '../../practices/dto/catalog-query.dto';
import { CatalogPageDto, PracticeSummaryDto } from '../../practices/dto/practice.dto';
import { StatsDto } from '../../practices/dto/stats.dto';
import { ResultsDto } from '../../results/dto/results.dto';
import { ResultsService } from '../../results/results.service';

/** The largest page the catalog service gives: walking the whole catalog takes few statements. */
const WHOLE_CATALOG_PAGE = 100;
/**
 * Regions and categories are reference data (seeded, not edited through the portal): every catalog
 * page shows both lists, so they are read once a minute rather than twice a page.
 */
const REFERENCE_TTL_MS = 60_000;

/** A value read at most once per TTL per key; a failed read is not kept. */
class Memo<T> {
  private readonly entries = new Map<string, { at: number; value: Promise<T> }>();

  constructor(private readonly ttlMs: number) {}

  get(key: string, read: () => Promise<T>): Promise<T> {
    const entry = this.entries.get(key);
    if (entry && Date.now() - entry.at < this.ttlMs) {
      return entry.value;
    }
    const value = read();
    this.entries.set(key, { at: Date.now(), value });
    value.catch(() => this.entries.delete(key));
    return value;
  }
}

export interface PublishedDownload {
  contest: ContestDto;
  results: ResultsDto;
  resultsCsvSha256: string;
}

/**
 * What the public pages read, gathered from the feature services (never a repository): the
 * catalog, geography, categories, contests and published results.
 */
@Injectable()
export class PublicData {
  private readonly regionLists = new Memo<RegionDto[]>(REFERENCE_TTL_MS);
  private readonly categoryLists = new Memo<CategoryDto[]>(REFERENCE_TTL_MS);

  constructor(
    private readonly catalog: CatalogService,
    private readonly geography: GeographyService,
    private readonly categories: CategoriesService,
    private readonly contests: ContestsService,
    private readonly results: ResultsService,
  ) {}

  /** A catalog page; the service hands out the JSON it also sends to API clients. */
  async search(query: CatalogQueryDto, locale: Locale): Promise<CatalogPageDto> {
    return JSON.parse((await this.catalog.searchJson(query, locale)).toString('utf8')) as CatalogPageDto;
  }

  /** The newest published practices. */
  async latest(limit: number, locale: Locale): Promise<PracticeSummaryDto[]> {
    return (await this.search(Object.assign(new CatalogQueryDto(), { sort: 'new', limit }), locale)).items;
  }

  /** Every published practice, newest first, page after page (the catalog CSV and the sitemap). */
  async allPublished(locale: Locale): Promise<PracticeSummaryDto[]> {
    const all: PracticeSummaryDto[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.search(
        Object.assign(new CatalogQueryDto(), { sort: 'new', limit: WHOLE_CATALOG_PAGE, cursor }),
        locale,
      );
      all.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return all;
  }

  stats(): Promise<StatsDto> {
    return this.catalog.stats();
  }

  regions(locale: Locale): Promise<RegionDto[]> {
    return this.regionLists.get(locale, () => this.geography.regions(locale));
  }

  /** The districts of a region; an unknown region has none (the filter then drops it). */
  async districts(regionId: string, locale: Locale): Promise<DistrictDto[]> {
    return this.geography.districts(regionId, locale).catch(() => []);
  }

  /** The municipalities of one district or of one region: the last step of the catalog's filter. */
  municipalities(
    where: { districtId?: string; regionId?: string },
    locale: Locale,
  ): Promise<MunicipalityDto[]> {
    return this.geography.municipalities({ ...where, limit: 500 }, locale);
  }

  municipality(id: string, locale: Locale): Promise<MunicipalityDto> {
    return this.geography.municipality(id, locale);
  }

  categoryList(locale: Locale): Promise<CategoryDto[]> {
    return this.categoryLists.get(locale, () => this.categories.list(locale));
  }

  contestList(locale: Locale): Promise<ContestDto[]> {
    return this.contests.list(locale);
  }

  contest(id: string, locale: Locale): Promise<ContestDto> {
    return this.contests.get(id, locale);
  }

  /** Published contests with their results and the digests of both downloads. */
  async publishedDownloads(locale: Locale): Promise<PublishedDownload[]> {
    const published = (await this.contests.list(locale)).filter((c) => c.phase === 'results_published');
    return Promise.all(
      published.map(async (contest) => {
        const [results, resultsCsv] = await Promise.all([
          this.results.get(contest.id),
          this.results.resultsCsv(contest.id),
        ]);
        return { contest, results, resultsCsvSha256: sha256(resultsCsv) };
      }),
    );
  }
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
