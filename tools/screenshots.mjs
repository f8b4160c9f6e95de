// npm run screenshots: phone (360×740) and desktop (1280×800) screenshots of the main pages in
// Russian, and of the home page in Kyrgyz and English, into docs/screenshots/. It starts its own
// throw-away portal with the demo data (bench/lib/demo-portal.mjs: embedded PostgreSQL in a temporary
// directory, the seed:demo seeder, the built portal), so nothing else need be running. Needs
// `npm run build` first (the npm script does it) and Debian's Chromium (or CHROMIUM_PATH).
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { demoIds, startDemoPortal } from '../bench/lib/demo-portal.mjs';
import { createSupervisor } from '../bench/lib/supervisor.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'docs', 'screenshots');
const executablePath = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find(
  (candidate) => candidate && existsSync(candidate),
);
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
];
const VIEWPORTS = { phone: { width: 360, height: 740 }, desktop: { width: 1280, height: 800 } };

const supervisor = createSupervisor('the screenshot portal');

async function main() {
  if (!executablePath) throw new Error("no Chromium: install Debian's chromium package or set CHROMIUM_PATH");
  mkdirSync(outDir, { recursive: true });
  const { url } = await startDemoPortal(supervisor, { name: 'screenshots' });
  const ids = await demoIds(url);
  const pages = [
    ['home', '/', ['ru', 'ky', 'en']],
    ['catalog', '/practices', ['ru']],
    ['catalog-filtered', `/practices?regionId=${ids.practices[0]?.region.id ?? ''}`, ['ru']],
    ['practice', `/practices/${ids.practiceId}`, ['ru']],
    ['municipality', `/municipalities/${ids.municipalityId}`, ['ru']],
    ['contests', '/contests', ['ru']],
    ['contest', `/contests/${ids.contestId}`, ['ru']],
    ['stats', '/stats', ['ru']],
    ['data', '/data', ['ru']],
  ];
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
  supervisor.first(() => browser.close().catch(() => undefined));
  const written = [];
  await staffShots(browser, url, written);
  for (const [viewportName, viewport] of Object.entries(VIEWPORTS)) {
    for (const [name, path, languages] of pages) {
      for (const lang of languages) {
        // A fresh context per shot: the ?lang= cookie of one shot must not carry over.
        const context = await browser.newContext({
          viewport,
          locale: lang,
          extraHTTPHeaders: { 'Accept-Language': lang },
        });
        const page = await context.newPage();
        await page.goto(`${url}${path}`, { waitUntil: 'networkidle' });
        const file = join(outDir, `${name}-${lang}-${viewportName}.png`);
        await page.screenshot({ path: file, fullPage: true });
        written.push(file);
        await context.close();
      }
    }
  }
  written.push(...(await representativeShots(browser, url)));
  written.push(...(await attachmentShots(browser, url)));
  await adminContestShots(browser, url, ids, written);
  written.push(...(await moderationShots(browser, url)));
  console.log(`wrote ${written.length} screenshots to ${outDir}`);
}

const DEMO_REPRESENTATIVE = { email: 'rep.dostuk@demo.kg', password: 'demo representative passphrase' };

async function submitForm(page, selector) {
  await Promise.all([
    page.waitForNavigation(),
    page.click(`${selector} button[type=submit], ${selector} .govuk-button`),
  ]);
}

/** The representative's pages: signed in as the demo representative, a draft started through the form. */
async function representativeShots(browser, url) {
  const context = await browser.newContext({ locale: 'ru', extraHTTPHeaders: { 'Accept-Language': 'ru' } });
  const page = await context.newPage();
  await page.goto(`${url}/login?returnTo=%2Fmy`);
  await page.fill('#email', DEMO_REPRESENTATIVE.email);
  await page.fill('#password', DEMO_REPRESENTATIVE.password);
  await submitForm(page, 'form[action="/login"]');
  await page.goto(`${url}/my/practices/new`);
  await page.selectOption('#municipalityId', { index: 1 });
  await page.fill('#title', 'Вода в каждый двор: общественный контроль подачи воды');
  await page.fill('#summary', 'Жители вместе с айыл окмоту составили график подачи воды и следят за ним.');
  await page.selectOption('#categoryId', { index: 1 });
  await page.fill('#startYear', '2022');
  await submitForm(page, 'form[action="/my/practices/new"]');
  const taskList = new URL(page.url()).pathname;
  const shots = [
    ['my-practices', '/my'],
    ['practice-task-list', taskList],
    ['practice-section-form', `${taskList}/sections/story`],
  ];
  const files = [];
  for (const [viewportName, viewport] of Object.entries(VIEWPORTS)) {
    await page.setViewportSize(viewport);
    for (const [name, path] of shots) {
      await page.goto(`${url}${path}`, { waitUntil: 'networkidle' });
      const file = join(outDir, `${name}-ru-${viewportName}.png`);
      await page.screenshot({ path: file, fullPage: true });
      files.push(file);
    }
  }
  await context.close();
  return files;
}

/**
 * A representative's attachments page (phone, JavaScript off, Russian): a draft of the demo
 * representative with one of the demo photos and a PDF, made through the JSON API.
 */
