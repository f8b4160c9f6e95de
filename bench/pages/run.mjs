// npm run bench:pages (WEB.md §4): the website's HTML pages against the JSON API serving the same
// data, side by side in one run, on one portal with the demo data (bench/lib/demo-portal.mjs:
// embedded PostgreSQL in a temporary directory, the seed:demo seeder, node dist/src/main.js).
//
// Both sides uncached (CATALOG_CACHE_TTL_MS=0: every request reads PostgreSQL) and with the same
// compression: the API compresses nothing, so the HTML is requested without Accept-Encoding (the
// portal then sends it uncompressed). The HTML with `Accept-Encoding: br` is measured beside it
// (htmlBrRps, htmlBrBytes), and the Brotli quality table shows what each quality costs per page.
//
// Cases (HTML path | API path):
//   catalog        /practices                  | /api/v1/practices?sort=new&limit=10 (the page's query)
//   practice       /practices/:id              | /api/v1/practices/:id
//   ballot         /contests/:id signed in     | what an API client reads to draw the same ballot, with
//                  (a contest in voting: the      the voter's bearer token: /api/v1/contests/:id, then
//                  description, the ballot and    /contests/:id/entries (the voter's order) and
//                  the votes used; session and    /contests/:id/my-votes; one API "page" is the three
//                  CSRF token included)           requests, so apiRps counts pages (apiRequestRps: requests)
// Per case: HTML and API at full load (BENCH_CONNECTIONS connections, BENCH_DURATION s each,
// BENCH_ROUNDS alternating rounds H A, A H after a warm-up), the HTML with br at full load, then the
// HTML at BENCH_RATE req/s evenly paced (open loop, latency from when each request was due) for p99.
//
// Last line: {"cases":[{"name","htmlRps","apiRps","ratio","p99Ms","htmlBytes","apiBytes",...}],
// "brotli":[...],"meta":{...}}. Goal: ratio >= 0.6 on each case and p99 < 100 ms.
//
// Usage: npm run bench:pages   (env: BENCH_DURATION=8 BENCH_CONNECTIONS=20 BENCH_RATE=100
//        BENCH_PACED_DURATION=10 BENCH_ROUNDS=2 BENCH_WARMUP=2 DATABASE_URL=…)
import { Agent, request as httpRequest } from 'node:http';
import { createRequire } from 'node:module';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { brotliCompressSync, constants as zlib } from 'node:zlib';
import { demoIds, startDemoPortal } from '../lib/demo-portal.mjs';
import { createSupervisor, sleep } from '../lib/supervisor.mjs';
import { apiToken, raw, webSession } from './sign-in.mjs';

const require = createRequire(import.meta.url);
const autocannon = require('autocannon');
const env = process.env;
const config = {
  duration: Number(env.BENCH_DURATION ?? 8),
  connections: Number(env.BENCH_CONNECTIONS ?? 20),
  rate: Number(env.BENCH_RATE ?? 100),
  pacedDuration: Number(env.BENCH_PACED_DURATION ?? 10),
  rounds: Number(env.BENCH_ROUNDS ?? 2),
  warmup: Number(env.BENCH_WARMUP ?? 2),
};

const supervisor = createSupervisor('the page benchmark portal');
let currentCannon;
supervisor.first(() => currentCannon?.stop());

const round = (x, digits = 1) => (Number.isFinite(x) ? +x.toFixed(digits) : null);
const percentile = (sorted, p) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN;

/**
 * One closed-loop autocannon run: req/s of 2xx responses, errors = anything else. With `paths`, each
 * connection requests them in turn and a "request" below is the whole sequence (one page's data).
 */
function cannon(url, headers, duration, paths = []) {
  const perPage = Math.max(paths.length, 1);
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections: config.connections,
        duration,
        headers,
        ...(paths.length ? { requests: paths.map((path) => ({ method: 'GET', path })) } : {}),
      },
      (error, done) => {
        currentCannon = undefined;
        if (error) reject(error);
        else
          resolve({
            rps: done['2xx'] / perPage / done.duration,
            errors: done.errors + done.non2xx + done.timeouts,
            requests: done['2xx'] / perPage,
            durationS: done.duration,
          });
      },
    );
    currentCannon = instance;
  });
}

