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
//   contest        /contests/:id signed in     | /api/v1/contests/:id with the voter's bearer token
//                  (the ballot is drawn on the contest page by the ballot part of the website; until it
//                  is merged the signed-in contest page is measured: session lookup and CSRF token
//                  included)
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

/** One closed-loop autocannon run: req/s of 2xx responses, errors = anything else. */
function cannon(url, headers, duration) {
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      { url, connections: config.connections, duration, headers },
      (error, done) => {
        currentCannon = undefined;
        if (error) reject(error);
        else
          resolve({
            rps: done['2xx'] / done.duration,
            errors: done.errors + done.non2xx + done.timeouts,
            requests: done['2xx'],
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

/** The body as sent (not decoded), its status and headers. */
function raw(url, headers) {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const req = httpRequest(
      { host: target.hostname, port: target.port, path: target.pathname + target.search, headers },
      (res) => {
        const chunks = [];
        res.on('data', (chunk) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** Signs the demo voter in on the website (CSRF token and Origin as a browser sends them). */
async function webSession(url) {
  const form = await raw(`${url}/login`, { 'accept-language': 'ru' });
  const csrfCookie = [form.headers['set-cookie']]
    .flat()
    .find((c) => c.startsWith('csrf='))
    ?.split(';')[0];
  const token = /name="_csrf" value="([^"]+)"/.exec(form.body.toString())?.[1];
  const body = new URLSearchParams({
    _csrf: token,
    email: 'voter@demo.kg',
    password: 'demo voter passphrase',
    returnTo: '/',
  }).toString();
  const target = new URL(`${url}/login`);
  const session = await new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        path: '/login',
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          cookie: csrfCookie,
          origin: url,
          'content-length': Buffer.byteLength(body),
        },
      },
      (res) => {
        res.resume();
        resolve(
          [res.headers['set-cookie']]
            .flat()
            .find((c) => c?.startsWith('session='))
            ?.split(';')[0],
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
  if (!session) throw new Error('the demo voter could not sign in on the website');
  return `${csrfCookie}; ${session}`;
}

async function apiToken(url) {
  const response = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'voter@demo.kg', password: 'demo voter passphrase' }),
  });
  if (!response.ok) throw new Error(`API sign-in failed: ${response.status}`);
  return (await response.json()).accessToken;
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
    { name: 'catalog', html: ['/practices', ru], api: ['/api/v1/practices?sort=new&limit=10&lang=ru', {}] },
    {
      name: 'practice',
      html: [`/practices/${ids.practiceId}`, ru],
      api: [`/api/v1/practices/${ids.practiceId}?lang=ru`, {}],
    },
    {
      name: 'contest (signed in)',
      html: [`/contests/${ids.contestId}`, { ...ru, cookie }],
      api: [`/api/v1/contests/${ids.contestId}?lang=ru`, { authorization: `Bearer ${token}` }],
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
    const apiUrl = url + c.api[0];
    const [html, api, htmlBr] = await Promise.all([
      raw(htmlUrl, c.html[1]),
      raw(apiUrl, c.api[1]),
      raw(htmlUrl, { ...c.html[1], 'accept-encoding': 'br' }),
    ]);
    if (html.status !== 200 || api.status !== 200)
      throw new Error(`${c.name}: HTML ${html.status}, API ${api.status}`);
    if (c.html[1].cookie && !html.body.toString().includes('action="/logout"'))
      throw new Error(`${c.name}: not signed in`);
    htmlPages[c.name.split(' ')[0]] = html.body;
    await cannon(htmlUrl, c.html[1], config.warmup);
    await cannon(apiUrl, c.api[1], config.warmup);
    const htmlRuns = [];
    const apiRuns = [];
    for (let r = 0; r < config.rounds; r += 1) {
      const order = r % 2 === 0 ? ['html', 'api'] : ['api', 'html'];
      for (const side of order) {
        if (side === 'html') htmlRuns.push(await cannon(htmlUrl, c.html[1], config.duration));
        else apiRuns.push(await cannon(apiUrl, c.api[1], config.duration));
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
