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
  written.push(...(await staffShots(browser, url, ids)));
  console.log(`wrote ${written.length} screenshots to ${outDir}`);
}

// seed:demo's accounts (their passwords are public, printed by the seeder and the README).
const DEMO = {
  representative: { email: 'rep.dostuk@demo.kg', password: 'demo representative passphrase' },
  moderator: { email: 'moderator@demo.kg', password: 'demo moderator passphrase' },
  admin: { email: 'admin@demo.kg', password: 'demo admin passphrase' },
};

async function submitForm(page, selector) {
  await Promise.all([
    page.waitForNavigation(),
    page.click(`${selector} button[type=submit], ${selector} .govuk-button`),
  ]);
}

/** A Russian browser context signed in through the sign-in form as `account`. */
async function signedInPage(browser, url, account, options = {}) {
  const context = await browser.newContext({
    locale: 'ru',
    extraHTTPHeaders: { 'Accept-Language': 'ru' },
    ...options,
  });
  const page = await context.newPage();
  await page.goto(`${url}/login`);
  await page.fill('#email', account.email);
  await page.fill('#password', account.password);
  await submitForm(page, 'form[action="/login"]');
  return { context, page };
}

/** The representative's pages: signed in as the demo representative, a draft started through the form. */
async function representativeShots(browser, url) {
  const { context, page } = await signedInPage(browser, url, DEMO.representative);
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
  const account = DEMO.representative;
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
  const mine = await (await api('/practices/mine', { headers: auth })).json();
  const published = mine.find((practice) => practice.status === 'published');
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
  const { context, page } = await signedInPage(browser, url, account, {
    viewport: VIEWPORTS.phone,
    javaScriptEnabled: false,
  });
  await page.goto(`${url}/my/practices/${draft.id}/attachments`, { waitUntil: 'networkidle' });
  const file = join(outDir, 'my-attachments-ru-phone.png');
  await page.screenshot({ path: file, fullPage: true });
  await context.close();
  return [file];
}

main()
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => supervisor.cleanup());

// Staff pages in Russian, signed in as the demo account that may open them: at phone size with
// JavaScript off (as a slow phone sees them; the contest editor's add-another button posts back),
// and the moderation queue on a desktop too. Declared below main()'s call (a hoisted function).
async function staffShots(browser, url, ids) {
  const shots = [
    ['admin-contest-new', '/admin/contests/new', DEMO.admin],
    ['admin-contest-edit', `/admin/contests/${ids.contestId}`, DEMO.admin],
    ['admin-users', '/admin/users', DEMO.admin],
    ['moderation-queue', '/moderation/practices', DEMO.moderator],
  ];
  const files = [];
  for (const [viewportName, viewport] of Object.entries(VIEWPORTS)) {
    for (const [name, path, account] of shots) {
      if (viewportName !== 'phone' && !name.startsWith('moderation')) continue;
      const { context, page } = await signedInPage(browser, url, account, {
        viewport,
        javaScriptEnabled: viewportName !== 'phone',
      });
      await page.goto(`${url}${path}`, { waitUntil: 'networkidle' });
      const file = join(outDir, `${name}-ru-${viewportName}.png`);
      await page.screenshot({ path: file, fullPage: true });
      files.push(file);
      await context.close();
    }
  }
  return files;
}
