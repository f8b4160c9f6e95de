import { CatalogCache } from '../src/common/catalog-cache/catalog-cache';
import { expectFieldError } from './support/assertions';
import { countStatements, idsOf, walkPages } from './support/practice-helpers';
import { TestContext, TestRepresentative } from './support/test-app';

interface Fixture {
  id: string;
  municipality: string;
  region: string;
  district: string | null;
  category: string;
  startYear: number;
  endYear: number | null;
}

const PLACES = {
  'M-DOSTUK': { region: 'KG-C', district: 'KG-C-ALA' },
  'M-SADOVOE': { region: 'KG-C', district: 'KG-C-MOS' },
  'M-KOSHDOBO': { region: 'KG-J', district: 'KG-J-AKS' },
  'M-GB': { region: 'KG-GB', district: null },
} as const;
type Place = keyof typeof PLACES;
const CATEGORIES = ['education', 'health', 'environment', 'digital'];
const SORTS = ['new', 'popular', 'title', 'relevance'] as const;
type Query = Record<string, string | number | undefined>;

/** Text without any word the search tests look for, so only the practices meant to match do. */
const NEUTRAL = {
  summary: 'Жители села вместе благоустроили дворы, высадили деревья и поставили скамейки.',
  problem: 'Дворы были заброшены, детям негде было играть, а взрослым отдыхать.',
  solution: 'Благоустройство дворов силами жителей при поддержке айыл окмоту.',
  results: 'Благоустроено 14 дворов, высажено 300 деревьев, установлено 40 скамеек.',
  replicability: 'Нужны инициативная группа, смета и договорённость с айыл окмоту.',
  resources: '200 тысяч сомов, труд жителей.',
  tags: [],
};