/** Request i is due at start + i/rate whatever the others do; its latency counts from then. */
async function paced(url, headers, { rate, duration }) {
  const agent = new Agent({ keepAlive: true, maxSockets: config.connections });
  const target = new URL(url);
  const interval = 1000 / rate;
  const total = Math.round(rate * duration);
  const latencies = [];
  let errors = 0;
  let sent = 0;
  let settled = 0;
  const started = performance.now() + 20;
  await new Promise((resolve) => {
    const settle = () => {
      settled += 1;
      if (settled === total) resolve();
    };
    const fire = (due) => {
      const req = httpRequest(
        { host: target.hostname, port: target.port, path: target.pathname + target.search, agent, headers },
        (res) => {
          res.on('data', () => undefined);
          res.on('end', () => {
            if (res.statusCode >= 200 && res.statusCode < 300) latencies.push(performance.now() - due);
            else errors += 1;
            settle();
          });
        },
      );
      req.on('error', () => {
        errors += 1;
        settle();
      });
      req.end();
    };
    const tick = () => {
      const now = performance.now();
      while (sent < total && started + sent * interval <= now) {
        fire(started + sent * interval);
        sent += 1;
      }
      if (sent < total) setTimeout(tick, Math.max(0, started + sent * interval - performance.now()));
    };
    setTimeout(tick, 20);
  });
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return { p50Ms: percentile(latencies, 50), p99Ms: percentile(latencies, 99), errors };
}

/** What each Brotli quality costs (ms per page, median of 30) and saves, on the pages measured. */
function brotliTable(pages) {
  const rows = [];
  for (const quality of [1, 3, 4, 5, 6, 8, 11]) {
    const row = { quality };
    for (const [name, html] of Object.entries(pages)) {
      const times = [];
      let size = 0;
      for (let i = 0; i < 30; i += 1) {
        const t0 = performance.now();
        size = brotliCompressSync(html, { params: { [zlib.BROTLI_PARAM_QUALITY]: quality } }).length;
        times.push(performance.now() - t0);
      }
      times.sort((a, b) => a - b);
      row[`${name}Ms`] = round(times[15], 2);
      row[`${name}Bytes`] = size;
    }
    rows.push(row);
  }
  return rows;
}

