import { BrowserContext, Page } from 'playwright-core';
import { Role } from '../../src/common/auth/role';
import { TestUser } from '../support/test-app';
import { BrowserPortal, Pass } from './support/portal';
import { Steps } from './support/steps';

/** The words each pass reads on the pages (pass A in Russian, pass B in Kyrgyz). */
const WORDS = {
  A: {
    email: 'Адрес электронной почты',
    password: 'Пароль',
    signIn: 'Войти',
    users: 'Пользователи',
    search: 'Поиск по адресу электронной почты или имени',
    find: 'Найти',
    block: 'Заблокировать пользователя',
    blocked: 'Пользователь заблокирован, все его сеансы завершены.',
    unblock: 'Разблокировать пользователя',
    unblocked: 'Пользователь разблокирован и снова может войти.',
    administration: 'Администрирование',
    outbox: 'Исходящая почта',
    failedEmail: 'Недоставленные письма',
    audit: 'Журнал аудита',
    actor: 'Кто',
    from: 'Начало периода',
    day: 'День',
    month: 'Месяц',
    year: 'Год',
    show: 'Показать записи',
    clear: 'Сбросить фильтры',
    badDate: 'Введите существующую дату начала, например 27 3 2026',
  },
  B: {
    email: 'Электрондук почтанын дареги',
    password: 'Сырсөз',
    signIn: 'Кирүү',
    users: 'Колдонуучулар',
    search: 'Электрондук почта же аты боюнча издөө',
    find: 'Издөө',
    block: 'Колдонуучуну бөгөттөө',
    blocked: 'Колдонуучу бөгөттөлдү, анын бардык сеанстары бүттү.',
    unblock: 'Колдонуучуну бөгөттөн чыгаруу',
    unblocked: 'Колдонуучу бөгөттөн чыгарылды жана кайра кире алат.',
    administration: 'Администрациялоо',
    outbox: 'Чыгуучу почта',
    failedEmail: 'Жеткирилбеген каттар',
    audit: 'Аудит журналы',
    actor: 'Ким',
    from: 'Мезгилдин башы',
    day: 'Күн',
    month: 'Ай',
    year: 'Жыл',
    show: 'Жазууларды көрсөтүү',
    clear: 'Чыпкаларды тазалоо',
    badDate: 'Чыныгы башталыш күнүн жазыңыз, мисалы 27 3 2026',
  },
};

const PASSWORD = 'a long browser passphrase';

