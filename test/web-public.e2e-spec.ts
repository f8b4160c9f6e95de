import sharp from 'sharp';
import { Role } from '../src/common/auth/role';
import { createHash } from 'node:crypto';
import { newContest, newVoter, openVoting } from './support/contests';
import { bearer, TestContext, TestRepresentative, TestUser } from './support/test-app';
import {
  closeAndPublish,
  castVote,
  decideEntry,
  enterPractice,
  quickEntries,
  votingContest,
} from './support/voting-helpers';

/** The public pages' server behaviour (WEB.md §3, §4) that a browser need not show. */
describe('public website pages (server side)', () => {
  let ctx: TestContext;
  let owner: TestRepresentative;
  let moderator: TestUser;
  let admin: TestUser;
  let published: string;
  let formula: string;
  let draft: string;
  let archived: string;
  let photoId: string;

  beforeAll(async () => {
    ctx = await TestContext.start({ CATALOG_CACHE_TTL_MS: '0' });
    owner = await ctx.newRepresentative('M-SADOVOE');
    moderator = await ctx.newModerator();
    admin = await ctx.newUser({ roles: [Role.Admin] });
    published = (await ctx.newPractice(owner, 'draft', { title: 'Чистая вода для села' })).id;
    formula = (await ctx.newPractice(owner, 'published', { title: '=HYPERLINK("http://evil.test","Нажми")' }))
      .id;
    draft = (await ctx.newPractice(owner, 'draft', { title: 'Черновик, которого никто не видит' })).id;
    archived = (await ctx.newPractice(owner, 'published', { title: 'Старая практика в архиве' })).id;
    for (let i = 0; i < 10; i += 1) {
      await ctx.newPractice(owner, 'published', { title: `Практика для второй страницы ${i}` });
    }
    await ctx.http
      .post(`/api/v1/moderation/practices/${archived}/decision`)
      .set(...bearer(moderator))
      .send({ action: 'archive' })
      .expect(200);
    const photo = await sharp({ create: { width: 1200, height: 900, channels: 3, background: '#3a7' } })
      .jpeg({ quality: 90 })
      .toBuffer();
    const uploaded = await ctx.http
      .post(`/api/v1/practices/${published}/attachments`)
      .set(...bearer(owner))
      .attach('file', photo, 'well.jpg')
      .expect(201);
    photoId = uploaded.body.id as string;
    await ctx.http
      .post(`/api/v1/practices/${published}/submit`)
      .set(...bearer(owner))
      .send({})
      .expect(200);
    await ctx.http
      .post(`/api/v1/moderation/practices/${published}/decision`)
      .set(...bearer(moderator))
      .send({ action: 'approve' })
      .expect(200);
  });

  afterAll(async () => {
    await ctx?.close();
  });

  it('lists published practices in the catalog with a lazy 160×120 WebP thumbnail, never a draft', async () => {
    const page = await ctx.http.get('/practices').set('Accept-Language', 'ru').expect(200);
    expect(page.text).toContain('Чистая вода для села');
    expect(page.text).not.toContain('Черновик, которого никто не видит');
    expect(page.text).not.toContain('Старая практика в архиве');
    const img = new RegExp(
      `<img class="portal-card__image" src="(/images/practices/${published}/${photoId}/160\\.webp)" width="160" height="120" loading="lazy" alt="">`,
    ).exec(page.text);
    expect(img).not.toBeNull();
    const image = await ctx.http.get(img![1]).expect(200);
    expect(image.headers['content-type']).toBe('image/webp');
    expect(image.headers['cache-control']).toBe('public, max-age=86400');
    expect((image.body as Buffer).length).toBeLessThanOrEqual(10 * 1024);
    expect(await sharp(image.body as Buffer).metadata()).toMatchObject({
      format: 'webp',
      width: 160,
      height: 120,
    });
  });

  it("signs in from the header and comes back to the page being read, never with the page's query", async () => {
    const catalog = await ctx.http.get('/practices?q=secret').expect(200);
    expect(catalog.text).toContain('href="/login?returnTo=%2Fpractices"');
    const home = await ctx.http.get('/').expect(200);
    expect(home.text).toContain('href="/login"');
  });

  it('refines the place filter step by step: districts only after a region, municipalities only after a district', async () => {
    const first = await ctx.http.get('/practices').expect(200);
    expect(first.text).toContain('name="regionId"');
    expect(first.text).not.toContain('name="districtId"');
    expect(first.text).not.toContain('name="municipalityId"');
    const regionId = await ctx.idOf('regions', 'KG-C');
    const second = await ctx.http.get(`/practices?regionId=${regionId}`).expect(200);
    expect(second.text).toContain('name="districtId"');
    expect(second.text).not.toContain('name="municipalityId"');
    const districtId = /<option value="([0-9a-f-]{36})">[^<]*<\/option>/.exec(
      second.text.slice(second.text.indexOf('name="districtId"')),
    )![1];
    const third = await ctx.http.get(`/practices?regionId=${regionId}&districtId=${districtId}`).expect(200);
    const municipalitySelect = third.text.slice(third.text.indexOf('name="municipalityId"'));
    const options =
      municipalitySelect.slice(0, municipalitySelect.indexOf('</select>')).match(/<option /g) ?? [];
    const all = await ctx.count('municipalities');
    expect(options.length).toBeGreaterThan(1);
    expect(options.length).toBeLessThan(all);
  });

  it('pages the catalog by cursor: "next page" keeps the filters and the last page has no next link', async () => {
    const categoryId = await ctx.idOf('categories', 'budget');
    const seen = new Set<string>();
    let path = `/practices?categoryId=${categoryId}&sort=title`;
    let pages = 0;
    for (; path && pages < 5; pages += 1) {
      const page = await ctx.http.get(path).expect(200);
      for (const match of page.text.matchAll(/<a class="govuk-link" href="\/practices\/([0-9a-f-]{36})">/g)) {
        expect(seen.has(match[1])).toBe(false);
        seen.add(match[1]);
      }
      const next = /<a class="govuk-link govuk-pagination__link" href="([^"]+)" rel="next">/.exec(page.text);
      if (pages > 0) {
        expect(page.text).toContain('rel="first"');
      }
      path = next ? next[1].replace(/&amp;/g, '&') : '';
      if (next) {
        expect(path).toContain(`categoryId=${categoryId}`);
        expect(path).toContain('sort=title');
        expect(path).toContain('cursor=');
      }
    }
    const published = await ctx.count('practices', "status = 'published' AND category_id = $1", [categoryId]);
    expect(pages).toBe(Math.ceil(published / 10));
    expect(seen.size).toBe(published);
  });

  it('reports a bad filter at the field and still shows results for the rest', async () => {
    const page = await ctx.http.get('/practices?yearFrom=19&q=x').set('Accept-Language', 'en').expect(200);
    expect(page.text).toContain('<title>Error: Catalogue of practices');
    expect(page.text).toContain('href="#yearFrom"');
    expect(page.text).toContain('Enter a year from 1991 on');
    expect(page.text).toContain('Enter at least 2 characters');
    expect(page.text).toContain('Чистая вода для села');
  });

  it('filters by a span of years in one fieldset, keeps both years, and reports a span that ends before it starts', async () => {
    // The practice runs from 2019 on (the factory's years): a span that overlaps it finds it, one before it does not.
    const found = await ctx.http
      .get('/practices?yearFrom=2018&yearTo=2019')
      .set('Accept-Language', 'en')
      .expect(200);
    expect(found.text).toContain('Чистая вода для села');
    expect(found.text).toMatch(
      /<fieldset class="govuk-fieldset" role="group" aria-describedby="yearSpan-hint">\s*<legend class="govuk-fieldset__legend">Years running<\/legend>/,
    );
    expect(found.text).toContain(
      'id="yearFrom" name="yearFrom" type="text" inputmode="numeric" maxlength="4" value="2018"',
    );
    expect(found.text).toContain(
      'id="yearTo" name="yearTo" type="text" inputmode="numeric" maxlength="4" value="2019"',
    );
    expect(found.text).toContain('<details class="govuk-details portal-filters" open>');
    const before = await ctx.http
      .get('/practices?yearFrom=2000&yearTo=2018')
      .set('Accept-Language', 'en')
      .expect(200);
    expect(before.text).not.toContain('Чистая вода для села');

    const wrong = await ctx.http
      .get('/practices?yearFrom=2024&yearTo=2020')
      .set('Accept-Language', 'ru')
      .expect(200);
    expect(wrong.text).toContain('<title>Ошибка: ');
    expect(wrong.text).toContain('<a href="#yearTo">Последний год должен быть не раньше первого</a>');
    expect(wrong.text).toContain('aria-describedby="yearSpan-hint yearSpan-error"');
    expect(wrong.text).toContain('id="yearSpan-error"');
    expect(wrong.text).toMatch(
      /class="govuk-input govuk-input--width-4 govuk-input--error" id="yearTo"[^>]*value="2020"/,
    );
    expect(wrong.text).toMatch(/class="govuk-input govuk-input--width-4" id="yearFrom"[^>]*value="2024"/);
    // The rest of the search still runs: the first year alone (2024 on) finds the ongoing practice.
    expect(wrong.text).toContain('Чистая вода для села');

    // A link from before the span: ?year=2022 is the span of that one year.
    const old = await ctx.http.get('/practices?year=2022').set('Accept-Language', 'en').expect(200);
    expect(old.text).toContain('value="2022"');
    expect(old.text).toContain('Чистая вода для села');
    expect(old.text).not.toContain('Error:');
  });

  it('shows a published practice with its sections, gallery, contact and municipality link', async () => {
    const page = await ctx.http.get(`/practices/${published}`).set('Accept-Language', 'ru').expect(200);
    expect(page.text).toContain('<h1 class="govuk-heading-l" lang="ru">Чистая вода для села</h1>');
    for (const heading of ['Проблема', 'Решение', 'Результаты', 'Ресурсы', 'Как повторить', 'Фотографии']) {
      expect(page.text).toContain(`>${heading}</h2>`);
    }
    expect(page.text).toContain(`href="/api/v1/practices/${published}/attachments/${photoId}"`);
    expect(page.text).toMatch(/<img src="[^"]+\/thumbnail" width="400" height="300" loading="lazy"/);
    expect(page.text).toMatch(/href="\/municipalities\/[0-9a-f-]{36}"/);
    expect(page.text).toContain('Айбек Осмонов');
  });

  it('shows an archived practice as an "archived" page, and a draft or unknown id as the 404 page', async () => {
    const page = await ctx.http.get(`/practices/${archived}`).set('Accept-Language', 'ru').expect(200);
    expect(page.text).toContain('В архиве');
    expect(page.text).toContain('Старая практика в архиве');
    expect(page.text).not.toContain('Проблема');
    for (const path of [
      `/practices/${draft}`,
      '/practices/00000000-0000-4000-8000-000000000000',
      '/practices/nope',
    ]) {
      const missing = await ctx.http.get(path).set('Accept-Language', 'en');
      expect(missing.status).toBe(404);
      expect(missing.headers['content-type']).toMatch(/^text\/html/);
      expect(missing.text).not.toContain('Черновик');
    }
    const nowhere = await ctx.http.get('/no/such/page').set('Accept-Language', 'ky');
    expect(nowhere.status).toBe(404);
    expect(nowhere.text).toContain('<html lang="ky"');
  });

  it('shows a municipality with its region and its published practices', async () => {
    const practice = await ctx.http.get(`/api/v1/practices/${published}`).expect(200);
    const page = await ctx.http
      .get(`/municipalities/${practice.body.municipality.id}`)
      .set('Accept-Language', 'ru')
      .expect(200);
    expect(page.text).toContain(`<h1 class="govuk-heading-l">${practice.body.municipality.name}</h1>`);
    expect(page.text).toContain(practice.body.region.name);
    expect(page.text).toContain('Чистая вода для села');
    await ctx.http.get('/municipalities/00000000-0000-4000-8000-000000000000').expect(404);
  });

  it('caches anonymous pages briefly with Vary, and never a page that sets the language cookie', async () => {
    for (const path of [
      '/',
      '/practices',
      `/practices/${published}`,
      '/contests',
      '/stats',
      '/data',
      '/privacy',
      '/accessibility',
    ]) {
      const page = await ctx.http.get(path).set('Accept-Language', 'ru');
      expect([path, page.status]).toEqual([path, 200]);
      expect([path, page.headers['cache-control']]).toEqual([path, 'public, max-age=60']);
      expect(page.headers.vary).toContain('Accept-Language');
      expect(page.headers.vary).toContain('Cookie');
    }
    const switched = await ctx.http.get('/practices?lang=en');
    expect(switched.headers['cache-control']).toBe('private, no-store');
  });

  it('serves robots.txt pointing at the sitemap, keeping crawlers off personal and staff pages', async () => {
    const robots = await ctx.http.get('/robots.txt').expect(200);
    expect(robots.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(robots.headers['cache-control']).toBe('public, max-age=300');
    expect(robots.text).toContain('Sitemap: http://portal.test/sitemap.xml');
    expect(robots.text).toMatch(/^Disallow: \/account$/m);
    expect(robots.text).toMatch(/^Disallow: \/admin\/$/m);
  });

  it('lists published practices, their municipalities and contests in sitemap.xml with hreflang alternates', async () => {
    const contest = await newContest(ctx, admin);
    const sitemap = await ctx.http.get('/sitemap.xml').expect(200);
    expect(sitemap.headers['content-type']).toBe('application/xml; charset=utf-8');
    const url = `http://portal.test/practices/${published}`;
    expect(sitemap.text).toContain(`<loc>${url}</loc>`);
    for (const lang of ['ky', 'ru', 'en']) {
      expect(sitemap.text).toContain(
        `<xhtml:link rel="alternate" hreflang="${lang}" href="${url}?lang=${lang}"/>`,
      );
    }
    expect(sitemap.text).toContain(`<loc>http://portal.test/contests/${contest.id}</loc>`);
    expect(sitemap.text).toMatch(/<loc>http:\/\/portal\.test\/municipalities\/[0-9a-f-]{36}<\/loc>/);
    expect(sitemap.text).not.toContain(draft);
    expect(sitemap.text).not.toContain(archived);
  });

  it('exports the published catalog as CSV, a formula in a title neutralized', async () => {
    const csv = await ctx.http.get('/data/practices.csv?lang=ru').expect(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe('attachment; filename="practices-ru.csv"');
    const lines = csv.text.split('\r\n');
    expect(lines[0]).toBe(
      'id,title,municipality,region,category,start_year,end_year,summary,tags,published_at,url',
    );
    expect(csv.text).toContain(`${formula},"'=HYPERLINK(""http://evil.test"",""Нажми"")",`);
    expect(csv.text).not.toContain(draft);
  });

  it('shows a contest with its timeline, the current phase and the nominations', async () => {
    const contest = await newContest(ctx, admin);
    const list = await ctx.http.get('/contests').set('Accept-Language', 'ru').expect(200);
    expect(list.text).toContain(`href="/contests/${contest.id}"`);
    const page = await ctx.http.get(`/contests/${contest.id}`).set('Accept-Language', 'ru').expect(200);
    expect(page.text).toContain('<h1 class="govuk-heading-l">Лучшая практика МСУ</h1>');
    expect(page.text).toMatch(
      /portal-timeline__step--current" aria-current="step">\s*<span[^>]*>Приём заявок/,
    );
    expect(page.text).toContain('Бюджет — 2 победителя');
    expect(page.text).toContain('Один пользователь — один голос за практику.');
    const home = await ctx.http.get('/').set('Accept-Language', 'ru').expect(200);
    expect(home.text).toContain(`href="/contests/${contest.id}"`);
    expect(home.text).toContain('Заявки принимаются до');
  });

  it("shows each ballot entry with its practice's lazy 160 px thumbnail, and none without a photo or once archived", async () => {
    const contest = await newContest(ctx, admin);
    const entered = await enterPractice(ctx, owner, contest.id, {
      practiceId: published,
      nominationId: contest.nominationIds[0],
    });
    expect(entered.status).toBe(201);
    expect(
      (await decideEntry(ctx, moderator, contest.id, entered.body.id, { action: 'accept' })).status,
    ).toBe(200);
    const [withoutPhoto] = await quickEntries(ctx, contest.id, contest.nominationIds[0], 1, {
      owner,
      moderator,
    });
    await openVoting(ctx, admin, contest.id);
    const thumbnailUrl = `/api/v1/practices/${published}/attachments/${photoId}/thumbnail`;
    const api = await ctx.http.get(`/api/v1/contests/${contest.id}/entries`).expect(200);
    expect(api.body).toEqual([
      expect.objectContaining({ id: entered.body.id, thumbnailUrl }),
      expect.objectContaining({ id: withoutPhoto, thumbnailUrl: null }),
    ]);
    const one = await ctx.http.get(`/api/v1/contests/${contest.id}/entries/${entered.body.id}`).expect(200);
    expect(one.body.thumbnailUrl).toBe(thumbnailUrl);
    const page = await ctx.http.get(`/contests/${contest.id}`).set('Accept-Language', 'ru').expect(200);
    const entryHtml = (id: string) =>
      new RegExp(`id="entry-${id}">([\\s\\S]*?)</li>`).exec(page.text)?.[1] ?? '';
    expect(entryHtml(entered.body.id)).toContain(
      `<img class="portal-card__image" src="/images/practices/${published}/${photoId}/160.webp" width="160" height="120" loading="lazy" alt="">`,
    );
    expect(entryHtml(entered.body.id)).toContain('Чистая вода для села');
    expect(entryHtml(withoutPhoto)).toContain('Конкурсная практика 1');
    expect(entryHtml(withoutPhoto)).not.toContain('<img');

    // Archived, its photos are refused to visitors: no thumbnail rather than a broken image.
    await ctx.http
      .post(`/api/v1/moderation/practices/${published}/decision`)
      .set(...bearer(moderator))
      .send({ action: 'archive' })
      .expect(200);
    const afterArchive = await ctx.http.get(`/api/v1/contests/${contest.id}/entries`).expect(200);
    expect(afterArchive.body[0]).toMatchObject({ id: entered.body.id, thumbnailUrl: null });
  });

  it('lists a published contest on the open data page with both downloads and their digests', async () => {
    const contest = await votingContest(ctx, admin, {}, 1, { owner, moderator });
    const voter = await newVoter(ctx);
    expect((await castVote(ctx, voter, contest.id, contest.entries[0])).status).toBe(201);
    expect((await closeAndPublish(ctx, admin, contest.id)).status).toBe(201);
    const results = await ctx.http.get(`/api/v1/contests/${contest.id}/results`).expect(200);
    const ledger = await ctx.http.get(`/api/v1/contests/${contest.id}/ledger.csv`).expect(200);
    const resultsCsv = await ctx.http.get(`/api/v1/contests/${contest.id}/results.csv`).expect(200);
    const page = await ctx.http.get('/data').set('Accept-Language', 'ru').expect(200);
    const digest = (text: string) => createHash('sha256').update(text).digest('hex');
    expect(page.text).toContain(results.body.ledgerSha256);
    expect(digest(ledger.text)).toBe(results.body.ledgerSha256);
    expect(page.text).toContain(digest(resultsCsv.text));
    expect(page.text).toContain(`href="/api/v1/contests/${contest.id}/ledger.csv"`);
  });

  it('shows published results in the reader’s language: nominations and municipalities, not only the Russian record', async () => {
    const contest = await votingContest(ctx, admin, {}, 1, { owner, moderator });
    expect((await castVote(ctx, await newVoter(ctx), contest.id, contest.entries[0])).status).toBe(201);
    expect((await closeAndPublish(ctx, admin, contest.id)).status).toBe(201);
    const [place] = await ctx.db.query(
      `SELECT name_ru, name_en FROM municipalities WHERE code = 'M-SADOVOE'`,
    );
    const record = await ctx.http.get(`/api/v1/contests/${contest.id}/results`).expect(200);
    expect(record.body.nominations[0]).toMatchObject({
      title: 'Бюджет',
      ranking: [expect.objectContaining({ municipality: place.name_ru })],
    });

    const english = await ctx.http.get(`/contests/${contest.id}/results?lang=en`).expect(200);
    expect(english.text).toContain('Budget');
    expect(english.text).not.toContain('Бюджет');
    expect(english.text).toContain(place.name_en);
    expect(english.text).not.toContain(place.name_ru);
    const russian = await ctx.http.get(`/contests/${contest.id}/results?lang=ru`).expect(200);
    expect(russian.text).toContain(place.name_ru);
  });
});