/** §3 catalog: full text in three languages, filters, sorts and cursors that compose; a fixed cost per page. */
describe('catalog search', () => {
  let ctx: TestContext;
  const reps = {} as Record<Place, TestRepresentative>;
  const published: Fixture[] = [];
  let russian: string;
  let kyrgyz: string;
  let english: string;
  let unpublished: string[];

  async function publish(place: Place, index: number, overrides: Record<string, unknown>): Promise<string> {
    const category = CATEGORIES[Math.floor(index / 4) % CATEGORIES.length];
    const startYear = 2010 + (index % 7);
    const endYear = index % 3 === 0 ? null : startYear + (index % 4);
    const { id } = await ctx.newPractice(reps[place], 'published', {
      ...NEUTRAL,
      categoryId: await ctx.idOf('categories', category),
      startYear,
      endYear,
      ...overrides,
    });
    published.push({ id, municipality: place, ...PLACES[place], category, startYear, endYear });
    return id;
  }

  beforeAll(async () => {
    // No outbox worker: nothing else talks to the database while statements are counted.
    ctx = await TestContext.start({}, { worker: false });
    for (const place of Object.keys(PLACES) as Place[]) {
      reps[place] = await ctx.newRepresentative(place);
    }
    const places = Object.keys(PLACES) as Place[];
    for (let batch = 0; batch < 32; batch += 8) {
      await Promise.all(
        Array.from({ length: 8 }, (_, offset) => {
          const index = batch + offset;
          // Eight titles, four practices each: ties for the title sort (and equal ranks for relevance).
          const title = `Благоустройство дворов, очередь ${String.fromCharCode(0x410 + (index % 8))}`;
          return publish(places[index % 4], index, { title });
        }),
      );
    }
    russian = await publish('M-DOSTUK', 32, {
      title: 'Проведение бюджетных слушаний в сёлах',
      summary: 'Айыл окмоту проводит открытые слушания по проекту местного бюджета в каждом селе.',
    });
    kyrgyz = await publish('M-KOSHDOBO', 33, {
      title: 'Ачык бюджеттик угуулар',
      summary: 'Айыл өкмөтү жарандар менен бирге жергиликтүү бюджетти ар бир айылда талкуулайт.',
      problem: 'Жарандар акчанын кайда жумшаларын билишчү эмес жана чечимдерге ишенишчү эмес.',
      solution: 'Ар жыл сайын ар бир айылда ачык угуулар өткөрүлөт, долбоорлор үчүн добуш берилет.',
      results: 'Угууларга катышкандар 40 адамдан 600 адамга чейин көбөйдү.',
      language: 'ky',
    });
    english = await publish('M-GB', 34, {
      title: 'Mobile library for remote villages',
      summary: 'A minibus carries books and a librarian to twelve mountain villages every week.',
      problem: 'Children in remote villages had no access to books after the school library closed.',
      solution: 'The city hall converted a minibus into a library and set a weekly route.',
      results: '1,200 readers registered; 9,000 loans in the first year.',
      language: 'en',
    });
    // Words that match, but never public: a draft and a practice waiting for a moderator.
    const hidden = { title: 'Бюджетные слушания: черновик', summary: NEUTRAL.summary };
    unpublished = [
      (await ctx.newPractice(reps['M-DOSTUK'], 'draft', hidden)).id,
      (await ctx.newPractice(reps['M-DOSTUK'], 'submitted', hidden)).id,
    ];
    // Distinct and tied view counts for the popular sort.
    for (const [index, fixture] of published.entries()) {
      await ctx.db.query('UPDATE practices SET view_count = $2 WHERE id = $1', [fixture.id, (index * 7) % 5]);
    }
  }, 120_000);
  afterAll(() => ctx.close());

  const search = (query: Query) => ctx.http.get('/api/v1/practices').query(query);
  const ids = async (query: Query) => {
    const response = await search({ limit: 100, ...query });
    expect(response.status).toBe(200);
    return idsOf(response);
  };

  describe('full text', () => {
    it('finds a Russian practice by another grammatical form (бюджетные → бюджетных), not drafts', async () => {
      const found = await ids({ q: 'бюджетные' });
      expect(found).toContain(russian);
      expect(found).not.toContain(english);
      for (const id of unpublished) {
        expect(found).not.toContain(id);
      }
      expect((await ids({ q: 'бюджетных слушаний' }))[0]).toBe(russian);
    });

    it('finds a Kyrgyz practice by a misspelt word and by a word beginning', async () => {
      for (const q of ['бюджетик', 'бюдж', 'угуу']) {
        const found = await ids({ q });
        expect({ q, found: found.includes(kyrgyz) }).toEqual({ q, found: true });
        expect(found).not.toContain(english);
      }
    });

    it('finds an English practice by its plain words, alone or together', async () => {
      for (const q of ['library', 'villages', 'mobile library', 'Remote Villages']) {
        const found = await ids({ q });
        expect({ q, found }).toEqual({ q, found: [english] });
      }
    });

    it('finds nothing for words no practice contains', async () => {
      expect(await ids({ q: 'водопровод' })).toEqual([]);
    });
  });

  describe('filters', () => {
    const expected = (match: (f: Fixture) => boolean) =>
      published
        .filter(match)
        .map((f) => f.id)
        .sort();

    it('filter by region, district, municipality, category and year (within the start–end span)', async () => {
      const cases: [Query, (f: Fixture) => boolean][] = [
        [{ regionId: await ctx.idOf('regions', 'KG-C') }, (f) => f.region === 'KG-C'],
        [{ districtId: await ctx.idOf('districts', 'KG-C-ALA') }, (f) => f.district === 'KG-C-ALA'],
        [{ municipalityId: await ctx.idOf('municipalities', 'M-GB') }, (f) => f.municipality === 'M-GB'],
        [{ categoryId: await ctx.idOf('categories', 'health') }, (f) => f.category === 'health'],
        [{ year: 2013 }, (f) => f.startYear <= 2013 && (f.endYear === null || f.endYear >= 2013)],
        [{ year: 2030 }, (f) => f.endYear === null],
        [{ year: 2005 }, () => false],
      ];
      for (const [query, match] of cases) {
        const found = (await ids(query)).sort();
        expect({ query, found }).toEqual({ query, found: expected(match) });
        expect(found.length).toBeLessThan(published.length);
      }
    });

    it('filter by a span of years: a practice matches when its years overlap the span', async () => {
      const overlaps = (from?: number, to?: number) => (f: Fixture) =>
        (to === undefined || f.startYear <= to) &&
        (from === undefined || f.endYear === null || f.endYear >= from);
      const cases: [Query, (f: Fixture) => boolean][] = [
        [{ yearFrom: 2011, yearTo: 2012 }, overlaps(2011, 2012)],
        [{ yearFrom: 2015 }, overlaps(2015)],
        [{ yearTo: 2010 }, overlaps(undefined, 2010)],
        [{ yearFrom: 2030, yearTo: 2040 }, (f) => f.endYear === null],
        [{ yearFrom: 1991, yearTo: 2009 }, () => false],
      ];
      for (const [query, match] of cases) {
        const found = (await ids(query)).sort();
        expect({ query, found }).toEqual({ query, found: expected(match) });
      }
      expect(expected(overlaps(2011, 2012)).length).toBeGreaterThan(expected(overlaps(2011, 2011)).length);
      // The single year is the span of that one year, page for page.
      expect(await ids({ yearFrom: 2013, yearTo: 2013 })).toEqual(await ids({ year: 2013 }));
    });

    it('refuse a span that ends before it starts, years out of bounds, and a year beside a span, with 400', async () => {
      expectFieldError(await search({ yearFrom: 2015, yearTo: 2014 }), 'yearTo', 'yearSpanOrder');
      expectFieldError(await search({ yearFrom: 1990 }), 'yearFrom', 'min');
      expectFieldError(await search({ yearTo: 2101 }), 'yearTo', 'max');
      expectFieldError(await search({ yearFrom: 'soon' }), 'yearFrom', 'isInt');
      expectFieldError(await search({ year: 2013, yearTo: 2014 }), 'year', 'yearWithSpan');
      expect((await search({ yearFrom: 2014, yearTo: 2014 })).status).toBe(200);
    });

    it('compose filters with each other and with the text query', async () => {
      const query = {
        regionId: await ctx.idOf('regions', 'KG-C'),
        categoryId: await ctx.idOf('categories', 'education'),
        year: 2012,
      };
      const match = (f: Fixture) =>
        f.region === 'KG-C' &&
        f.category === 'education' &&
        f.startYear <= 2012 &&
        (f.endYear === null || f.endYear >= 2012);
      expect(expected(match).length).toBeGreaterThan(0);
      expect((await ids(query)).sort()).toEqual(expected(match));
      expect((await ids({ ...query, q: 'благоустройство' })).sort()).toEqual(expected(match));
      expect(await ids({ ...query, q: 'library' })).toEqual([]);
    });
  });

  describe('cursors', () => {
    it.each(SORTS)('walk every page of the %s sort with no duplicates and no gaps', async (sort) => {
      const query = sort === 'relevance' ? { sort, q: 'благоустройство' } : { sort };
      const all = await ids(query);
      expect(all.length).toBeGreaterThanOrEqual(sort === 'relevance' ? 32 : 35);
      const walked = await walkPages((cursor) => search({ ...query, limit: 3, ...(cursor && { cursor }) }));
      expect(walked.ids).toEqual(all);
      expect(new Set(walked.ids).size).toBe(walked.ids.length);
      expect(walked.pages).toBe(Math.ceil(all.length / 3));
    });

    it.each(SORTS)('walk the pages of the %s sort within composed filters', async (sort) => {
      const query = {
        sort,
        regionId: await ctx.idOf('regions', 'KG-C'),
        year: 2014,
        ...(sort === 'relevance' && { q: 'дворов' }),
      };
      const all = await ids(query);
      expect(all.length).toBeGreaterThan(2);
      const walked = await walkPages((cursor) => search({ ...query, limit: 2, ...(cursor && { cursor }) }));
      expect(walked.ids).toEqual(all);
    });

    it('order pages: newest published first, most viewed first', async () => {
      const newest = (await search({ sort: 'new', limit: 100 })).body.items as { publishedAt: string }[];
      const times = newest.map((p) => Date.parse(p.publishedAt));
      expect(times).toEqual([...times].sort((a, b) => b - a));
      const popular = (await search({ sort: 'popular', limit: 100 })).body.items as { viewCount: number }[];
      const counts = popular.map((p) => p.viewCount);
      expect(counts).toEqual([...counts].sort((a, b) => b - a));
      expect(new Set(counts).size).toBeGreaterThan(1);
    });

    it('refuse a limit outside 1–100 with 400', async () => {
      for (const limit of ['0', '101', '-1', 'abc', '1.5']) {
        expectFieldError(await search({ limit }), 'limit');
      }
    });

    it('refuse a forged or foreign cursor with 400, never a 500', async () => {
      const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
      const uuid = published[0].id;
      const newCursor = (await search({ sort: 'new', limit: 1 })).body.nextCursor as string;
      const cases: [string, string][] = [
        ['new', 'not-a-cursor'],
        ['new', encode({ k: 'yesterday', id: uuid })],
        ['new', encode({ k: '2020-01-01', id: "1'; DROP TABLE practices; --" })],
        ['popular', newCursor],
        ['popular', encode({ k: '1e309', id: uuid })],
        ['title', encode({ k: 5, id: uuid })],
        ['relevance', encode({ k: 'high', id: uuid })],
        ['title', encode(['a', uuid])],
      ];
      for (const [sort, cursor] of cases) {
        const response = await search({ sort, cursor, ...(sort === 'relevance' && { q: 'дворов' }) });
        expect({ sort, cursor, status: response.status }).toEqual({ sort, cursor, status: 400 });
        expectFieldError(response, 'cursor');
      }
    });
  });

  describe('cost', () => {
    it('runs the same small number of SQL statements for a page of 1 and a page of 50', async () => {
      const cases: Query[] = [
        {},
        { q: 'благоустройство' },
        { sort: 'popular', regionId: await ctx.idOf('regions', 'KG-C'), year: 2013 },
      ];
      // The page cache would answer a page seen earlier without any SQL: measure the reads themselves.
      // The spy sees every client of the process, so a background job's statement can land in a
      // window; it only ever adds one, so the fewest of three measurements is the request's own cost.
      const cache = ctx.app.get(CatalogCache);
      const fewest = async (action: () => Promise<unknown>) => {
        const counts: number[] = [];
        for (let attempt = 0; attempt < 3; attempt += 1) {
          cache.clear();
          counts.push((await countStatements(action)).count);
        }
        return { count: Math.min(...counts) };
      };
      for (const query of cases) {
        const small = await fewest(() => search({ ...query, limit: 1 }).expect(200));
        const large = await fewest(async () => {
          const response = await search({ ...query, limit: 50 }).expect(200);
          expect(response.body.items.length).toBeGreaterThan(1);
        });
        expect({ query, small: small.count, large: large.count }).toEqual({
          query,
          small: large.count,
          large: large.count,
        });
        expect(large.count).toBeGreaterThan(0);
        expect(large.count).toBeLessThanOrEqual(2);
      }
    });
  });
});
