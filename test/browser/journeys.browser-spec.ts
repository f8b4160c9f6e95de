import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { BrowserContext, Page } from 'playwright-core';
import { linkIn } from '../support/smtp-sink';
import { bearer, TestUser } from '../support/test-app';
import { closeAndPublish, votingContest, VotingContest } from '../support/voting-helpers';
import { BrowserPortal, Pass } from './support/portal';
import { Steps } from './support/steps';

/** A noisy photo: a worst case for the thumbnails' size (WEB.md §4: ≤ 10 KB each). */
function photo(): Promise<Buffer> {
  return sharp({
    create: {
      width: 1200,
      height: 900,
      channels: 3,
      background: '#000',
      noise: { type: 'gaussian', mean: 120, sigma: 60 },
    },
  })
    .blur(4)
    .jpeg({ quality: 85 })
    .toBuffer();
}

/** The words each pass reads on the pages (pass A in Russian, pass B in Kyrgyz). */
const WORDS = {
  A: {
    register: 'Зарегистрироваться',
    consent: 'Я прочитал(а) уведомление о конфиденциальности и согласен(на) с ним',
    fullName: 'Имя и фамилия',
    email: 'Адрес электронной почты',
    password: 'Пароль',
    signIn: 'Войти',
    continue: 'Продолжить',
    region: 'Область или город республиканского значения',
    municipality: 'Муниципалитет',
    phone: 'Номер телефона',
    sendRequest: 'Отправить заявку',
    voteFor: (title: string) => `Голосовать за «${title}»`,
    withdrawFor: (title: string) => `Отозвать голос за «${title}»`,
    used: 'Использовано 2 голоса из 3; осталось 1.',
    errorSummary: 'Есть проблема',
    consentError: 'Чтобы зарегистрироваться, подтвердите согласие с уведомлением о конфиденциальности',
    csrfTitle: 'Форму не удалось принять',
    current: 'Текущий пароль',
  },
  B: {
    register: 'Катталуу',
    consent: 'Купуялуулук жөнүндө билдирүүнү окудум жана ага макулмун',
    fullName: 'Аты-жөнүңүз',
    email: 'Электрондук почтанын дареги',
    password: 'Сырсөз',
    signIn: 'Кирүү',
    continue: 'Улантуу',
    region: 'Облус же республикалык маанидеги шаар',
    municipality: 'Муниципалитет',
    phone: 'Телефон номери',
    sendRequest: 'Арызды жөнөтүү',
    voteFor: (title: string) => `«${title}» үчүн добуш берүү`,
    withdrawFor: (title: string) => `«${title}» үчүн добушту кайтарып алуу`,
    used: '3 добуштун 2 колдонулду; 1 калды.',
    errorSummary: 'Көйгөй бар',
    consentError: 'Катталуу үчүн купуялуулук жөнүндө билдирүүгө макулдугуңузду белгилеңиз',
    csrfTitle: 'Форманы кабыл алуу мүмкүн болгон жок',
    current: 'Азыркы сырсөз',
  },
};

const PASSWORD = 'a long browser passphrase';

