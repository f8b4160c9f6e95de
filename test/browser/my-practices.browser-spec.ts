import { BrowserContext, Page } from 'playwright-core';
import { Role } from '../../src/common/auth/role';
import { newContest, openVoting } from '../support/contests';
import { pdfDocument } from '../support/practice-helpers';
import { bearer, TestUser } from '../support/test-app';
import { photoWithGps, servedWithoutExif, thumbnailsShown } from './support/photos';
import { BrowserPortal, Pass } from './support/portal';
import { Steps } from './support/steps';
import { pageWords } from './support/words';

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
const words = (pass: Pass): MyWords => pageWords<MyWords>(pass, 'my');

/** The other areas' words journey 2 presses (account.json, myFiles.json, moderation.json). */
type AccountWords = {
  picker: { region: string; continue: string; municipality: string };
  representation: { submit: string; sent: string };
};
type FilesWords = {
  backToPractice: string;
  attachments: { upload: string };
  contests: { enter: string; entered: string; status: { pending: string } };
};
type ModerationWords = {
  decision: { submit: string; actions: Record<string, string>; reasons: Record<string, string> };
  practice: { changed: string };
  item: { toDecision: string };
};
type Browsing = { context: BrowserContext; page: Page; steps: Steps };

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

describe('the representative in Chromium (WEB.md §5: journey 2 from end to end, journey 5 refusals)', () => {
  let portal: BrowserPortal;
  let moderator: TestUser;
  let admin: TestUser;
  let photo: Buffer;
  let place: { regionRu: string; regionKy: string; municipalityRu: string; municipalityKy: string };
  let categoryRu: string;
  let categoryKy: string;

  beforeAll(async () => {
    portal = await BrowserPortal.start();
    moderator = await portal.ctx.newModerator();
    admin = await portal.ctx.newUser({ roles: [Role.Admin] });
    photo = await photoWithGps();
    [place] = await portal.ctx.db.query(
      `SELECT r.name_ru AS "regionRu", r.name_ky AS "regionKy", m.name_ru AS "municipalityRu", m.name_ky AS "municipalityKy"
         FROM municipalities m JOIN regions r ON r.id = m.region_id WHERE m.code = 'M-DOSTUK'`,
    );
    const [row] = await portal.ctx.db.query(`SELECT name_ru, name_ky FROM categories WHERE code = 'budget'`);
    categoryRu = row.name_ru;
    categoryKy = row.name_ky;
  });

  afterAll(async () => {
    await portal?.close();
  });

  /** Asks to represent Dostuk and is approved through the JSON API (for the tests beside journey 2). */
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

  /** The moderator's browser, beside the representative's: signed in once, on the queue it is sent to. */
  async function moderatorBrowser(pass: Pass, returnTo: string): Promise<Browsing> {
    const staff = await portal.ctx.newModerator({ password: PASSWORD, locale: pass === 'A' ? 'ru' : 'ky' });
    const context = await portal.newContext(pass);
    const page = await context.newPage();
    const steps = new Steps(page, pass);
    await signIn(page, steps, staff, returnTo);
    return { context, page, steps };
  }

  /** The moderator opens an item from a queue tab by its link, and records a decision on its page. */
  async function decide(
    moderation: Browsing,
    pass: Pass,
    item: { tab: string; link: string; action: string; reason?: string; changed?: number },
  ): Promise<void> {
    const { page, steps } = moderation;
    const m = pageWords<ModerationWords>(pass, 'moderation');
    await page.goto(`/moderation/${item.tab}`);
    await portal.scan(page, 'queue tab');
    await steps.press(page.getByRole('link', { name: item.link }));
    await portal.scan(page, 'pending');
    if (item.changed !== undefined) {
      // The revision beside the one the moderator asked to change: what changed is marked.
      expect(await page.locator('.moderation-details__row--changed').count()).toBe(item.changed);
      expect(
        await page.locator('.moderation-details__row--changed .govuk-tag').first().textContent(),
      ).toContain(m.practice.changed);
    }
    // The link past a long item to its form, as a keyboard user takes it.
    await steps.press(page.getByRole('link', { name: m.item.toDecision }));
    await steps.check(page.getByRole('radio', { name: m.decision.actions[item.action], exact: true }));
    if (item.reason) {
      await steps.fill(page.getByLabel(m.decision.reasons[item.action]), item.reason);
    }
    await steps.press(page.getByRole('button', { name: m.decision.submit }));
    expect(new URL(page.url()).pathname).toBe(`/moderation/${item.tab}`);
    expect(await page.locator('.govuk-notification-banner--success').count()).toBe(1);
    await portal.scan(page, 'decided');
  }

  /** What each pass searches the catalog for: another word form of the title, and a typo in it. */
  const SEARCHES: Record<Pass, { title: string; wordForm: string; typo: string }> = {
    A: { title: 'Открытые бюджетные слушания в сёлах', wordForm: 'бюджетных слушаний', typo: 'бюджетнные' },
    B: { title: 'Открытый бюджет айыла', wordForm: 'открытого бюджета', typo: 'открыттый' },
  };

  /**
   * Journey 2 (WEB.md §5) from end to end, every step on a page: the representative in one browser,
   * the moderator in another; only the admin's contest and its voting window go through the API.
   */
  async function journey(pass: Pass): Promise<void> {
    const w = words(pass);
    const a = pageWords<AccountWords>(pass, 'account');
    const f = pageWords<FilesWords>(pass, 'myFiles');
    const locale = pass === 'A' ? 'ru' : 'ky';
    const contest = await newContest(portal.ctx, admin);
    const fullName = `Представитель Достука ${pass}`;
    const user = await portal.ctx.newUser({ password: PASSWORD, locale, fullName });
    const context = await portal.newContext(pass);
    const page = await context.newPage();
    const steps = new Steps(page, pass);

    // Asks to represent Dostuk: the region first (a GET step without JavaScript), then the municipality.
    await signIn(page, steps, user, '/account/representation');
    await portal.scan(page, 'no request');
    await steps.select(page.getByLabel(a.picker.region), pass === 'A' ? place.regionRu : place.regionKy);
    await steps.press(page.getByRole('button', { name: a.picker.continue }));
    await portal.scan(page, 'region chosen');
    await steps.select(
      page.getByLabel(a.picker.municipality),
      pass === 'A' ? place.municipalityRu : place.municipalityKy,
    );
    await steps.press(page.getByRole('button', { name: a.representation.submit }));
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain(a.representation.sent);
    await portal.scan(page, 'pending');

    // The moderator approves the request in the other browser.
    const moderation = await moderatorBrowser(pass, '/moderation/representatives');
    await decide(moderation, pass, { tab: 'representatives', link: fullName, action: 'approve' });

    await page.goto('/my');
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
    const { title } = SEARCHES[pass];
    await steps.fill(page.locator('#title'), title);
    await steps.select(page.locator('#categoryId'), pass === 'A' ? categoryRu : categoryKy);
    await steps.fill(page.locator('#startYear'), '2019');
    await steps.fill(page.locator('#tags'), 'бюджет, участие');
    await steps.press(page.getByRole('button', { name: w.new.submit }));
    const taskListPath = new URL(page.url()).pathname;
    expect(taskListPath).toMatch(/^\/my\/practices\/[0-9a-f-]{36}$/);
    await portal.scan(page, 'draft');

    // A phone photo with its GPS position, and a PDF: pass A both at once through the enhanced
    // control (its script sends each file on its own), pass B one by one without JavaScript.
    await steps.press(page.locator(`a[href="${taskListPath}/attachments"]`).first());
    await portal.scan(page, 'empty');
    const files = [
      { name: 'село.jpg', mimeType: 'image/jpeg', buffer: photo },
      { name: 'отчёт.pdf', mimeType: 'application/pdf', buffer: pdfDocument('отчёт') },
    ];
    for (const batch of pass === 'A' ? [files] : files.map((file) => [file])) {
      await page.locator('input[type=file]').setInputFiles(batch);
      const upload = page.getByRole('button', { name: f.attachments.upload });
      // With JavaScript the page moves on once the script has sent the last file.
      await (pass === 'A' ? Promise.all([page.waitForNavigation(), upload.click()]) : steps.press(upload));
      expect(new URL(page.url()).pathname).toBe(`${taskListPath}/attachments`);
    }
    expect(await thumbnailsShown(page)).toBe(1);
    expect(await page.getByRole('link', { name: 'отчёт.pdf', exact: true }).count()).toBe(1);
    await portal.scan(page, 'two files');
    await steps.press(page.getByRole('link', { name: f.backToPractice }));
    expect(new URL(page.url()).pathname).toBe(taskListPath);

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

    // The moderator asks for changes, with the reason the representative will read.
    const id = taskListPath.split('/').pop()!;
    const reason = `Добавьте цифры за 2023 год (${pass}).`;
    await decide(moderation, pass, { tab: 'practices', link: title, action: 'request_changes', reason });

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

    // The moderator sees the changed field marked, and approves: the practice is published.
    await decide(moderation, pass, { tab: 'practices', link: title, action: 'approve', changed: 1 });
    expect(await portal.ctx.db.query('SELECT status FROM practices WHERE id = $1', [id])).toEqual([
      { status: 'published' },
    ]);

    // The catalog finds it by another word form and by a typo; its photo is served without EXIF.
    const search = SEARCHES[pass];
    for (const q of [search.wordForm, search.typo]) {
      await page.goto('/practices');
      await steps.fill(page.locator('#q'), q);
      await steps.press(page.locator('form[action="/practices"] button').last());
      expect(new URL(page.url()).searchParams.get('q')).toBe(q);
      expect({ q, found: await page.getByRole('link', { name: title }).count() }).toEqual({ q, found: 1 });
      await portal.scan(page, 'search results');
    }
    await steps.press(page.getByRole('link', { name: title }));
    expect(new URL(page.url()).pathname).toBe(`/practices/${id}`);
    await portal.scan(page, 'published');
    await servedWithoutExif(context, await page.locator('.portal-gallery a').first().getAttribute('href'));

    // Entered into the open contest; the moderator accepts the entry.
    await page.goto(taskListPath);
    await steps.press(page.locator(`a[href="${taskListPath}/contests"]`).first());
    await portal.scan(page, 'open contest');
    await steps.check(page.locator(`#nomination-${contest.id}`));
    await steps.press(page.getByRole('button', { name: f.contests.enter }));
    expect(new URL(page.url()).pathname).toBe(`${taskListPath}/contests`);
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain(f.contests.entered);
    expect(await page.locator('main').textContent()).toContain(f.contests.status.pending);
    await portal.scan(page, 'entered');
    await decide(moderation, pass, { tab: 'entries', link: title, action: 'accept' });
    await moderation.context.close();

    // Voting opens (the admin moves the window through the API): the practice is on the ballot.
    await openVoting(portal.ctx, admin, contest.id);
    await page.goto(`/contests/${contest.id}`);
    const ballot = page.locator('section[aria-labelledby="ballot-heading"]');
    expect(await ballot.getByRole('link', { name: title }).count()).toBe(1);
    await portal.scan(page, 'voting');
    await context.close();
  }

  it('journey 2, pass A: ask to represent, write every section with files, revise, publish, found, enter, on the ballot (ru, JS, mouse)', async () => {
    await journey('A');
  }, 240_000);

  // Two browsers and some sixty pages: room above the tier's 120 s when the machine is busy.
  it('journey 2, pass B: the same in Kyrgyz, JavaScript off, keyboard only', async () => {
    await journey('B');
  }, 240_000);

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
