import { BrowserContext, Page } from 'playwright-core';
import { Role } from '../../src/common/auth/role';
import { newContest } from '../support/contests';
import { pdfDocument } from '../support/practice-helpers';
import { TestRepresentative } from '../support/test-app';
import { BrowserPortal, Pass } from './support/portal';
import { photoWithGps, servedWithoutExif, thumbnailsShown } from './support/photos';
import { Steps } from './support/steps';

/** The words each pass reads (A: Russian, B: Kyrgyz). */
const WORDS = {
  A: {
    email: 'Адрес электронной почты',
    password: 'Пароль',
    signIn: 'Войти',
    upload: 'Загрузить',
    remove: (name: string) => `Удалить ${name}`,
    confirm: 'Да, удалить',
    removed: 'Файл удалён.',
    photo: /^Фото 1:/,
    refused: 'Файлы такого типа не принимаются',
  },
  B: {
    email: 'Электрондук почтанын дареги',
    password: 'Сырсөз',
    signIn: 'Кирүү',
    upload: 'Жүктөө',
    remove: (name: string) => `Өчүрүү ${name}`,
    confirm: 'Ооба, өчүрүү',
    removed: 'Файл өчүрүлдү.',
    photo: /^Сүрөт 1:/,
    refused: 'Мындай түрдөгү файл кабыл алынбайт',
  },
};

const PASSWORD = 'a long browser passphrase';

describe('a representative’s files and contest entries in Chromium (WEB.md §5, journey 2)', () => {
  let portal: BrowserPortal;
  /** One per pass: a signed-in user's saved language outranks the browser's. */
  const reps: Partial<Record<Pass, TestRepresentative>> = {};
  let photo: Buffer;

  beforeAll(async () => {
    portal = await BrowserPortal.start();
    reps.A = await portal.ctx.newRepresentative('M-DOSTUK', { password: PASSWORD, locale: 'ru' });
    reps.B = await portal.ctx.newRepresentative('M-DOSTUK', { password: PASSWORD, locale: 'ky' });
    photo = await photoWithGps();
    // An open contest for the contests page's weight, created as an admin through the JSON API.
    await newContest(portal.ctx, await portal.ctx.newUser({ roles: [Role.Admin] }));
  });

  afterAll(async () => {
    await portal?.close();
  });

  async function signedIn(
    pass: Pass,
    path: string,
  ): Promise<{ context: BrowserContext; page: Page; steps: Steps }> {
    const context = await portal.newContext(pass);
    const page = await context.newPage();
    const steps = new Steps(page, pass);
    const w = WORDS[pass];
    await page.goto(path);
    await steps.fill(page.getByLabel(w.email), reps[pass]!.email);
    await steps.fill(page.getByLabel(w.password, { exact: true }), PASSWORD);
    await steps.press(page.getByRole('button', { name: w.signIn, exact: true }));
    expect(new URL(page.url()).pathname).toBe(path);
    return { context, page, steps };
  }

  it('pass A (JavaScript on, Russian): two files at once through the enhanced control, a refusal, a removal', async () => {
    const practice = await portal.ctx.newPractice(reps.A!, 'draft', { title: 'Сельский сход онлайн' });
    const path = `/my/practices/${practice.id}/attachments`;
    const { context, page } = await signedIn('A', path);
    const w = WORDS.A;
    await portal.scan(page, 'empty');

    // GOV.UK's drop zone fills the same input a drop would; the script sends each file on its own.
    await page.locator('input[type=file]').setInputFiles([
      { name: 'село.jpg', mimeType: 'image/jpeg', buffer: photo },
      { name: 'отчёт.pdf', mimeType: 'application/pdf', buffer: pdfDocument('отчёт') },
    ]);
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: w.upload }).click()]);
    expect(await thumbnailsShown(page)).toBe(1);
    await expect(page.getByRole('img', { name: w.photo }).isVisible()).resolves.toBe(true);
    await expect(page.getByRole('link', { name: 'отчёт.pdf', exact: true }).isVisible()).resolves.toBe(true);
    await portal.scan(page, 'two files');
    await servedWithoutExif(context, await page.locator('#photos a').first().getAttribute('href'));

    const weight = await portal.weights.measure(page, 'my practice: attachments (2 files)', path);
    expect(weight.js).toBeLessThanOrEqual(15 * 1024);

    // A refused type: the script follows the form's answer to the page that says why.
    await page
      .locator('input[type=file]')
      .setInputFiles([
        { name: 'не-фото.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('not a picture at all') },
      ]);
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: w.upload }).click()]);
    await expect(page.locator('.govuk-error-summary').textContent()).resolves.toContain(w.refused);
    await portal.scan(page, 'refused type');

    await Promise.all([
      page.waitForLoadState('load'),
      page.getByRole('link', { name: w.remove('отчёт.pdf') }).click(),
    ]);
    await portal.scan(page, 'confirm');
    await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: w.confirm }).click()]);
    await expect(page.locator('.govuk-notification-banner').textContent()).resolves.toContain(w.removed);
    await expect(page.getByRole('link', { name: 'отчёт.pdf', exact: true }).count()).resolves.toBe(0);
    await portal.scan(page, 'removed');

    const published = await portal.ctx.newPractice(reps.A!, 'published', { title: 'Открытый бюджет' });
    await portal.weights.measure(page, 'my practice: contests', `/my/practices/${published.id}/contests`);
    await portal.scan(page, 'open contest');
    await context.close();
  });

  it('pass B (JavaScript off, Kyrgyz, keyboard): a photo and a PDF one by one, a removal (the contest entry: journey 2 in my-practices)', async () => {
    const practice = await portal.ctx.newPractice(reps.B!, 'draft', { title: 'Айыл чогулушу онлайн' });
    const path = `/my/practices/${practice.id}/attachments`;
    const { context, page, steps } = await signedIn('B', path);
    const w = WORDS.B;
    await portal.scan(page, 'empty');

    for (const file of [
      { name: 'айыл.jpg', mimeType: 'image/jpeg', buffer: photo },
      { name: 'отчет.pdf', mimeType: 'application/pdf', buffer: pdfDocument('отчет') },
    ]) {
      await page.locator('input[type=file]').setInputFiles([file]);
      await steps.press(page.getByRole('button', { name: w.upload }));
      expect(new URL(page.url()).pathname).toBe(path);
    }
    expect(await thumbnailsShown(page)).toBe(1);
    await expect(page.getByRole('link', { name: 'отчет.pdf', exact: true }).isVisible()).resolves.toBe(true);
    await portal.scan(page, 'two files');
    await servedWithoutExif(context, await page.locator('#photos a').first().getAttribute('href'));
    await page.setViewportSize({ width: 320, height: 740 });
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(320);
    await page.setViewportSize({ width: 360, height: 740 });

    await steps.press(page.getByRole('link', { name: w.remove('айыл.jpg') }));
    await portal.scan(page, 'confirm');
    await steps.press(page.getByRole('button', { name: w.confirm }));
    await expect(page.locator('.govuk-notification-banner').textContent()).resolves.toContain(w.removed);
    expect(await page.locator('#photos img').count()).toBe(0);
    await portal.scan(page, 'removed');

    await context.close();
  });
});