describe('journeys in Chromium (WEB.md §5: 1 citizen, 4 account, 5 refusals)', () => {
  let portal: BrowserPortal;
  let admin: TestUser;
  let moderator: TestUser;
  let place: { regionRu: string; regionKy: string; municipalityRu: string; municipalityKy: string };

  beforeAll(async () => {
    portal = await BrowserPortal.start();
    admin = await portal.ctx.newUser({ roles: ['admin' as never] });
    moderator = await portal.ctx.newModerator();
    const [row] = await portal.ctx.db.query(
      `SELECT r.name_ru AS "regionRu", r.name_ky AS "regionKy", m.name_ru AS "municipalityRu", m.name_ky AS "municipalityKy"
         FROM municipalities m JOIN regions r ON r.id = m.region_id WHERE m.code = 'M-DOSTUK'`,
    );
    place = row;
  });

  afterAll(async () => {
    await portal?.close();
  });

  async function open(pass: Pass): Promise<{ context: BrowserContext; page: Page; steps: Steps }> {
    const context = await portal.newContext(pass);
    const page = await context.newPage();
    return { context, page, steps: new Steps(page, pass) };
  }

  async function signIn(
    page: Page,
    steps: Steps,
    pass: Pass,
    email: string,
    password = PASSWORD,
  ): Promise<void> {
    const w = WORDS[pass];
    await steps.fill(page.getByLabel(w.email), email);
    await steps.fill(page.getByLabel(w.password, { exact: true }), password);
    await steps.press(page.getByRole('button', { name: w.signIn, exact: true }));
  }

  async function titleOf(contest: VotingContest, index: number): Promise<string> {
    const [row] = await portal.ctx.db.query(
      `SELECT p.title FROM contest_entries e JOIN practices p ON p.id = e.practice_id WHERE e.id = $1`,
      [contest.entries[index]],
    );
    return row.title as string;
  }

  let publishedContest: string | undefined;

  async function citizen(pass: Pass): Promise<void> {
    const w = WORDS[pass];
    // Photographed practices: the ballot's measured weight includes the thumbnails it shows.
    const contest = await votingContest(portal.ctx, admin, { votesPerVoter: 3, allowRetract: true }, 3, {
      photo: await photo(),
    });
    const email = portal.ctx.uniqueEmail(`citizen-${pass}`);
    const { context, page, steps } = await open(pass);

    // Register with consent.
    await page.goto('/register');
    await portal.scan(page, 'empty form');
    await steps.fill(page.getByLabel(w.fullName), `Гражданин ${pass}`);
    await steps.fill(page.getByLabel(w.email), email);
    await steps.fill(page.getByLabel(w.password, { exact: true }), PASSWORD);
    await steps.check(page.getByLabel(w.consent));
    await steps.press(page.getByRole('button', { name: w.register }));
    expect(new URL(page.url()).pathname).toBe('/register/check-email');
    await portal.scan(page, 'sent');

    // The confirmation link from the email, then its button.
    const link = linkIn(await portal.ctx.mail.waitFor(email), '/confirm-email');
    await page.goto(`${link.url.pathname}${link.url.search}`);
    await portal.scan(page, 'link opened');
    await steps.press(page.locator('button[type=submit]'));
    await portal.scan(page, 'confirmed');

    // Sign in, ask for verification.
    await page.goto('/login');
    await portal.scan(page, 'empty form');
    await signIn(page, steps, pass, email);
    expect(new URL(page.url()).pathname).toBe('/account');
    await portal.scan(page, 'signed in');
    await page.goto('/account/verification');
    await portal.scan(page, 'no request');
    await steps.select(page.getByLabel(w.region), pass === 'A' ? place.regionRu : place.regionKy);
    await steps.press(page.getByRole('button', { name: w.continue }));
    await portal.scan(page, 'region chosen');
    await steps.select(
      page.getByLabel(w.municipality),
      pass === 'A' ? place.municipalityRu : place.municipalityKy,
    );
    await steps.fill(page.getByLabel(w.phone), '+996 555 123 456');
    await steps.press(page.getByRole('button', { name: w.sendRequest }));
    await portal.scan(page, 'pending');

    // A moderator approves (the moderation pages come in Phase 4b: the JSON API).
    const [request] = await portal.ctx.db.query(
      `SELECT v.id FROM voter_verifications v JOIN users u ON u.id = v.user_id WHERE u.email = lower($1)`,
      [email],
    );
    await portal.ctx.http
      .post(`/api/v1/moderation/voter-verifications/${request.id}/decision`)
      .set(...bearer(moderator))
      .send({ action: 'approve' })
      .expect(200);

    // Vote for two entries, see the votes left, withdraw one.
    const ballotPath = `/contests/${contest.id}/ballot`;
    if (pass === 'A') {
      await portal.weights.measure(page, 'ballot (signed in)', ballotPath);
    } else {
      await page.goto(ballotPath);
    }
    await portal.scan(page, 'no votes');
    const first = await titleOf(contest, 0);
    const second = await titleOf(contest, 1);
    await steps.press(page.getByRole('button', { name: w.voteFor(first) }));
    await portal.scan(page, 'one vote');
    await steps.press(page.getByRole('button', { name: w.voteFor(second) }));
    expect(await page.locator('#ballot-usage').textContent()).toContain(w.used);
    await steps.press(page.getByRole('button', { name: w.withdrawFor(second) }));
    await portal.scan(page, 'withdrawn');
    expect(await page.getByRole('button', { name: w.withdrawFor(first) }).count()).toBe(1);
    expect(await page.getByRole('button', { name: w.voteFor(second) }).count()).toBe(1);

    // The receipt email, in the language the account was registered in.
    await portal.ctx.mail.waitForContaining(
      email,
      pass === 'A' ? 'Ваш голос учтён' : 'Добушуңуз эсепке алынды',
    );

    // After publication: the results, the ledger and its digest, the voter's pseudonym in it.
    expect((await closeAndPublish(portal.ctx, admin, contest.id)).status).toBe(201);
    const resultsPath = `/contests/${contest.id}/results`;
    if (pass === 'A') {
      await portal.weights.measure(page, 'results (signed in)', resultsPath);
    } else {
      await page.goto(resultsPath);
    }
    await portal.scan(page, 'published');
    if (pass === 'B') {
      // The ranking at the narrowest phone (Kyrgyz words are long): no sideways scroll, each entry's
      // votes under its title, the votes column still a column for screen readers.
      await page.setViewportSize({ width: 320, height: 640 });
      const overflow = await page.evaluate<number>(
        'document.documentElement.scrollWidth - document.documentElement.clientWidth',
      );
      expect(overflow).toBe(0);
      expect(await page.locator('.portal-results__votes-inline').first().isVisible()).toBe(true);
      expect(await page.getByRole('columnheader', { name: 'Добуштар' }).count()).toBeGreaterThan(0);
      await portal.scan(page, 'published at 320 px');
      await page.setViewportSize({ width: 360, height: 740 });
    }
    const digest = (await page.locator('#ledger-digest').textContent())!.trim();
    const pseudonym = (await page.locator('#my-pseudonym').textContent())!.trim();
    const ledgerHref = await page.getByRole('link', { name: /ledger\.csv/ }).getAttribute('href');
    const ledger = await page.request.get(ledgerHref!);
    const bytes = await ledger.body();
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(digest);
    expect(bytes.toString('utf8')).toContain(`,${pseudonym},`);
    publishedContest = contest.id;
    await context.close();
  }

  it('journey 1, pass A: a citizen registers, is verified, votes, withdraws and checks the ledger (ru, JS, mouse)', async () => {
    const home = await open('A');
    await portal.weights.measure(home.page, 'home (/)', '/');
    expect(await home.page.title()).toBe('Главная — Портал лучших практик местного самоуправления');
    expect(await home.page.locator('body').getAttribute('class')).toContain('govuk-frontend-supported');
    await portal.scan(home.page, 'first view');
    await home.context.close();
    await citizen('A');
  });

  it('journey 1, pass B: the same in Kyrgyz, JavaScript off, keyboard only', async () => {
    await citizen('B');
  });

  it('the language switch: Kyrgyz by Accept-Language, English by the switch, remembered (JS off)', async () => {
    const { context, page } = await open('B');
    await page.goto('/');
    expect(await page.locator('html').getAttribute('lang')).toBe('ky');
    await portal.scan(page, 'first view');
    await page.getByRole('link', { name: 'English' }).click();
    expect(await page.locator('h1').textContent()).toContain('Home');
    await portal.scan(page, 'first view');
    // The choice is remembered by the cookie on the next page without ?lang=.
    await page.goto('/login');
    expect(await page.locator('h1').textContent()).toContain('Sign in');
    await portal.scan(page, 'empty form');
    await context.close();
  });

  async function account(pass: Pass): Promise<void> {
    const w = WORDS[pass];
    const user = await portal.ctx.newUser({ password: PASSWORD, locale: pass === 'A' ? 'ru' : 'ky' });
    const other = await open(pass);
    await other.page.goto('/login');
    await signIn(other.page, other.steps, pass, user.email);
    const { context, page, steps } = await open(pass);

    // Forgot password → reset from the email → the other session is signed out.
    await page.goto('/forgot-password');
    await portal.scan(page, 'empty form');
    await steps.fill(page.getByLabel(w.email), user.email);
    await steps.press(page.locator('form[action="/forgot-password"] button'));
    await portal.scan(page, 'sent');
    const link = linkIn(
      await portal.ctx.mail.waitForContaining(user.email, '/reset-password'),
      '/reset-password',
    );
    await page.goto(`${link.url.pathname}${link.url.search}`);
    await portal.scan(page, 'link opened');
    const newPassword = `${PASSWORD} renewed`;
    await steps.fill(page.locator('input[name=password]'), newPassword);
    await steps.press(page.locator('button[type=submit]'));
    await other.page.goto('/account');
    expect(new URL(other.page.url()).pathname).toBe('/login');

    // Sign in with the new password; change the language emails follow (to English).
    await page.goto('/login');
    await signIn(page, steps, pass, user.email, newPassword);
    await page.goto('/account');
    await portal.scan(page, 'account');
    await steps.check(page.getByLabel('English'));
    await steps.press(page.locator('form[action="/account"] button'));
    await portal.scan(page, 'saved');
    const [saved] = await portal.ctx.db.query('SELECT locale FROM users WHERE id = $1', [user.id]);
    expect(saved.locale).toBe('en');
    // The next email follows it, whatever language the page is read in.
    await portal.ctx.http.post('/api/v1/auth/forgot-password').send({ email: user.email }).expect(202);
    await portal.ctx.mail.waitForContaining(user.email, 'Reset your password');

    // Sign out everywhere: the other browser is signed out too.
    await other.page.goto('/login');
    await signIn(other.page, other.steps, pass, user.email, newPassword);
    await page.goto('/account');
    await steps.press(page.locator('form[action="/account/sign-out-everywhere"] button'));
    await portal.scan(page, 'signed out everywhere');
    await other.page.goto('/account');
    expect(new URL(other.page.url()).pathname).toBe('/login');
    await other.context.close();
    await context.close();
  }

  it('journey 4, pass A: forgot password, reset, language of emails, sign out everywhere (ru, JS, mouse)', async () => {
    await account('A');
  });

  it('journey 4, pass B: the same in Kyrgyz, JavaScript off, keyboard only', async () => {
    await account('B');
  });

  async function refusals(pass: Pass): Promise<void> {
    const w = WORDS[pass];
    const { context, page, steps } = await open(pass);

    // A form with errors: the summary and the messages in the chosen language, what was typed kept.
    await page.goto('/register');
    await steps.fill(page.getByLabel(w.fullName), 'Айгүл Асанова');
    await steps.fill(page.getByLabel(w.email), 'not-an-address');
    await steps.fill(page.getByLabel(w.password, { exact: true }), 'short');
    await steps.press(page.getByRole('button', { name: w.register }));
    expect(await page.title()).toMatch(/^(Ошибка|Ката):/);
    expect(await page.locator('.govuk-error-summary').textContent()).toContain(w.errorSummary);
    expect(await page.locator('.govuk-error-summary').textContent()).toContain(w.consentError);
    expect(await page.getByLabel(w.fullName).inputValue()).toBe('Айгүл Асанова');
    expect(await page.getByLabel(w.email).inputValue()).toBe('not-an-address');
    expect(await page.getByLabel(w.password, { exact: true }).inputValue()).toBe('');
    await portal.scan(page, 'errors');

    // A missing CSRF token: the 403 page, and nothing changed.
    const user = await portal.ctx.newUser({ password: PASSWORD, locale: pass === 'A' ? 'ru' : 'ky' });
    await page.goto('/login');
    await page.locator('input[name=_csrf]').evaluate((input: { remove(): void }) => input.remove());
    await signIn(page, steps, pass, user.email);
    expect(await page.locator('h1').textContent()).toContain(w.csrfTitle);
    await portal.scan(page, 'csrf refused');
    const sessions = await portal.ctx.db.query('SELECT 1 FROM web_sessions WHERE user_id = $1', [user.id]);
    expect(sessions).toHaveLength(0);

    // An expired session: sign in again, and back to the page that asked.
    await page.goto('/login');
    await signIn(page, steps, pass, user.email);
    await portal.ctx.db.query(
      `UPDATE web_sessions SET last_seen_at = now() - interval '13 hours' WHERE user_id = $1`,
      [user.id],
    );
    await page.goto('/account/representation');
    expect(new URL(page.url()).pathname).toBe('/login');
    await signIn(page, steps, pass, user.email);
    expect(new URL(page.url()).pathname).toBe('/account/representation');
    await portal.scan(page, 'no request');
    await context.close();
  }

  it('journey 5, pass A: refusals (ru, JS, mouse)', async () => {
    await refusals('A');
  });

  it('journey 5, pass B: refusals (ky, JavaScript off, keyboard only)', async () => {
    await refusals('B');
  });

  it('English: one axe scan per template', async () => {
    const context = await portal.browser.newContext({
      baseURL: portal.baseUrl,
      viewport: { width: 360, height: 740 },
      extraHTTPHeaders: { 'Accept-Language': 'en' },
    });
    const page = await context.newPage();
    for (const path of ['/register', '/forgot-password', '/no-such-page']) {
      await page.goto(path);
      await portal.scan(page, 'english');
    }
    const user = await portal.ctx.newUser({ password: PASSWORD, locale: 'en' });
    await page.goto('/login');
    await page.getByLabel('Email address').fill(user.email);
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.waitForURL('**/account');
    const contest = publishedContest ?? '';
    for (const path of [
      '/account',
      '/account/verification',
      '/account/representation',
      `/contests/${contest}/ballot`,
      `/contests/${contest}/results`,
    ]) {
      await page.goto(path);
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      await portal.scan(page, 'english');
    }
    await context.close();
  });
});
