// Catalog throughput benchmark (Phase 2): GET /api/v1/practices of the built portal against a
// minimal reference server (bench/catalog/reference-server.mjs: plain Fastify + pg, the same SQL and
// the same JSON), on the same database, alternating, on this machine.
//
// The portal caches catalog responses and coalesces concurrent identical requests
// (CATALOG_CACHE_TTL_MS, app default 5000; 0 disables both). The reference runs the SQL for every
// request, so the run starts TWO portal processes on the same database:
//   api          the deployed configuration (CATALOG_CACHE_TTL_MS not set: the app default applies;
//                the variable is removed from the inherited environment for this process);
//   api-nocache  CATALOG_CACHE_TTL_MS=0: every request runs the SQL, like the reference
//                (the like-for-like throughput comparison).
//
//  1. embedded PostgreSQL in a temporary directory (or DATABASE_URL when set: a migrated database
//     the run may add a bench author and bench practices to);
//  2. the portal `api` (node dist/src/main.js, LOG_LEVEL=warn), which migrates and seeds reference
//     data; only once it is ready, the portal `api-nocache` (own port, own DATA_DIR, same database);
//  3. 10,000 published practices from a seeded generator (bench/catalog/seed.mjs);
//  4. the reference server; both portals must answer every case with bodies byte-identical to the
//     reference (`api` twice: the response that fills its cache and the one served from it); the
//     cursor chain of the deep-cursor case is walked on all three;
//  5. per case, in this order (autocannon; full load = BENCH_CONNECTIONS connections for
//     BENCH_DURATION s after a BENCH_WARMUP s warm-up; BENCH_QUIET applies before every run):
//       api-nocache and ref at full load in BENCH_ROUNDS alternating rounds, api full load,
//       api-nocache at a fixed offered rate of BENCH_RATE req/s (autocannon overallRate),
//       api at BENCH_RATE req/s (autocannon overallRate),
//       with BENCH_PACED=1 (default off, it would take the run past ~9 min): api-nocache and api at
//       BENCH_RATE req/s evenly paced (see paced() below: autocannon's rate limit sends each
//       second's requests in bursts).
//
// Prints a table (three rows per case: api-nocache, api, ref), two goal lines, and, as its last
// line, one JSON object {"cases":[...], "meta":{...}}. Per case:
//   apiRps            api-nocache req/s at full load (same SQL for every request, like the reference)
//   refRps            reference req/s at full load
//   ratio             apiRps / refRps
//   p50Ms, p99Ms      api (deployed, cached) at BENCH_RATE req/s offered by autocannon overallRate
//   errors            connection errors, timeouts, non-2xx of ALL api runs of the case: api-nocache
//                     and api, full load and fixed rate (errorsByRun: each of the four)
//   apiCachedRps      api req/s at full load;  ratioCached = apiCachedRps / refRps
//   p50MsNoCache, p99MsNoCache   api-nocache at BENCH_RATE req/s (autocannon overallRate)
//   p99MsPaced, p99MsPacedNoCache  api / api-nocache at BENCH_RATE req/s evenly paced (null unless
//                     BENCH_PACED=1; with p50MsPaced*, pacedRps*, errorsPaced*, not in `errors`)
//   goalMet           ratio >= 0.7, p99Ms < 100, errors === 0, bodies identical (the goal);
//   goalMetNoCacheP99 the same with p99MsNoCache < 100 instead of p99Ms (the uncached latency)
// Naming of the extra fields: full-load figures follow apiRps (api* = api-nocache, apiCached* = api,
// ref* = reference): apiP50MsFullLoad, apiP99MsFullLoad, apiCachedP50MsFullLoad,
// apiCachedP99MsFullLoad, refP50MsFullLoad, refP99MsFullLoad, refErrors, and CPU ms per request
// (cpu.mjs) apiCpuMsPerReq, apiCachedCpuMsPerReq, refCpuMsPerReq (server process) and
// apiPgCpuMsPerReq, apiCachedPgCpuMsPerReq, refPgCpuMsPerReq (embedded PostgreSQL), loadgenCpuMsPerReq
// (this process, api-nocache full load). Fixed-rate figures follow p99Ms (no suffix = api,
// *NoCache = api-nocache): rateRps, rateRpsNoCache (achieved req/s), p99MsAutocannon,
// p99MsAutocannonNoCache (autocannon's own histogram). bodiesIdentical = identicalApi &&
// identicalNoCache (each portal against the reference); otherCores: the most cores that processes
// outside this run kept busy during any run of the case.
//
// Usage: npm run bench:catalog    (env: BENCH_DURATION=20 BENCH_CONNECTIONS=50 BENCH_RATE=200
//        BENCH_WARMUP=3 BENCH_PRACTICES=10000 BENCH_SEED=20250101 BENCH_Q=водоснабжение
//        BENCH_DEEP_PAGES=50 BENCH_PACED=0 BENCH_ROUNDS=2 BENCH_QUIET=0 DATABASE_URL=...)
//        BENCH_ROUNDS=2: the api-nocache and ref full-load time is split into rounds run A B, B A
//        (each after its warm-up), so a drift of the shared machine weighs on both alike; their
//        figures are over all rounds together.
//        BENCH_QUIET=60: before each measured run wait up to 60 s for other processes on the
//        machine to go quiet (a shared machine makes req/s meaningless otherwise).
//        At the defaults the run takes about 8 minutes (BENCH_PACED=1 adds 40 s per case).
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { request as httpRequest, Agent } from 'node:http';
import { SEARCH_WORD } from './corpus.mjs';
import { cpuDelta, cpuSample, otherLoad } from './cpu.mjs';
import { seedPractices } from './seed.mjs';
import { createSupervisor, freePort, sleep } from '../lib/supervisor.mjs';

