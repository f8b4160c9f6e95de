import { BrowserContext, Page } from 'playwright-core';
import { Role } from '../../src/common/auth/role';
import { newContest } from '../support/contests';
import { bearer, TestRepresentative, TestUser } from '../support/test-app';
import { enterPractice } from '../support/voting-helpers';
import { BrowserPortal, Pass } from './support/portal';
import { Steps } from './support/steps';

/** The words each pass reads on the moderator's pages (pass A in Russian, pass B in Kyrgyz). */
const WORDS = {
  A: {
    email: 'Адрес электронной почты',
    password: 'Пароль',
    signIn: 'Войти',
    verifications: 'Верификация избирателей',
    entries: 'Заявки на конкурсы',
    practices: 'Практики',
    approve: 'Одобрить',
    accept: 'Принять',
    requestChanges: 'Попросить правки',
    changesReason: 'Что нужно исправить',
    record: 'Записать решение',
    reasonMissing: 'Укажите причину: её получит тот, кого касается решение',
    changed: 'Изменено',
    ownMunicipality: 'Вы представляете этот муниципалитет',
  },
  B: {
    email: 'Электрондук почтанын дареги',
    password: 'Сырсөз',
    signIn: 'Кирүү',
    verifications: 'Добуш берүүчүлөрдү ырастоо',
    entries: 'Сынакка арыздар',
    practices: 'Тажрыйбалар',
    approve: 'Ырастоо',
    accept: 'Кабыл алуу',
    requestChanges: 'Оңдоону суроо',
    changesReason: 'Эмнени оңдоо керек',
    record: 'Чечимди жазуу',
    reasonMissing: 'Себебин жазыңыз: аны чечим тиешелүү болгон адам алат',
    changed: 'Өзгөрдү',
    ownMunicipality: 'Сиз бул муниципалитеттин өкүлүсүз',
  },
};

/**
 * The moderator's steps of journeys 1 and 2 (WEB.md §5) on the moderation pages, and journey 5's
 * refusal: a moderator cannot decide on their own municipality. The citizen's and representative's
 * steps are done through the JSON API (their pages belong to other areas).
 */