async function main() {
  const started = performance.now();
  const { url } = await startDemoPortal(supervisor, {
    name: 'pages-bench',
    env: { CATALOG_CACHE_TTL_MS: '0' },
  });
  const ids = await demoIds(url);
  const [cookie, token] = [await webSession(url), await apiToken(url)];
  const ru = { 'accept-language': 'ru' };
  const cases = [
    { name: 'catalog', html: ['/practices', ru], api: [['/api/v1/practices?sort=new&limit=10&lang=ru'], {}] },
    {
      name: 'practice',
      html: [`/practices/${ids.practiceId}`, ru],
      api: [[`/api/v1/practices/${ids.practiceId}?lang=ru`], {}],
    },
    {
      name: 'ballot (signed in)',
      html: [`/contests/${ids.contestId}`, { ...ru, cookie }],
      api: [
        [
          `/api/v1/contests/${ids.contestId}?lang=ru`,
          `/api/v1/contests/${ids.contestId}/entries?lang=ru`,
          `/api/v1/contests/${ids.contestId}/my-votes`,
        ],
        { authorization: `Bearer ${token}` },
      ],
    },
  ];
  console.log(
    `portal ${url}; ${cpus().length} CPUs shared by the load generator, the portal and PostgreSQL; ` +
      `${config.connections} connections, ${config.rounds}×${config.duration} s per side, paced ${config.rate} req/s for ${config.pacedDuration} s`,
  );
  const results = [];
  const htmlPages = {};
  for (const c of cases) {
    const htmlUrl = url + c.html[0];
    const apiUrl = url + c.api[0][0];
    const apiPaths = c.api[0].length > 1 ? c.api[0] : [];
    const [html, apiParts, htmlBr] = await Promise.all([
      raw(htmlUrl, c.html[1]),
      Promise.all(c.api[0].map((path) => raw(url + path, c.api[1]))),
      raw(htmlUrl, { ...c.html[1], 'accept-encoding': 'br' }),
    ]);
    const api = {
      status: apiParts.every((part) => part.status === 200)
        ? 200
        : apiParts.find((p) => p.status !== 200).status,
      body: Buffer.concat(apiParts.map((part) => part.body)),
    };
    if (html.status !== 200 || api.status !== 200)
      throw new Error(`${c.name}: HTML ${html.status}, API ${api.status}`);
    if (c.html[1].cookie && !html.body.toString().includes('action="/logout"'))
      throw new Error(`${c.name}: not signed in`);
    htmlPages[c.name.split(' ')[0]] = html.body;
    await cannon(htmlUrl, c.html[1], config.warmup);
    await cannon(apiUrl, c.api[1], config.warmup, apiPaths);
    const htmlRuns = [];
    const apiRuns = [];
    for (let r = 0; r < config.rounds; r += 1) {
      const order = r % 2 === 0 ? ['html', 'api'] : ['api', 'html'];
      for (const side of order) {
        if (side === 'html') htmlRuns.push(await cannon(htmlUrl, c.html[1], config.duration));
        else apiRuns.push(await cannon(apiUrl, c.api[1], config.duration, apiPaths));
      }
    }
    const rps = (runs) =>
      runs.reduce((s, r) => s + r.requests, 0) / runs.reduce((s, r) => s + r.durationS, 0);
    const br = await cannon(htmlUrl, { ...c.html[1], 'accept-encoding': 'br' }, config.duration);
    await sleep(1000);
    const pacedRun = await paced(htmlUrl, c.html[1], { rate: config.rate, duration: config.pacedDuration });
    const pacedBr = await paced(
      htmlUrl,
      { ...c.html[1], 'accept-encoding': 'br' },
      { rate: config.rate, duration: config.pacedDuration },
    );
    const result = {
      name: c.name,
      htmlRps: round(rps(htmlRuns)),
      apiRps: round(rps(apiRuns)),
      apiRequestRps: round(rps(apiRuns) * c.api[0].length),
      ratio: round(rps(htmlRuns) / rps(apiRuns), 2),
      p99Ms: round(pacedRun.p99Ms),
      htmlBytes: html.body.length,
      apiBytes: api.body.length,
      p50Ms: round(pacedRun.p50Ms),
      htmlBrRps: round(br.rps),
      htmlBrBytes: htmlBr.body.length,
      apiBrBytes: brotliCompressSync(api.body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 4 } }).length,
      p99MsBr: round(pacedBr.p99Ms),
      errors:
        [...htmlRuns, ...apiRuns, br].reduce((s, r) => s + r.errors, 0) + pacedRun.errors + pacedBr.errors,
    };
    results.push(result);
    console.log(
      `${c.name.padEnd(20)} html ${String(result.htmlRps).padStart(7)} req/s  api ${String(result.apiRps).padStart(7)} req/s  ` +
        `ratio ${result.ratio}  p99 ${result.p99Ms} ms (br: ${result.htmlBrRps} req/s, p99 ${result.p99MsBr} ms)  ` +
        `bytes html ${result.htmlBytes} (br ${result.htmlBrBytes}) api ${result.apiBytes}  errors ${result.errors}`,
    );
  }
  const brotli = brotliTable(htmlPages);
  console.log('Brotli quality: ms to compress one page (median) and bytes');
  for (const row of brotli) console.log(`  q${row.quality}: ${JSON.stringify(row)}`);
  const goalMet = results.every((r) => r.ratio >= 0.6 && r.p99Ms < 100 && r.errors === 0);
  console.log(
    `goal (ratio >= 0.6 and p99 < 100 ms on every case, no errors): ${goalMet ? 'met' : 'NOT met'}`,
  );
  console.log(
    JSON.stringify({
      cases: results,
      brotli,
      meta: {
        goalMet,
        ...config,
        cpus: cpus().length,
        seconds: round((performance.now() - started) / 1000, 0),
      },
    }),
  );
}

main()
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => supervisor.cleanup());