const require = createRequire(import.meta.url);
const root = join(import.meta.dirname, '..', '..');
const autocannon = require('autocannon');
const { Client } = require('pg');

const env = process.env;
const config = {
  duration: Number(env.BENCH_DURATION ?? 20),
  connections: Number(env.BENCH_CONNECTIONS ?? 50),
  rate: Number(env.BENCH_RATE ?? 200),
  warmup: Number(env.BENCH_WARMUP ?? 3),
  practices: Number(env.BENCH_PRACTICES ?? 10_000),
  seed: Number(env.BENCH_SEED ?? 20_250_101),
  q: env.BENCH_Q ?? SEARCH_WORD,
  deepPages: Number(env.BENCH_DEEP_PAGES ?? 50),
  paced: (env.BENCH_PACED ?? '0') !== '0', // default off: it adds 40 s per case
  quiet: Number(env.BENCH_QUIET ?? 0),
  // The like-for-like full-load runs (api-nocache, ref) are split into rounds run A B B A …, so a
  // drift of the machine during a case (another process, the CPU clock) weighs on both alike.
  rounds: Math.max(1, Number(env.BENCH_ROUNDS ?? 2)),
};
const GOAL = { ratio: 0.7, p99Ms: 100 };

// ---------------------------------------------------------------- processes and cleanup

const supervisor = createSupervisor();
const { children } = supervisor;
let currentCannon;
let stopPaced;
supervisor.first(() => {
  currentCannon?.stop();
  stopPaced?.();
});
// The servers first (together), then the database, then the files.
supervisor.first(() => Promise.all([...children].map((child) => stopServer(child).catch(() => undefined))));

function spawnServer(label, args, extraEnv) {
  const child = spawn(process.execPath, args, {
    cwd: root,
    // an undefined value in extraEnv removes that variable from the inherited environment
    env: Object.fromEntries(
      Object.entries({ ...env, ...extraEnv }).filter(([, value]) => value !== undefined),
    ),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  children.add(child);
  const forward = (stream) => {
    let buffered = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop();
      for (const line of lines) if (line.trim()) console.error(`[${label}] ${line}`);
    });
  };
  forward(child.stdout);
  forward(child.stderr);
  child.on('exit', (code, signal) => {
    if (!supervisor.isCleaning()) console.error(`[${label}] exited (${signal ?? code}) during the run`);
  });
  return child;
}

async function stopServer(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  if ((await Promise.race([exited.then(() => true), sleep(10_000).then(() => false)])) === false) {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      /* gone meanwhile */
    }
    await exited;
  }
}

async function waitReady(url, child, label) {
  for (let i = 0; i < 480; i += 1) {
    if (child.exitCode !== null)
      throw new Error(`${label} exited with ${child.exitCode} before it was ready`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not listening yet */
    }
    await sleep(250);
  }
  throw new Error(`${label} did not become ready at ${url}`);
}

// ---------------------------------------------------------------- measuring

const round = (x, digits = 1) => (Number.isFinite(x) ? +x.toFixed(digits) : null);
const percentile = (sorted, p) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN;

/**
 * One autocannon run. Latencies are taken from every 2xx response as measured (request written to
 * response complete), not from autocannon's histogram: with overallRate that histogram applies a
 * coordinated-omission correction with a 1 ms expected interval (Math.ceil(1 / rate) in lib/run.js),
 * which adds synthetic samples; its p99 is kept beside ours as p99MsAutocannon.
 */
