// The website's render step alone, in this process: the real view builders and WebRenderer.send on
// the demo data (read through the JSON API of a demo portal), timed in CPU microseconds per page.
// Templates are pure CPU, so this stays comparable on a machine other people load, where req/s do
// not. RENDER_DUMP=dir writes each page's HTML there, to diff the output before and after a change.
//
// Usage: npm run build && node bench/pages/render.mjs   (env: RENDER_ITERATIONS=400 RENDER_DUMP=…
//        RENDER_ONLY=catalog,contest; with `node --cpu-prof` the profile shows the render alone)
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { demoIds, startDemoPortal } from '../lib/demo-portal.mjs';
import { createSupervisor } from '../lib/supervisor.mjs';
import { apiToken } from './sign-in.mjs';

const require = createRequire(import.meta.url);
const dist = (path) => require(join(import.meta.dirname, '..', '..', 'dist', 'src', path));
const { WebRenderer } = dist('web/render/web-renderer.js');
const { catalogPage } = dist('web/public/catalog.view.js');
const { practicePage } = dist('web/public/practice.view.js');
const { contestPage } = dist('web/public/contests.view.js');
const { ballotModel } = dist('web/contests/ballot.view.js');
const { CatalogQueryDto } = dist('practices/dto/catalog-query.dto.js');
const iterations = Number(process.env.RENDER_ITERATIONS ?? 400);

const renderer = new WebRenderer({
  http: { publicUrl: 'http://127.0.0.1' },
  nodeEnv: 'test',
  web: { compressHtml: false },
});

/** WebRenderer.send on a stand-in request and reply; returns the HTML it would send. */
async function render(page, { url, user }) {
  const request = {
    web: { locale: 'ru', user, rememberLocale: false, sessionId: user ? 's' : undefined },
    url,
    method: 'GET',
    cookies: {},
    headers: {},
  };
  let body;
  const reply = {
    generateCsrf: () => 'csrf-token-of-the-request',
    header() {
      return this;
    },
    status() {
      return this;
    },
    setCookie() {
      return this;
    },
    clearCookie() {
      return this;
    },
    send(b) {
      body = b;
      return this;
    },
  };
  await renderer.send(request, reply, page);
  return body.toString();
}

async function measure(name, build, target) {
  if (process.env.RENDER_ONLY && !process.env.RENDER_ONLY.split(',').includes(name)) return;
  const context = renderer.context({
    web: { locale: 'ru', user: target.user, rememberLocale: false },
    url: target.url,
  });
  const html = await render(build(context), target);
  for (let i = 0; i < 50; i += 1) await render(build(context), target); // warm-up
  const before = process.cpuUsage();
  for (let i = 0; i < iterations; i += 1) await render(build(context), target);
  const used = process.cpuUsage(before);
  const us = (used.user + used.system) / iterations;
  if (process.env.RENDER_DUMP) {
    mkdirSync(process.env.RENDER_DUMP, { recursive: true });
    writeFileSync(join(process.env.RENDER_DUMP, `${name}.html`), html);
  }
  console.log(JSON.stringify({ name, cpuUsPerPage: Math.round(us), htmlBytes: html.length }));
}

async function main() {
  const supervisor = createSupervisor('the render benchmark portal');
  try {
    const { url } = await startDemoPortal(supervisor, { name: 'pages-render' });
    const ids = await demoIds(url);
    const token = await apiToken(url);
    const get = async (path, auth) =>
      (
        await fetch(`${url}/api/v1${path}`, { headers: auth ? { authorization: `Bearer ${token}` } : {} })
      ).json();
    const [catalog, regions, categories, practice, contest, entries, myVotes, verification, me] =
      await Promise.all([
        get('/practices?sort=new&limit=10&lang=ru'),
        get('/regions?lang=ru'),
        get('/categories?lang=ru'),
        get(`/practices/${ids.practiceId}?lang=ru`),
        get(`/contests/${ids.contestId}?lang=ru`),
        get(`/contests/${ids.contestId}/entries?lang=ru`, true),
        get(`/contests/${ids.contestId}/my-votes`, true),
        get('/users/me/voter-verification', true),
        get('/users/me', true),
      ]);
    const user = { ...me, roles: me.roles ?? ['citizen'], createdAt: new Date(me.createdAt) };
    await measure(
      'catalog',
      (context) =>
        catalogPage(
          context,
          {},
          Object.assign(new CatalogQueryDto(), { limit: 10 }),
          {
            regions: regions.items ?? regions,
            districts: [],
            municipalities: [],
            categories: categories.items ?? categories,
          },
          catalog,
          [],
        ),
      { url: '/practices' },
    );
    await measure('practice', (context) => practicePage(context, practice, []), {
      url: `/practices/${ids.practiceId}`,
    });
    await measure(
      'contest',
      (context) => {
        const ballot = ballotModel(context, { contest, entries, user, myVotes, verification });
        return contestPage(context, contest, { ballot, hasForms: true });
      },
      { url: `/contests/${ids.contestId}`, user },
    );
  } finally {
    await supervisor.cleanup();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
