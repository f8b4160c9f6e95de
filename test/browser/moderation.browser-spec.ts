import { BrowserContext, Page } from 'playwright-core';
import { Role } from '../../src/common/auth/role';
import { bearer, TestRepresentative } from '../support/test-app';
import { BrowserPortal, Pass } from './support/portal';
import { Steps } from './support/steps';

/** The words each pass reads on the moderator's pages (pass A in Russian, pass B in Kyrgyz). */
const WORDS = {
  A: {
    email: 'Адрес электронной почты',
    password: 'Пароль',
    signIn: 'Войти',
    verifications: 'Верификация избирателей',
    approve: 'Одобрить',
    requestChanges: 'Попросить правки',
    record: 'Записать решение',
    reasonMissing: 'Укажите причину: её получит тот, кого касается решение',
    ownMunicipality: 'Вы представляете этот муниципалитет',
  },
  B: {
    email: 'Электрондук почтанын дареги',
    password: 'Сырсөз',
    signIn: 'Кирүү',
    verifications: 'Добуш берүүчүлөрдү ырастоо',
    approve: 'Ырастоо',
    requestChanges: 'Оңдоону суроо',
    record: 'Чечимди жазуу',
    reasonMissing: 'Себебин жазыңыз: аны чечим тиешелүү болгон адам алат',
    ownMunicipality: 'Сиз бул муниципалитеттин өкүлүсүз',
  },
};

/**
 * The moderator's step of journey 1 (WEB.md §5) on the moderation pages, and journey 5's refusals:
 * a moderator cannot decide on their own municipality, nor ask for changes without a reason. The
 * citizen's steps go through the JSON API. Journey 2's moderator works in its one journey beside
 * the representative (my-practices.browser-spec.ts).
 */
describe('moderation pages in Chromium (journeys 1 and 5: the moderator)', () => {
  let portal: BrowserPortal;
  let owner: TestRepresentative;

  beforeAll(async () => {
    portal = await BrowserPortal.start();
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

  /** What each pass sees: a citizen's verification, a submitted practice, a neighbour's request, via the API. */
  async function queueFor(pass: Pass) {
    const ctx = portal.ctx;
    const citizen = await ctx.newUser({ fullName: `Гражданин ${pass}` });
    await ctx.http
      .post('/api/v1/users/me/voter-verification')
      .set(...bearer(citizen))
      .send({ phone: '+996 555 123 456', municipalityId: owner.municipalityId })
      .expect(201);
    const practice = await ctx.newPractice(owner, 'submitted', { title: `Чистая вода ${pass}` });
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
      ownId: own.body.id as string,
    };
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

    // Asking for changes without the reason is refused. The rest of the moderator's part of journey 2
    // (the reason, the revision's marked changes, approval, a contest entry) is in the one journey
    // in my-practices.browser-spec.ts, on the representative's and the moderator's pages together.
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