async function cannon(url, { duration, overallRate, pids }) {
  const before = cpuSample(pids);
  const latencies = [];
  const result = await new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections: config.connections,
        duration,
        overallRate,
        headers: { accept: 'application/json' },
      },
      (error, done) => {
        currentCannon = undefined;
        if (error) reject(error);
        else resolve(done);
      },
    );
    currentCannon = instance;
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
    });
  });
  const ok = result['2xx'];
  latencies.sort((a, b) => a - b);
  return {
    rps: ok / result.duration,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    maxMs: latencies[latencies.length - 1],
    p99MsAutocannon: result.latency.p99,
    errors: result.errors + result.non2xx + result.mismatches,
    detail: {
      errors: result.errors,
      timeouts: result.timeouts,
      non2xx: result.non2xx,
      statusCodes: result.statusCodeStats,
    },
    requests: ok,
    durationS: result.duration,
    latencies,
    cpu: cpuDelta(before, cpuSample(pids), ok),
  };
}

/** Several runs of one server as one: req/s over the summed time, percentiles over every latency. */
function mergeRuns(runs) {
  if (runs.length === 1) return runs[0];
  const latencies = runs.flatMap((run) => run.latencies).sort((a, b) => a - b);
  const requests = runs.reduce((sum, run) => sum + run.requests, 0);
  const weighted = (key) => {
    const values = runs.map((run) => run.cpu?.[key]);
    if (values.some((value) => value === null || value === undefined)) return null;
    return +(runs.reduce((sum, run, i) => sum + values[i] * run.requests, 0) / requests).toFixed(2);
  };
  const sumOf = (key) => runs.reduce((sum, run) => sum + (run.detail[key] ?? 0), 0);
  return {
    rps: requests / runs.reduce((sum, run) => sum + run.durationS, 0),
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    maxMs: latencies[latencies.length - 1],
    errors: runs.reduce((sum, run) => sum + run.errors, 0),
    detail: { errors: sumOf('errors'), timeouts: sumOf('timeouts'), non2xx: sumOf('non2xx') },
    requests,
    durationS: runs.reduce((sum, run) => sum + run.durationS, 0),
    latencies,
    cpu: runs.every((run) => run.cpu)
      ? {
          serverMsPerReq: weighted('serverMsPerReq'),
          postgresMsPerReq: weighted('postgresMsPerReq'),
          loadgenMsPerReq: weighted('loadgenMsPerReq'),
          otherCores: Math.max(...runs.map((run) => run.cpu.otherCores)),
        }
      : null,
  };
}

/**
 * A fixed offered rate, evenly paced and open-loop: request i is due at start + i/rate whatever
 * earlier requests are doing, on at most `connections` keep-alive sockets, and its latency counts
 * from when it was due (queueing for a socket included, so no coordinated omission). autocannon's
 * overallRate instead lets each connection send its share of a second back to back when the second
 * starts, so all connections hit the server at once every second.
 */
async function paced(url, { rate, duration, pids }) {
  const before = cpuSample(pids);
  const agent = new Agent({ keepAlive: true, maxSockets: config.connections });
  const target = new URL(url);
  const interval = 1000 / rate;
  const total = Math.round(rate * duration);
  const latencies = [];
  let errors = 0;
  let non2xx = 0;
  let sent = 0;
  let settled = 0;
  let timer;
  const started = performance.now() + 20;
  await new Promise((resolve) => {
    const settle = () => {
      settled += 1;
      if (settled === sent && sent === total) resolve();
    };
    stopPaced = () => {
      clearTimeout(timer);
      resolve();
    };
    const fire = (due) => {
      let done = false;
      const finish = (ok, status) => {
        if (done) return;
        done = true;
        if (ok) latencies.push(performance.now() - due);
        else if (status) non2xx += 1;
        else errors += 1;
        settle();
      };
      const req = httpRequest(
        {
          host: target.hostname,
          port: target.port,
          path: target.pathname + target.search,
          agent,
          headers: { accept: 'application/json' },
        },
        (res) => {
          res.on('data', () => undefined);
          res.on('end', () => finish(res.statusCode >= 200 && res.statusCode < 300, res.statusCode));
          res.on('error', () => finish(false));
        },
      );
      // 10 s from when it was due (waiting for a socket included): a timeout, counted as an error.
      const deadline = setTimeout(
        () => req.destroy(new Error('timeout')),
        Math.max(0, due + 10_000 - performance.now()),
      );
      req.on('close', () => clearTimeout(deadline));
      req.on('error', () => finish(false));
      req.end();
    };
    const tick = () => {
      const now = performance.now();
      while (sent < total && started + sent * interval <= now) {
        const due = started + sent * interval;
        sent += 1;
        fire(due);
      }
      if (sent < total) timer = setTimeout(tick, Math.max(0, started + sent * interval - performance.now()));
    };
    timer = setTimeout(tick, 20);
  });
  stopPaced = undefined;
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    rps: latencies.length / elapsed,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    maxMs: latencies[latencies.length - 1] ?? NaN,
    errors: errors + non2xx,
    detail: { errors, non2xx },
    requests: latencies.length,
    cpu: cpuDelta(before, cpuSample(pids), latencies.length),
  };
}

