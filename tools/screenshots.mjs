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
  console.log(`wrote ${written.length} screenshots to ${outDir}`);
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