async function attachmentShots(browser, url) {
  const account = { email: 'rep.dostuk@demo.kg', password: 'demo representative passphrase' };
  const api = async (path, init = {}) => {
    const response = await fetch(`${url}/api/v1${path}`, init);
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return response;
  };
  const json = { 'Content-Type': 'application/json' };
  const { accessToken } = await (
    await api('/auth/login', { method: 'POST', headers: json, body: JSON.stringify(account) })
  ).json();
  const auth = { Authorization: `Bearer ${accessToken}` };
  const [published] = await (await api('/practices/mine', { headers: auth })).json();
  const source = await (await api(`/practices/${published.id}`)).json();
  const fields = [
    'title',
    'summary',
    'problem',
    'solution',
    'results',
    'resources',
    'replicability',
    'startYear',
    'contactName',
    'language',
  ];
  const body = {
    ...Object.fromEntries(fields.map((field) => [field, source[field]])),
    categoryId: source.category.id,
    municipalityId: source.municipality.id,
  };
  const draft = await (
    await api('/practices', { method: 'POST', headers: { ...json, ...auth }, body: JSON.stringify(body) })
  ).json();
  const photo = source.attachments.find((a) => a.kind === 'image');
  const files = [
    ...(photo ? [[await (await api(photo.url.replace(/^.*\/api\/v1/, ''))).blob(), 'сход-в-айыле.jpg']] : []),
    [
      new Blob(['%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n']),
      'Положение о бюджетных слушаниях.pdf',
    ],
  ];
  for (const [blob, name] of files) {
    const form = new FormData();
    form.append('file', blob, name);
    await api(`/practices/${draft.id}/attachments`, { method: 'POST', headers: auth, body: form });
  }
  const context = await browser.newContext({
    viewport: VIEWPORTS.phone,
    javaScriptEnabled: false,
    locale: 'ru',
    extraHTTPHeaders: { 'Accept-Language': 'ru' },
  });
  const page = await context.newPage();
  await page.goto(`${url}/login`);
  await page.getByLabel('Адрес электронной почты').fill(account.email);
  await page.getByLabel('Пароль', { exact: true }).fill(account.password);
  await Promise.all([
    page.waitForNavigation(),
    page.getByRole('button', { name: 'Войти', exact: true }).click(),
  ]);
  await page.goto(`${url}/my/practices/${draft.id}/attachments`, { waitUntil: 'networkidle' });
  const file = join(outDir, 'my-attachments-ru-phone.png');
  await page.screenshot({ path: file, fullPage: true });
  await context.close();
  return [file];
}

// Admin: contests (issue #10): the contest editor, new and existing, signed in as the demo admin, at
// phone size with JavaScript off (the add-another button posts back).
async function adminContestShots(browser, url, ids, written) {
  const context = await browser.newContext({
    viewport: VIEWPORTS.phone,
    javaScriptEnabled: false,
    locale: 'ru',
    extraHTTPHeaders: { 'Accept-Language': 'ru' },
  });
  const page = await context.newPage();
  await page.goto(`${url}/login?returnTo=/admin/contests&lang=ru`);
  await page.fill('#email', 'admin@demo.kg');
  await page.fill('#password', 'demo admin passphrase');
  await Promise.all([page.waitForNavigation(), page.click('main button.govuk-button')]);
  const shots = [
    ['admin-contest-new', '/admin/contests/new'],
    ['admin-contest-edit', `/admin/contests/${ids.contestId}`],
  ];
  for (const [name, path] of shots) {
    await page.goto(`${url}${path}`, { waitUntil: 'load' });
    const file = join(outDir, `${name}-ru-phone.png`);
    await page.screenshot({ path: file, fullPage: true });
    written.push(file);
  }
  await context.close();
}

/** The moderation queue, signed in as the demo moderator (seed:demo prints its password). */
async function moderationShots(browser, url) {
  const files = [];
  for (const [viewportName, viewport] of Object.entries(VIEWPORTS)) {
    const context = await browser.newContext({
      viewport,
      locale: 'ru',
      extraHTTPHeaders: { 'Accept-Language': 'ru' },
    });
    const page = await context.newPage();
    await page.goto(`${url}/login?returnTo=${encodeURIComponent('/moderation/practices')}`);
    await page.fill('#email', 'moderator@demo.kg');
    await page.fill('#password', 'demo moderator passphrase');
    await Promise.all([
      page.waitForURL('**/moderation/practices'),
      page.click('form[action="/login"] button'),
    ]);
    await page.waitForLoadState('networkidle');
    const file = join(outDir, `moderation-queue-ru-${viewportName}.png`);
    await page.screenshot({ path: file, fullPage: true });
    files.push(file);
    await context.close();
  }
  return files;
}

main()
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => supervisor.cleanup());

// Staff pages, at phone size in Russian with JavaScript off (as a slow phone sees them), signed in
// through the sign-in form as the demo account that may open them (seed:demo's public passwords).
// Declared below main()'s call (a hoisted function), apart from the other pages' additions.
async function staffShots(browser, url, written) {
  const admin = { email: 'admin@demo.kg', password: 'demo admin passphrase' };
  const staffPages = [['admin-users', '/admin/users', admin]];
  for (const [name, path, account] of staffPages) {
    const context = await browser.newContext({
      viewport: VIEWPORTS.phone,
      javaScriptEnabled: false,
      locale: 'ru',
      extraHTTPHeaders: { 'Accept-Language': 'ru' },
    });
    const page = await context.newPage();
    await page.goto(`${url}/login?returnTo=${encodeURIComponent(path)}`);
    await page.fill('#email', account.email);
    await page.fill('#password', account.password);
    await Promise.all([page.waitForURL(`${url}${path}`), page.click('form[action="/login"] button')]);
    const file = join(outDir, `${name}-ru-phone.png`);
    await page.screenshot({ path: file, fullPage: true });
    written.push(file);
    await context.close();
  }
}
