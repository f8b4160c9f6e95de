import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Page } from 'playwright-core';
import { bearer, TestUser } from '../support/test-app';
import { BrowserPortal, Pass } from './support/portal';
import { Steps } from './support/steps';

/** The pages' own words (my.json) in the pass's language: pass A reads Russian, pass B Kyrgyz. */
type MyWords = {
  list: { new: string; groups: { changesRequested: string } };
  sections: Record<string, { title: string }>;
  new: { submit: string };
  section: { save: string; saveAgain: string };
  taskList: { check: string };
  check: { submit: string; resubmit: string };
  conflict: { warning: string };
  reason: { changesHeading: string };
  status: Record<string, string>;
};
const words = (pass: Pass): MyWords =>
  JSON.parse(
    readFileSync(join(__dirname, '../../src/web/i18n', pass === 'A' ? 'ru' : 'ky', 'my.json'), 'utf8'),
  ) as MyWords;

const PASSWORD = 'a long browser passphrase';

/** What a representative types in each section after the first (ids of the fields). */
const SECTION_TEXTS: Record<string, Record<string, string>> = {
  story: {
    problem: 'Жители не знали, как тратится бюджет села.',
    solution: 'Слушания и голосование за проекты в каждом селе.',
  },
  outcome: {
    results: 'Явка выросла с 40 до 600 человек.',
    resources: 'Местный бюджет и 3 сотрудника.',
  },
  replicability: { replicability: 'Нужны положение о слушаниях и бюллетень.' },
  contact: { contactName: 'Айбек Осмонов', contactPhone: '+996 555 000111' },
};

