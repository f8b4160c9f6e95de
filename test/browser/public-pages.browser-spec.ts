import sharp from 'sharp';
import { Page } from 'playwright-core';
import { Role } from '../../src/common/auth/role';
import { newContest } from '../support/contests';
import { bearer, TestRepresentative, TestUser } from '../support/test-app';
import { BrowserPortal } from './support/portal';

/** A photo-like JPEG (blurred noise compresses like a photograph, unlike a flat colour). */
async function photo(seed: number): Promise<Buffer> {
  const noise = await sharp({
    create: {
      width: 1200,
      height: 900,
      channels: 3,
      background: '#000',
      noise: { type: 'gaussian', mean: 100 + seed * 20, sigma: 60 },
    },
  })
    .blur(4)
    .jpeg({ quality: 85 })
    .toBuffer();
  return noise;
}

/** No sideways scrolling on the narrowest phone WEB.md §4 names (320 px). */
async function expectNoHorizontalScroll(page: Page): Promise<void> {
  // A string, evaluated in the page: the test's TypeScript has no DOM types.
  const { scrollWidth, clientWidth } = await page.evaluate<{ scrollWidth: number; clientWidth: number }>(
    '({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth })',
  );
  expect([page.url(), scrollWidth]).toEqual([page.url(), clientWidth]);
}

describe('public pages in Chromium', () => {
  let portal: BrowserPortal;
  let owner: TestRepresentative;
  let moderator: TestUser;
  let practiceId: string;
  let archivedId: string;
  let municipalityId: string;
  let contestId: string;
  let paths: string[];

  const publish = async (id: string) => {
    const http = portal.ctx.http;
    await http
      .post(`/api/v1/practices/${id}/submit`)
      .set(...bearer(owner))
      .send({})
      .expect(200);
    await http
      .post(`/api/v1/moderation/practices/${id}/decision`)
      .set(...bearer(moderator))
      .send({ action: 'approve' })
      .expect(200);
  };

  beforeAll(async () => {
    portal = await BrowserPortal.start();
    const ctx = portal.ctx;
    owner = await ctx.newRepresentative('M-SADOVOE');
    moderator = await ctx.newModerator();
    const admin = await ctx.newUser({ roles: [Role.Admin] });
    const titles = [
      'Чистая вода для каждого села',
      'Айыл өкмөтүнүн ачык бюджети',
      'Школьный автобус по расписанию',
      'Жаштар кеңеши жана спорт аянтчалары',
      'Раздельный сбор мусора в микрорайонах',
    ];
    const ids: string[] = [];
    for (const [index, title] of titles.entries()) {
      const { id } = await ctx.newPractice(owner, 'draft', { title, language: index % 2 ? 'ky' : 'ru' });
      for (let n = 0; n < (index === 0 ? 3 : 1); n += 1) {
        await ctx.http
          .post(`/api/v1/practices/${id}/attachments`)
          .set(...bearer(owner))
          .attach('file', await photo(index + n), `photo-${n}.jpg`)
          .expect(201);
      }
      await publish(id);
      ids.push(id);
    }
    practiceId = ids[0];
    archivedId = ids[4];
    await ctx.http
      .post(`/api/v1/moderation/practices/${archivedId}/decision`)
      .set(...bearer(moderator))
      .send({ action: 'archive' })
      .expect(200);
    municipalityId = (await ctx.http.get(`/api/v1/practices/${practiceId}`).expect(200)).body.municipality.id;
    contestId = (await newContest(ctx, admin)).id;
    paths = [
      '/',
      '/practices',
      `/practices/${practiceId}`,
      `/practices/${archivedId}`,
      `/municipalities/${municipalityId}`,
      '/contests',
      `/contests/${contestId}`,
      '/stats',
      '/accessibility',
      '/privacy',
      '/data',
    ];
  });

  afterAll(async () => {
    await portal?.close();
  });

  it('pass A (JavaScript on, Russian, mouse): every public page axe-clean, weights within budget', async () => {
    const context = await portal.newContext('A');
    const page = await context.newPage();
    await portal.weights.measure(page, 'home (/)', '/');
    await portal.scan(page, 'first view');
    await portal.weights.measure(page, 'catalog (/practices)', '/practices');
    await portal.scan(page, 'first view');
    await portal.weights.measure(page, 'practice page', `/practices/${practiceId}`);
    expect(await page.locator('h1').textContent()).toBe('Чистая вода для каждого села');
    await portal.scan(page, 'first view');
    for (const path of paths) {
      await page.goto(path);
      expect(await page.locator('h1').count()).toBe(1);
      expect(await page.title()).toMatch(/ — Портал лучших практик местного самоуправления$/);
      await portal.scan(page, 'first view');
    }

    // The catalog's filters with the mouse: a region, then its districts appear.
    await page.goto('/practices');
    await page.getByText('Фильтры', { exact: true }).click();
    await page.getByLabel('Область').selectOption({ label: 'Чуйская область' });
    await page.getByRole('button', { name: 'Показать' }).click();
    expect(await page.getByLabel('Район').isVisible()).toBe(true);
    await portal.scan(page, 'region chosen');
    // A search that finds nothing, then one with a field error.
    await page.goto('/practices?q=x&yearFrom=2024&yearTo=1800');
    expect(await page.title()).toMatch(/^Ошибка: /);
    await portal.scan(page, 'errors shown');
    // From a result to the practice, then to the full-size photo.
    await page.goto('/practices');
    await page.getByRole('link', { name: 'Чистая вода для каждого села' }).click();
    expect(new URL(page.url()).pathname).toBe(`/practices/${practiceId}`);
    await page.getByRole('link', { name: /^Фото 1:/ }).click();
    expect(page.url()).toContain(`/api/v1/practices/${practiceId}/attachments/`);
    await context.close();
  });

  it('pass B (JavaScript off, Kyrgyz, keyboard): every public page axe-clean; the filter refines by keyboard', async () => {
    const context = await portal.newContext('B');
    const page = await context.newPage();
    for (const path of paths) {
      await page.goto(path);
      expect(await page.locator('html').getAttribute('lang')).toBe('ky');
      expect(await page.locator('h1').count()).toBe(1);
      await portal.scan(page, 'first view');
    }
    await page.goto('/practices');
    // Keyboard only: open the filters, choose a region, submit; the district select appears.
    await page.keyboard.press('Tab'); // the skip link
    await page.locator('summary').focus();
    await page.keyboard.press('Enter');
    await page.locator('#regionId').focus();
    await page.keyboard.press('ArrowDown');
    await page.locator('button.govuk-button').focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/regionId=/);
    expect(await page.locator('#districtId').count()).toBe(1);
    expect(await page.locator('#municipalityId').count()).toBe(0);
    await portal.scan(page, 'region chosen');
    await context.close();
  });

  it('English: one scan per template; no page scrolls sideways at 320 px', async () => {
    const context = await portal.browser.newContext({
      baseURL: portal.baseUrl,
      viewport: { width: 320, height: 640 },
      locale: 'en-GB',
      extraHTTPHeaders: { 'Accept-Language': 'en' },
    });
    const page = await context.newPage();
    for (const path of [...paths, '/no/such/page']) {
      await page.goto(path);
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      await portal.scan(page, 'first view');
      await expectNoHorizontalScroll(page);
    }
    await context.close();
  });
});