describe('moderation pages in Chromium (journeys 1, 2 and 5: the moderator)', () => {
  let portal: BrowserPortal;
  let admin: TestUser;
  let owner: TestRepresentative;

  beforeAll(async () => {
    portal = await BrowserPortal.start();
    admin = await portal.ctx.newUser({ roles: [Role.Admin] });
    owner = await portal.ctx.newRepresentative('M-DOSTUK', { fullName: 'Айбек Осмонов' });
  });

  afterAll(async () => {
    await portal?.close();
  });

  async function open(pass: Pass): Promise<{ context: BrowserContext; page: Page; steps: Steps }> {
    const context = await portal.newContext(pass);
    const page = await context.newPage();
    return { context, page, steps: new Steps(page, pass) };
  }

  /** What each pass decides: a citizen's verification, a submitted practice, an entry, all via the API. */
  async function queueFor(pass: Pass) {
    const ctx = portal.ctx;
    const citizen = await ctx.newUser({ fullName: `Гражданин ${pass}` });
    await ctx.http
      .post('/api/v1/users/me/voter-verification')
      .set(...bearer(citizen))
      .send({ phone: '+996 555 123 456', municipalityId: owner.municipalityId })
      .expect(201);
    const practice = await ctx.newPractice(owner, 'submitted', { title: `Чистая вода ${pass}` });
    const contest = await newContest(ctx, admin);
    const published = await ctx.newPractice(owner, 'published', { title: `Открытый бюджет ${pass}` });
    const entry = await enterPractice(ctx, owner, contest.id, {
      practiceId: published.id,
      nominationId: contest.nominationIds[0],
    });
    expect(entry.status).toBe(201);
    // A request from the moderator's own municipality (journey 5).
    const neighbour = await ctx.newUser({ fullName: `Сосед ${pass}` });
    const own = await ctx.http
      .post('/api/v1/users/me/voter-verification')
      .set(...bearer(neighbour))
      .send({ phone: '+996 555 654 321', municipalityId: await ctx.idOf('municipalities', 'M-SADOVOE') })
      .expect(201);
    return {
      citizen,
      practiceId: practice.id,
      entryId: entry.body.id as string,
      ownId: own.body.id as string,
    };
  }

  /** The representative revises the practice and submits it again (their pages: the API). */
  async function resubmit(practiceId: string): Promise<void> {
    const ctx = portal.ctx;
    const { version } = (await ctx.http.get(`/api/v1/practices/${practiceId}`).set(...bearer(owner))).body;
    await ctx.http
      .patch(`/api/v1/practices/${practiceId}`)
      .set(...bearer(owner))
      .send({ version, results: 'Воду получили 1 200 жителей в 4 сёлах; потери сократились вдвое.' })
      .expect(200);
    await ctx.http
      .post(`/api/v1/practices/${practiceId}/submit`)
      .set(...bearer(owner))
      .send({})
      .expect(200);
  }

  async function decideOn(page: Page, steps: Steps, pass: Pass, actionLabel: string): Promise<void> {
    await steps.check(page.getByRole('radio', { name: actionLabel, exact: true }));
    await steps.press(page.getByRole('button', { name: WORDS[pass].record }));
  }

  async function moderator(pass: Pass): Promise<void> {
    const w = WORDS[pass];
    const items = await queueFor(pass);
    // The moderator also represents Sadovoe: its items are shown but not decidable (journey 5).
    const staff = await portal.ctx.newRepresentative('M-SADOVOE', {
      roles: [Role.Moderator],
      locale: pass === 'A' ? 'ru' : 'ky',
    });
    const { context, page, steps } = await open(pass);

    // Sign in from the header's link back to the queue.
    await page.goto(`/login?returnTo=${encodeURIComponent('/moderation')}`);
    await steps.fill(page.getByLabel(w.email), staff.email);
    await steps.fill(page.getByLabel(w.password, { exact: true }), staff.password);
    await steps.press(page.getByRole('button', { name: w.signIn, exact: true }));
    expect(new URL(page.url()).pathname).toBe('/moderation/practices');
    if (pass === 'A') {
      await portal.weights.measure(page, 'moderation queue', '/moderation/practices');
    }
    await portal.scan(page, 'queue');

    // Journey 1: approve the citizen's verification.
    await steps.press(page.getByRole('link', { name: new RegExp(`^${w.verifications}`) }));
    await portal.scan(page, 'queue tab');
    await steps.press(page.getByRole('link', { name: `Гражданин ${pass}` }));
    await portal.scan(page, 'pending');
    await decideOn(page, steps, pass, w.approve);
    expect(new URL(page.url()).pathname).toBe('/moderation/verifications');
    expect(await page.locator('.govuk-notification-banner--success').count()).toBe(1);
    await portal.scan(page, 'decided');
    expect((await portal.ctx.userRow(items.citizen.id)).voterVerifiedAt).not.toBeNull();

    // Journey 5: a resident of the moderator's own municipality: shown, not decidable.
    await steps.press(page.getByRole('link', { name: `Сосед ${pass}` }));
    expect(await page.getByRole('radio').count()).toBe(0);
    expect(await page.locator('.govuk-inset-text').textContent()).toContain(w.ownMunicipality);
    await portal.scan(page, 'own municipality');

    // Journey 2: ask for changes on the practice — first without the reason, then with it.
    const practicePath = `/moderation/practices/${items.practiceId}`;
    if (pass === 'A') {
      await portal.weights.measure(page, 'moderation item', practicePath);
    } else {
      await page.goto(practicePath);
    }
    await portal.scan(page, 'submitted');
    await decideOn(page, steps, pass, w.requestChanges);
    await expectErrorSummary(page, w.reasonMissing);
    await portal.scan(page, 'reason missing');
    await steps.fill(
      page.getByLabel(w.changesReason),
      'Добавьте результаты в цифрах: сколько жителей получили воду.',
    );
    await steps.press(page.getByRole('button', { name: w.record }));
    expect(new URL(page.url()).pathname).toBe('/moderation/practices');
    await portal.scan(page, 'changes requested');

    // The representative revises it; the moderator sees what changed, and approves.
    await resubmit(items.practiceId);
    await page.goto(practicePath);
    await portal.scan(page, 'revised');
    expect(await page.locator('.moderation-details__row--changed').count()).toBe(1);
    expect(await page.locator('.moderation-details__row--changed .govuk-tag').textContent()).toContain(
      w.changed,
    );
    await decideOn(page, steps, pass, w.approve);
    expect(new URL(page.url()).pathname).toBe('/moderation/practices');

    // Journey 2: accept the entry.
    await steps.press(page.getByRole('link', { name: new RegExp(`^${w.entries}`) }));
    await steps.press(page.getByRole('link', { name: `Открытый бюджет ${pass}` }));
    await portal.scan(page, 'pending');
    await decideOn(page, steps, pass, w.accept);
    expect(new URL(page.url()).pathname).toBe('/moderation/entries');
    await portal.scan(page, 'decided');
    const [entry] = await portal.ctx.db.query('SELECT status FROM contest_entries WHERE id = $1', [
      items.entryId,
    ]);
    expect(entry.status).toBe('accepted');
    await context.close();
  }

  async function expectErrorSummary(page: Page, message: string): Promise<void> {
    expect(await page.locator('.govuk-error-summary').textContent()).toContain(message);
  }

  it('pass A: JavaScript on, Russian, mouse', async () => {
    await moderator('A');
  });

  it('pass B: JavaScript off, Kyrgyz, keyboard only', async () => {
    await moderator('B');
  });
});