describe('administration pages in Chromium (users, outbox, audit log)', () => {
  let portal: BrowserPortal;
  /** One admin per pass: a signed-in user's saved language beats Accept-Language on the website. */
  const admins = {} as Record<Pass, TestUser>;

  beforeAll(async () => {
    // One attempt per email: a message the mail server refuses is failed at once, for the outbox.
    portal = await BrowserPortal.start({ MAIL_MAX_ATTEMPTS: '1' });
    for (const [pass, locale] of [
      ['A', 'ru'],
      ['B', 'ky'],
    ] as const) {
      admins[pass] = await portal.ctx.newUser({
        roles: [Role.Admin],
        password: PASSWORD,
        fullName: 'Бакыт Администратор',
        locale,
      });
    }
    const refused = portal.ctx.uniqueEmail('refused');
    portal.ctx.mail.rejectedRecipients.add(refused);
    await portal.ctx.db.query(
      `INSERT INTO email_outbox (to_address, template, locale, subject, text_body, html_body)
       VALUES ($1, 'password-reset', 'ru', 'Сброс пароля', 'text', '<p>html</p>')`,
      [refused],
    );
  });

  afterAll(async () => {
    await portal?.close();
  });

  async function open(pass: Pass): Promise<{ context: BrowserContext; page: Page; steps: Steps }> {
    const context = await portal.newContext(pass);
    const page = await context.newPage();
    return { context, page, steps: new Steps(page, pass) };
  }

  /** The admin opens /admin, is sent to sign in, and comes back to it. */
  async function signIn(page: Page, steps: Steps, pass: Pass): Promise<void> {
    const w = WORDS[pass];
    await page.goto('/admin');
    expect(new URL(page.url()).pathname).toBe('/login');
    await steps.fill(page.getByLabel(w.email), admins[pass].email);
    await steps.fill(page.getByLabel(w.password, { exact: true }), PASSWORD);
    await steps.press(page.getByRole('button', { name: w.signIn, exact: true }));
    expect(new URL(page.url()).pathname).toBe('/admin');
    await portal.scan(page, 'signed-in');
  }

  async function blockAndUnblock(page: Page, steps: Steps, pass: Pass, person: TestUser, name: string) {
    const w = WORDS[pass];
    await steps.press(page.getByRole('link', { name: w.users, exact: true }));
    await portal.scan(page, 'list');
    await steps.fill(page.getByLabel(w.search), name.split(' ')[1]);
    await steps.press(page.getByRole('button', { name: w.find }));
    await portal.scan(page, 'search');
    await steps.press(page.getByRole('link', { name }));
    expect(new URL(page.url()).pathname).toBe(`/admin/users/${person.id}`);
    await portal.scan(page, 'user');

    await steps.press(page.getByRole('button', { name: w.block }));
    expect(await page.locator('.govuk-notification-banner').innerText()).toContain(w.blocked);
    expect((await portal.ctx.userRow(person.id)).blockedAt).not.toBeNull();
    await portal.scan(page, 'blocked');

    await steps.press(page.getByRole('button', { name: w.unblock }));
    expect(await page.locator('.govuk-notification-banner').innerText()).toContain(w.unblocked);
    expect((await portal.ctx.userRow(person.id)).blockedAt).toBeNull();
    await portal.scan(page, 'unblocked');
  }

  async function outboxAndAudit(page: Page, steps: Steps, pass: Pass) {
    const w = WORDS[pass];
    await steps.press(page.locator('.govuk-breadcrumbs').getByRole('link', { name: w.administration }));
    await steps.press(page.getByRole('link', { name: w.outbox, exact: true }));
    expect(await page.getByRole('heading', { level: 2, name: w.failedEmail }).count()).toBe(1);
    expect(await page.locator('.govuk-summary-card__title', { hasText: 'r***@example.kg' }).count()).toBe(1);
    await portal.scan(page, 'failed');

    await steps.press(page.locator('.govuk-breadcrumbs').getByRole('link', { name: w.administration }));
    await steps.press(page.getByRole('link', { name: w.audit, exact: true }));
    await portal.scan(page, 'all');
    await steps.fill(page.getByLabel(w.actor, { exact: true }), admins[pass].email);
    await steps.press(page.getByRole('button', { name: w.show }));
    expect(new URL(page.url()).searchParams.get('actor')).toBe(admins[pass].email);
    expect(
      await page.locator('.govuk-summary-card code', { hasText: 'user.blocked' }).count(),
    ).toBeGreaterThan(0);
    await portal.scan(page, 'filtered');

    // A filtered log folds the period away; clearing the filters opens the whole form again.
    await steps.press(page.getByRole('link', { name: w.clear }));
    const from = page.getByRole('group', { name: w.from, exact: true });
    await steps.fill(from.getByLabel(w.day), '30');
    await steps.fill(from.getByLabel(w.month), '2');
    await steps.fill(from.getByLabel(w.year), '2026');
    await steps.press(page.getByRole('button', { name: w.show }));
    expect(await page.locator('.govuk-error-summary').innerText()).toContain(w.badDate);
    expect(await from.getByLabel(w.day).inputValue()).toBe('30');
    await portal.scan(page, 'bad-date');
  }

  /** WEB.md §4: nothing wider than a 320 px screen. */
  async function expectNoSidewaysScroll(page: Page, paths: string[]): Promise<void> {
    await page.setViewportSize({ width: 320, height: 740 });
    for (const path of paths) {
      await page.goto(path);
      const widths = await page.evaluate(() => {
        const root = (
          globalThis as unknown as {
            document: { documentElement: { scrollWidth: number; clientWidth: number } };
          }
        ).document.documentElement;
        return { scroll: root.scrollWidth, client: root.clientWidth };
      });
      expect({ path, ...widths }).toEqual({ path, scroll: widths.client, client: widths.client });
    }
    await page.setViewportSize({ width: 360, height: 740 });
  }

  it.each(['A', 'B'] as const)(
    'pass %s: search a user, block and unblock, outbox and audit log',
    async (pass) => {
      const name = pass === 'A' ? 'Айгуль Осмонова' : 'Нурлан Токтогулов';
      const person = await portal.ctx.newUser({ fullName: name });
      const { context, page, steps } = await open(pass);
      await signIn(page, steps, pass);
      await blockAndUnblock(page, steps, pass, person, name);
      await outboxAndAudit(page, steps, pass);
      if (pass === 'A') {
        await expectNoSidewaysScroll(page, [
          '/admin',
          '/admin/users',
          `/admin/users/${person.id}`,
          '/admin/outbox',
          '/admin/audit',
        ]);
        await portal.weights.measure(page, 'admin users list', '/admin/users');
        await portal.weights.measure(page, 'admin audit log', '/admin/audit');
      }
      await context.close();
    },
  );
});