/** With BENCH_QUIET=s, wait up to s seconds for the rest of the machine to go (nearly) idle. */
async function waitQuiet() {
  if (!config.quiet) return;
  const deadline = performance.now() + config.quiet * 1000;
  let announced = false;
  for (;;) {
    const load = await otherLoad(1000);
    if (load < 0.15) return;
    if (performance.now() > deadline) {
      console.log(`  (other processes still use ${load.toFixed(2)} cores; measuring anyway)`);
      return;
    }
    if (!announced) console.log(`  (waiting for other processes to go quiet: ${load.toFixed(2)} cores busy)`);
    announced = true;
  }
}

async function fetchBody(url) {
  const response = await fetch(url, { headers: { accept: 'application/json' } });
  return { status: response.status, body: await response.text() };
}

/** First line where two JSON bodies differ, for the report. */
function firstDifference(a, b, label = 'api') {
  const pa = JSON.stringify(JSON.parse(a), null, 1).split('\n');
  const pb = JSON.stringify(JSON.parse(b), null, 1).split('\n');
  for (let i = 0; i < Math.max(pa.length, pb.length); i += 1) {
    if (pa[i] !== pb[i]) return `line ${i + 1}: ${label} ${pa[i]?.trim()} | ref ${pb[i]?.trim()}`;
  }
  return 'same JSON value, different bytes (key order or spacing)';
}

// ---------------------------------------------------------------- the run