describe('the representative in Chromium (WEB.md §5: journey 2 on the /my pages, journey 5 refusals)', () => {
  let portal: BrowserPortal;
  let moderator: TestUser;
  let categoryRu: string;
  let categoryKy: string;

  beforeAll(async () => {
    portal = await BrowserPortal.start();
    moderator = await portal.ctx.newModerator();
    const [row] = await portal.ctx.db.query(`SELECT name_ru, name_ky FROM categories WHERE code = 'budget'`);
    categoryRu = row.name_ru;
    categoryKy = row.name_ky;
  });

  afterAll(async () => {
    await portal?.close();
  });

  /** Asks to represent Dostuk and is approved, both through the JSON API (other engineers' pages). */
  async function approvedRepresentative(locale: 'ru' | 'ky' | 'en'): Promise<TestUser> {
    const user = await portal.ctx.newUser({ password: PASSWORD, locale });
    const municipalityId = await portal.ctx.idOf('municipalities', 'M-DOSTUK');
    const asked = await portal.ctx.http
      .post(`/api/v1/municipalities/${municipalityId}/representatives`)
      .set(...bearer(user))
      .send({})
      .expect(201);
    await portal.ctx.http
      .post(`/api/v1/moderation/representatives/${asked.body.id}/decision`)
      .set(...bearer(moderator))
      .send({ action: 'approve' })
      .expect(200);
    return user;
  }

  async function signIn(page: Page, steps: Steps, user: TestUser, returnTo: string): Promise<void> {
    await page.goto(`/login?returnTo=${encodeURIComponent(returnTo)}`);
    await steps.fill(page.locator('#email'), user.email);
    await steps.fill(page.locator('#password'), PASSWORD);
    await steps.press(page.locator('form[action="/login"] button[type=submit]'));
    expect(new URL(page.url()).pathname).toBe(returnTo);
  }

  async function fillSection(steps: Steps, page: Page, values: Record<string, string>): Promise<void> {
    for (const [id, value] of Object.entries(values)) {
      await steps.fill(page.locator(`#${id}`), value);
    }
  }

  async function journey(pass: Pass): Promise<void> {
    const w = words(pass);
    const user = await approvedRepresentative(pass === 'A' ? 'ru' : 'ky');
    const context = await portal.newContext(pass);
    const page = await context.newPage();
    const steps = new Steps(page, pass);
    await signIn(page, steps, user, '/my');
    if (pass === 'A') {
      await portal.weights.measure(page, 'my practices (/my)', '/my');
    }
    await portal.scan(page, 'empty');

    // Create: the first section, once with an error (what was typed is kept), then saved as a draft.
    await steps.press(page.getByRole('button', { name: w.list.new }));
    await portal.scan(page, 'empty form');
    await steps.fill(page.locator('#summary'), 'Жители вместе распределяют часть бюджета села.');
    await steps.press(page.getByRole('button', { name: w.new.submit }));
    expect(await page.locator('.govuk-error-summary a[href="#title"]').count()).toBe(1);
    expect(await page.locator('#summary').inputValue()).toBe(
      'Жители вместе распределяют часть бюджета села.',
    );
    await portal.scan(page, 'errors');
    const title = `Открытый бюджет ${pass}`;
    await steps.fill(page.locator('#title'), title);
    await steps.select(page.locator('#categoryId'), pass === 'A' ? categoryRu : categoryKy);
    await steps.fill(page.locator('#startYear'), '2019');
    await steps.fill(page.locator('#tags'), 'бюджет, участие');
    await steps.press(page.getByRole('button', { name: w.new.submit }));
    const taskListPath = new URL(page.url()).pathname;
    expect(taskListPath).toMatch(/^\/my\/practices\/[0-9a-f-]{36}$/);
    await portal.scan(page, 'draft');

    // Every other section, each on its own page, saved back to the task list.
    for (const [section, values] of Object.entries(SECTION_TEXTS)) {
      await steps.press(page.getByRole('link', { name: w.sections[section].title, exact: true }));
      if (pass === 'A' && section === 'story') {
        await portal.weights.measure(page, 'practice form (section)', new URL(page.url()).pathname);
      }
      await portal.scan(page, 'empty form');
      await fillSection(steps, page, values);
      await steps.press(page.getByRole('button', { name: w.section.save }));
      expect(new URL(page.url()).pathname).toBe(taskListPath);
    }
    await portal.scan(page, 'completed');

    // Check answers, submit.
    await steps.press(page.getByRole('button', { name: w.taskList.check }));
    await portal.scan(page, 'complete');
    await steps.press(page.getByRole('button', { name: w.check.submit }));
    expect(new URL(page.url()).pathname).toBe(taskListPath);
    expect(await page.locator('.govuk-tag').first().textContent()).toContain(w.status.submitted);
    await portal.scan(page, 'submitted');

    // The moderator asks for changes (the moderation pages are another engineer's: the JSON API).
    const id = taskListPath.split('/').pop()!;
    const reason = `Добавьте цифры за 2023 год (${pass}).`;
    await portal.ctx.http
      .post(`/api/v1/moderation/practices/${id}/decision`)
      .set(...bearer(moderator))
      .send({ action: 'request_changes', reason })
      .expect(200);

    // The representative sees the reason, edits, and resubmits.
    await page.goto('/my');
    expect(await page.locator('main').textContent()).toContain(reason);
    await portal.scan(page, 'changes requested');
    await steps.press(page.getByRole('link', { name: title }));
    expect(await page.locator('.my-reason').textContent()).toContain(reason);
    await portal.scan(page, 'changes requested');
    await steps.press(page.getByRole('link', { name: w.sections.outcome.title, exact: true }));
    expect(await page.locator('main').textContent()).toContain(w.reason.changesHeading);
    await portal.scan(page, 'changes requested');
    await steps.fill(page.locator('#results'), 'В 2023 году пришли 650 человек, построено 14 объектов.');
    await steps.press(page.getByRole('button', { name: w.section.save }));
    await steps.press(page.getByRole('button', { name: w.taskList.check }));
    await portal.scan(page, 'changes requested');
    await steps.press(page.getByRole('button', { name: w.check.resubmit }));
    const [row] = await portal.ctx.db.query('SELECT status, results FROM practices WHERE id = $1', [id]);
    expect(row).toEqual({
      status: 'submitted',
      results: 'В 2023 году пришли 650 человек, построено 14 объектов.',
    });
    await page.goto(`${taskListPath}/history`);
    expect(await page.locator('main').textContent()).toContain(reason);
    await portal.scan(page, 'resubmitted');
    await context.close();
  }

  it('journey 2, pass A: become a representative, write every section, submit, revise after changes (ru, JS, mouse)', async () => {
    await journey('A');
  });

  it('journey 2, pass B: the same in Kyrgyz, JavaScript off, keyboard only', async () => {
    await journey('B');
  });

  it('journey 5, pass B: a stale edit keeps the text; another municipality’s draft is the 404 page (ky, JS off)', async () => {
    const w = words('B');
    const user = await approvedRepresentative('ky');
    const colleague = await approvedRepresentative('ky');
    const { id } = await portal.ctx.newPractice(colleague, 'draft');
    const context = await portal.newContext('B');
    const page = await context.newPage();
    const steps = new Steps(page, 'B');
    await signIn(page, steps, user, '/my');

    // The colleague saves the same section between this user's opening it and saving it.
    await page.goto(`/my/practices/${id}/sections/story`);
    const current = await portal.ctx.http.get(`/api/v1/practices/${id}`).set(...bearer(colleague));
    await portal.ctx.http
      .patch(`/api/v1/practices/${id}`)
      .set(...bearer(colleague))
      .send({ version: current.body.version, problem: 'Кесиптеш биринчи сактаган көйгөйдүн тексти.' })
      .expect(200);
    const mine = 'Менин көйгөй тууралуу узун текстим, аны жоготпоо керек.';
    await steps.fill(page.locator('#problem'), mine);
    await steps.press(page.getByRole('button', { name: w.section.save }));
    expect(await page.locator('.govuk-warning-text').textContent()).toContain(w.conflict.warning);
    expect(await page.locator('#problem').inputValue()).toBe(mine);
    expect(await page.locator('main').textContent()).toContain('Кесиптеш биринчи сактаган көйгөйдүн тексти.');
    await portal.scan(page, 'conflict');
    await steps.press(page.getByRole('button', { name: w.section.saveAgain }));
    const [row] = await portal.ctx.db.query('SELECT problem FROM practices WHERE id = $1', [id]);
    expect(row.problem).toBe(mine);

    // The form and the task list at 320 px: nothing wider than the screen (WEB.md §4).
    await page.setViewportSize({ width: 320, height: 740 });
    for (const path of [`/my/practices/${id}/sections/about`, `/my/practices/${id}`, '/my']) {
      await page.goto(path);
      const width = await page.evaluate(
        () =>
          (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document
            .documentElement.scrollWidth,
      );
      expect({ path, width }).toEqual({ path, width: 320 });
    }

    // Another municipality's draft: the 404 page.
    const stranger = await portal.ctx.newRepresentative('M-SADOVOE');
    const { id: foreign } = await portal.ctx.newPractice(stranger, 'draft');
    const response = await page.goto(`/my/practices/${foreign}`);
    expect(response?.status()).toBe(404);
    await portal.scan(page, 'not found');
    await context.close();
  });

  it('English: one axe scan per template of the representative pages', async () => {
    const user = await approvedRepresentative('en');
    const { id } = await portal.ctx.newPractice(user, 'draft');
    const context = await portal.browser.newContext({
      baseURL: portal.baseUrl,
      viewport: { width: 360, height: 740 },
      extraHTTPHeaders: { 'Accept-Language': 'en' },
    });
    const page = await context.newPage();
    await signIn(page, new Steps(page, 'A'), user, '/my');
    const base = `/my/practices/${id}`;
    for (const path of [
      '/my',
      '/my/practices/new',
      base,
      `${base}/sections/about`,
      `${base}/check`,
      `${base}/withdraw`,
      `${base}/history`,
    ]) {
      await page.goto(path);
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      await portal.scan(page, 'english');
    }
    await context.close();
  });
});