async function main() {
  const started = performance.now();
  const workDir = mkdtempSync(join(tmpdir(), 'portal-catalog-bench-'));
  chmodSync(workDir, 0o755); // as root, PostgreSQL runs as 'postgres' and must reach its directory
  supervisor.onCleanup(() => rmSync(workDir, { recursive: true, force: true }));

  let databaseUrl = env.DATABASE_URL;
  if (!databaseUrl) {
    const { Logger } = require('@nestjs/common');
    Logger.overrideLogger(['error', 'warn']);
    const { startEmbeddedPostgres } = require(join(root, 'dist', 'src', 'database', 'embedded-postgres.js'));
    const dbDir = join(workDir, 'db');
    supervisor.watchPostmaster(join(dbDir, 'pg', 'postmaster.pid'));
    const database = await startEmbeddedPostgres(dbDir);
    supervisor.onCleanup(async () => {
      // stop() waits for an exit that never comes if PostgreSQL is already gone: bound it.
      await Promise.race([database.stop(), sleep(15_000)]);
      const pid = supervisor.postmasterPid();
      if (pid) process.kill(pid, 'SIGQUIT');
    });
    databaseUrl = database.url;
    console.log('embedded PostgreSQL started');
  } else {
    console.log('using DATABASE_URL');
  }

  const spawnPortal = async (label, port, extraEnv) => {
    const url = `http://127.0.0.1:${port}`;
    const child = spawnServer(label, ['dist/src/main.js'], {
      PORT: String(port),
      PUBLIC_URL: url,
      DATA_DIR: join(workDir, label),
      DATABASE_URL: databaseUrl,
      LOG_LEVEL: 'warn',
      ...extraEnv,
    });
    await waitReady(`${url}/health/ready`, child, `the portal (${label})`);
    return { url, child };
  };
  // The deployed configuration first (it migrates and seeds reference data), the uncached one only
  // once it is ready. CATALOG_CACHE_TTL_MS is removed for `api` so that the app default applies.
  if (env.CATALOG_CACHE_TTL_MS !== undefined)
    console.log(`note: CATALOG_CACHE_TTL_MS=${env.CATALOG_CACHE_TTL_MS} in the environment is ignored`);
  const { url: api, child: app } = await spawnPortal('api', await freePort(), {
    CATALOG_CACHE_TTL_MS: undefined,
  });
  const postgresPid = env.DATABASE_URL ? undefined : supervisor.postmasterPid();
  console.log(`portal (api, app-default cache) ready at ${api} (migrated, reference data seeded)`);
  const { url: apiNoCache, child: appNoCache } = await spawnPortal('api-nocache', await freePort(), {
    CATALOG_CACHE_TTL_MS: '0',
  });
  console.log(`portal (api-nocache, CATALOG_CACHE_TTL_MS=0) ready at ${apiNoCache}`);

  await seedPractices(databaseUrl, { count: config.practices, seed: config.seed });

  const refPort = await freePort();
  const ref = `http://127.0.0.1:${refPort}`;
  const reference = spawnServer('ref', ['bench/catalog/reference-server.mjs'], {
    PORT: String(refPort),
    DATABASE_URL: databaseUrl,
  });
  await waitReady(`${ref}/health`, reference, 'the reference server');
  console.log(`reference server ready at ${ref}`);

  // The region and category pair with the most published practices (deterministic for a seed).
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  const pair = (
    await db.query(
      `SELECT p.region_id, p.category_id, r.name_ru AS region, c.name_ru AS category, count(*)::int AS n
         FROM practices p JOIN regions r ON r.id = p.region_id JOIN categories c ON c.id = p.category_id
        WHERE p.status = 'published' GROUP BY 1, 2, 3, 4 ORDER BY n DESC, 1, 2 LIMIT 1`,
    )
  ).rows[0];
  const published = (await db.query(`SELECT count(*)::int AS n FROM practices WHERE status = 'published'`))
    .rows[0].n;
  await db.end();

  // Walk the cursor chain on all three servers (every page must match), keep the page after the walk.
  let deepPath = '/api/v1/practices?limit=20';
  let chainMismatch = null;
  for (let page = 1; page <= config.deepPages; page += 1) {
    const [a, n, b] = await Promise.all([
      fetchBody(api + deepPath),
      fetchBody(apiNoCache + deepPath),
      fetchBody(ref + deepPath),
    ]);
    if (a.status !== 200)
      throw new Error(`API answered ${a.status} on page ${page} of the cursor walk: ${a.body}`);
    if (a.body !== b.body && !chainMismatch)
      chainMismatch = `page ${page}: ${b.status === 200 ? firstDifference(a.body, b.body, 'api') : `ref ${b.status}`}`;
    if (n.body !== b.body && !chainMismatch)
      chainMismatch = `page ${page}: ${n.status === 200 && b.status === 200 ? firstDifference(n.body, b.body, 'api-nocache') : `api-nocache ${n.status}, ref ${b.status}`}`;
    const { nextCursor } = JSON.parse(a.body);
    if (!nextCursor) throw new Error(`the cursor chain ended at page ${page}`);
    deepPath = `/api/v1/practices?limit=20&cursor=${encodeURIComponent(nextCursor)}`;
  }

  const cases = [
    { name: 'first-page', path: '/api/v1/practices', what: 'first page, unfiltered (sort new, limit 20)' },
    {
      name: 'region-category',
      path: `/api/v1/practices?regionId=${pair.region_id}&categoryId=${pair.category_id}`,
      what: `region ${pair.region} + category ${pair.category} (${pair.n} practices)`,
    },
    {
      name: 'full-text',
      path: `/api/v1/practices?q=${encodeURIComponent(config.q)}`,
      what: `q=${config.q} (sort relevance)`,
    },
    {
      name: 'deep-cursor',
      path: deepPath,
      what: `page ${config.deepPages + 1} of the cursor chain (limit 20)`,
    },
  ];

  /** '' when `x` answers 200 with exactly the reference's body, otherwise what differs. */
  const compare = (label, x, b) => {
    if (x.status === 200 && b.status === 200 && x.body === b.body) return '';
    if (x.status === 200 && b.status === 200) return `${label}: ${firstDifference(x.body, b.body, label)}`;
    return `${label} ${x.status}, ref ${b.status}: ${(x.status === 200 ? b : x).body.slice(0, 200)}`;
  };
  console.log(
    '\nchecking that api (cache fill and cache hit), api-nocache and the reference answer identically:',
  );
  for (const c of cases) {
    const [a, n, b] = await Promise.all([
      fetchBody(api + c.path),
      fetchBody(apiNoCache + c.path),
      fetchBody(ref + c.path),
    ]);
    const again = await fetchBody(api + c.path); // within the TTL: served from api's cache
    c.items = b.status === 200 ? JSON.parse(b.body).items.length : 0;
    c.bodyBytes = Buffer.byteLength(b.body);
    const apiDiff = compare('api', a, b) || compare('api (cached)', again, b);
    const noCacheDiff = compare('api-nocache', n, b);
    c.identicalApi = !apiDiff;
    c.identicalNoCache = !noCacheDiff;
    if (c.name === 'deep-cursor' && chainMismatch) c.identicalApi = c.identicalNoCache = false;
    c.identical = c.identicalApi && c.identicalNoCache;
    const note = c.identical ? 'identical' : `DIFFERENT ${[apiDiff, noCacheDiff].filter(Boolean).join('; ')}`;
    console.log(`  ${c.name.padEnd(16)} ${String(c.items).padStart(3)} items, ${c.bodyBytes} bytes: ${note}`);
    if (c.name === 'deep-cursor' && chainMismatch)
      console.log(`  WARNING: the cursor walk differed at ${chainMismatch}`);
    if (c.items === 0) console.log(`  WARNING: ${c.name} returns no items; the case measures an empty page`);
  }
  if (cases.some((c) => !c.identical)) {
    console.log(
      'WARNING: the portals and the reference do not serve identical bodies; the ratio compares unequal work',
    );
  }

  const servers = {
    nocache: {
      label: 'api-nocache',
      url: apiNoCache,
      pids: { server: appNoCache.pid, postgres: postgresPid },
    },
    ref: { label: 'ref', url: ref, pids: { server: reference.pid, postgres: postgresPid } },
    cached: { label: 'api', url: api, pids: { server: app.pid, postgres: postgresPid } },
  };
  const show = (server, what, run) =>
    console.log(`  ${server.label.padEnd(11)} ${what.padEnd(16)} ${fmtRun(run)}`);
  const fullLoad = async (server, path, duration = config.duration, quietly = false) => {
    if (config.warmup > 0) await cannon(server.url + path, { duration: config.warmup, pids: server.pids });
    await waitQuiet();
    const run = await cannon(server.url + path, { duration, pids: server.pids });
    if (!quietly) show(server, 'full load', run);
    await sleep(500);
    return run;
  };
  /** api-nocache and ref at full load in rounds A B, B A, …: config.duration each in all. */
  const likeForLike = async (path) => {
    const runs = { nocache: [], ref: [] };
    const share = Math.max(1, Math.round(config.duration / config.rounds));
    for (let round = 0; round < config.rounds; round += 1) {
      const order = round % 2 === 0 ? ['nocache', 'ref'] : ['ref', 'nocache'];
      for (const key of order) runs[key].push(await fullLoad(servers[key], path, share, true));
    }
    const merged = { nocache: mergeRuns(runs.nocache), ref: mergeRuns(runs.ref) };
    const rounds = config.rounds > 1 ? `, ${config.rounds} rounds` : '';
    show(servers.nocache, `full load${rounds}`, merged.nocache);
    show(servers.ref, `full load${rounds}`, merged.ref);
    return merged;
  };
  const atRate = async (server, path) => {
    await waitQuiet();
    const run = await cannon(server.url + path, {
      duration: config.duration,
      overallRate: config.rate,
      pids: server.pids,
    });
    show(server, `${config.rate} req/s ac`, run);
    await sleep(500);
    return run;
  };
  const evenlyPaced = async (server, path) => {
    await waitQuiet();
    const run = await paced(server.url + path, {
      rate: config.rate,
      duration: config.duration,
      pids: server.pids,
    });
    show(server, `${config.rate} req/s paced`, run);
    await sleep(500);
    return run;
  };

  const secondsEach =
    config.warmup * (1 + 2 * config.rounds) +
    config.duration * (config.paced ? 7 : 5) +
    (config.paced ? 3.5 : 2.5) +
    config.rounds;
  console.log(
    `\n${published} published practices; ${config.connections} connections × ${config.duration} s per run, ` +
      `then ${config.rate} req/s offered${config.paced ? ' (autocannon and evenly paced)' : ' (autocannon; BENCH_PACED=1 adds evenly paced runs)'}; ` +
      `~${Math.round((secondsEach * cases.length) / 60)} min. ` +
      `${cpus().length} CPUs shared by autocannon, the two portals, the reference and PostgreSQL.\n`,
  );
  for (const c of cases) {
    console.log(`${c.name}: ${c.what}`);
    ({ nocache: c.noCacheFull, ref: c.refFull } = await likeForLike(c.path));
    c.cachedFull = await fullLoad(servers.cached, c.path);
    c.noCacheRate = await atRate(servers.nocache, c.path);
    c.cachedRate = await atRate(servers.cached, c.path);
    if (config.paced) {
      c.noCachePaced = await evenlyPaced(servers.nocache, c.path);
      c.cachedPaced = await evenlyPaced(servers.cached, c.path);
    }
  }

  const orNull = (run, key, digits = 1) => (run ? round(run[key], digits) : null);
  const out = cases.map((c) => {
    const errorsByRun = {
      apiNoCacheFullLoad: c.noCacheFull.errors,
      apiFullLoad: c.cachedFull.errors,
      apiNoCacheRate: c.noCacheRate.errors,
      apiRate: c.cachedRate.errors,
    };
    const errors = Object.values(errorsByRun).reduce((a, b) => a + b, 0);
    const r = {
      name: c.name,
      apiRps: round(c.noCacheFull.rps, 0),
      refRps: round(c.refFull.rps, 0),
      ratio: round(c.noCacheFull.rps / c.refFull.rps, 2),
      p50Ms: round(c.cachedRate.p50Ms, 1),
      p99Ms: round(c.cachedRate.p99Ms, 1),
      errors,
      apiCachedRps: round(c.cachedFull.rps, 0),
      ratioCached: round(c.cachedFull.rps / c.refFull.rps, 2),
      p50MsNoCache: round(c.noCacheRate.p50Ms, 1),
      p99MsNoCache: round(c.noCacheRate.p99Ms, 1),
      p99MsPaced: orNull(c.cachedPaced, 'p99Ms'),
      p99MsPacedNoCache: orNull(c.noCachePaced, 'p99Ms'),
      goalMet: null,
      goalMetNoCacheP99: null,
      errorsByRun,
      apiP50MsFullLoad: round(c.noCacheFull.p50Ms, 1),
      apiP99MsFullLoad: round(c.noCacheFull.p99Ms, 1),
      apiCachedP50MsFullLoad: round(c.cachedFull.p50Ms, 1),
      apiCachedP99MsFullLoad: round(c.cachedFull.p99Ms, 1),
      refP50MsFullLoad: round(c.refFull.p50Ms, 1),
      refP99MsFullLoad: round(c.refFull.p99Ms, 1),
      refErrors: c.refFull.errors,
      rateRps: round(c.cachedRate.rps, 0),
      rateRpsNoCache: round(c.noCacheRate.rps, 0),
      p99MsAutocannon: c.cachedRate.p99MsAutocannon,
      p99MsAutocannonNoCache: c.noCacheRate.p99MsAutocannon,
      pacedRps: orNull(c.cachedPaced, 'rps', 0),
      p50MsPaced: orNull(c.cachedPaced, 'p50Ms'),
      errorsPaced: c.cachedPaced ? c.cachedPaced.errors : null,
      pacedRpsNoCache: orNull(c.noCachePaced, 'rps', 0),
      p50MsPacedNoCache: orNull(c.noCachePaced, 'p50Ms'),
      errorsPacedNoCache: c.noCachePaced ? c.noCachePaced.errors : null,
      apiCpuMsPerReq: c.noCacheFull.cpu?.serverMsPerReq ?? null,
      apiCachedCpuMsPerReq: c.cachedFull.cpu?.serverMsPerReq ?? null,
      refCpuMsPerReq: c.refFull.cpu?.serverMsPerReq ?? null,
      apiPgCpuMsPerReq: c.noCacheFull.cpu?.postgresMsPerReq ?? null,
      apiCachedPgCpuMsPerReq: c.cachedFull.cpu?.postgresMsPerReq ?? null,
      refPgCpuMsPerReq: c.refFull.cpu?.postgresMsPerReq ?? null,
      loadgenCpuMsPerReq: c.noCacheFull.cpu?.loadgenMsPerReq ?? null,
      otherCores: c.noCacheFull.cpu
        ? Math.max(
            ...[
              c.noCacheFull,
              c.refFull,
              c.cachedFull,
              c.noCacheRate,
              c.cachedRate,
              c.noCachePaced,
              c.cachedPaced,
            ]
              .filter((run) => run?.cpu)
              .map((run) => run.cpu.otherCores),
          )
        : null,
      bodiesIdentical: c.identical,
      identicalApi: c.identicalApi,
      identicalNoCache: c.identicalNoCache,
      items: c.items,
      bodyBytes: c.bodyBytes,
      path: c.path,
    };
    const common = r.ratio >= GOAL.ratio && r.errors === 0 && r.bodiesIdentical;
    r.goalMet = common && r.p99Ms < GOAL.p99Ms;
    r.goalMetNoCacheP99 = common && r.p99MsNoCache < GOAL.p99Ms;
    return r;
  });

  console.log(
    `\nresults, three rows per case: api-nocache (CATALOG_CACHE_TTL_MS=0, the SQL for every request), api ` +
      `(deployed: app-default cache + coalescing), ref (plain Fastify + pg). req/s at full load ` +
      `(${config.connections} connections); /ref: that req/s over ref's; p50/p99@${config.rate}: ${config.rate} req/s ` +
      `offered by autocannon overallRate${config.paced ? ', p99 paced: the same rate evenly paced' : ''}; latencies in ms; ` +
      `cpu: server and PostgreSQL CPU ms per request at full load; errors: full load + fixed rate; ` +
      `other cores: the most that processes outside this run used during a case`,
  );
  const header = [
    'case',
    'server',
    'req/s',
    '/ref',
    'p50 full',
    'p99 full',
    `p50@${config.rate}`,
    `p99@${config.rate}`,
    ...(config.paced ? ['p99 paced'] : []),
    'cpu ms/req srv|pg',
    'errors',
    'identical',
    'other cores',
  ];
  const cpuCell = (server, pg) => `${server ?? '-'} | ${pg ?? '-'}`;
  const rows = out.flatMap((r) => [
    [
      r.name,
      'api-nocache',
      r.apiRps,
      r.ratio,
      r.apiP50MsFullLoad,
      r.apiP99MsFullLoad,
      r.p50MsNoCache,
      r.p99MsNoCache,
      ...(config.paced ? [r.p99MsPacedNoCache ?? '-'] : []),
      cpuCell(r.apiCpuMsPerReq, r.apiPgCpuMsPerReq),
      r.errorsByRun.apiNoCacheFullLoad + r.errorsByRun.apiNoCacheRate,
      r.identicalNoCache ? 'yes' : 'NO',
      r.otherCores ?? '-',
    ],
    [
      '',
      'api',
      r.apiCachedRps,
      r.ratioCached,
      r.apiCachedP50MsFullLoad,
      r.apiCachedP99MsFullLoad,
      r.p50Ms,
      r.p99Ms,
      ...(config.paced ? [r.p99MsPaced ?? '-'] : []),
      cpuCell(r.apiCachedCpuMsPerReq, r.apiCachedPgCpuMsPerReq),
      r.errorsByRun.apiFullLoad + r.errorsByRun.apiRate,
      r.identicalApi ? 'yes' : 'NO',
      '',
    ],
    [
      '',
      'ref',
      r.refRps,
      '',
      r.refP50MsFullLoad,
      r.refP99MsFullLoad,
      '',
      '',
      ...(config.paced ? [''] : []),
      cpuCell(r.refCpuMsPerReq, r.refPgCpuMsPerReq),
      r.refErrors,
      '',
      '',
    ],
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => String(row[i]).length)));
  const line = (cells) =>
    cells
      .map((cell, i) => (i < 2 ? String(cell).padEnd(widths[i]) : String(cell).padStart(widths[i])))
      .join('  ')
      .trimEnd();
  console.log(line(header));
  for (const row of rows) console.log(line(row));
  const verdicts = (key) => out.map((r) => `${r.name} ${r[key] ? 'met' : 'NOT MET'}`).join(', ');
  console.log(
    `goal (deployed): api-nocache/ref >= ${GOAL.ratio} at full load, api p99 < ${GOAL.p99Ms} ms at ${config.rate} req/s, ` +
      `zero errors, identical bodies: ${verdicts('goalMet')}`,
  );
  console.log(
    `goal with the uncached latency: the same but api-nocache p99 < ${GOAL.p99Ms} ms at ${config.rate} req/s: ` +
      `${verdicts('goalMetNoCacheP99')}. Run took ${Math.round((performance.now() - started) / 1000)} s.`,
  );
  console.log(
    JSON.stringify({
      cases: out,
      meta: {
        practices: published,
        connections: config.connections,
        durationS: config.duration,
        warmupS: config.warmup,
        offeredRate: config.rate,
        paced: config.paced,
        apiCacheTtlMs: 'app default (CATALOG_CACHE_TTL_MS not set)',
        apiNoCacheCacheTtlMs: 0,
        cpus: cpus().length,
        node: process.version,
        seed: config.seed,
        q: config.q,
        pgCpuMsPerReqNote: '*PgCpuMsPerReq: embedded PostgreSQL only',
      },
    }),
  );
}

function fmtRun(r) {
  const cpu = r.cpu
    ? `  cpu ms/req server ${r.cpu.serverMsPerReq} pg ${r.cpu.postgresMsPerReq ?? '-'} loadgen ${r.cpu.loadgenMsPerReq}  other ${r.cpu.otherCores} cores`
    : '';
  return (
    `${String(Math.round(r.rps)).padStart(5)} req/s  p50 ${r.p50Ms.toFixed(1)}  p99 ${r.p99Ms.toFixed(1)}  ` +
    `max ${r.maxMs.toFixed(1)} ms  errors ${r.errors}${r.errors ? ` ${JSON.stringify(r.detail)}` : ''}${cpu}`
  );
}

let exitCode = 0;
try {
  await main();
} catch (error) {
  console.error(error?.stack ?? error);
  exitCode = 1;
} finally {
  await supervisor.cleanup();
}
process.exit(exitCode);
