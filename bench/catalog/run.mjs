// Catalog throughput benchmark (Phase 2): GET /api/v1/practices of the built portal against a
// minimal reference server (bench/catalog/reference-server.mjs: plain Fastify + pg, the same SQL and
// the same JSON), on the same database, alternating, on this machine.
//
//  1. embedded PostgreSQL in a temporary directory (or DATABASE_URL when set: a migrated database
//     the run may add a bench author and bench practices to);
//  2. the portal (node dist/src/main.js, LOG_LEVEL=warn), which migrates and seeds reference data;
//  3. 10,000 published practices from a seeded generator (bench/catalog/seed.mjs);
//  4. the reference server; both must answer every case with byte-identical bodies;
//  5. per case: warm-up, API at full load, reference at full load (autocannon, BENCH_CONNECTIONS
//     connections for BENCH_DURATION s), then the API at a fixed offered rate of BENCH_RATE req/s:
//     first with autocannon's overallRate (the issue's figure), then with an evenly paced open-loop
//     generator (see paced() below: autocannon's rate limit sends each second's requests in bursts).
//
// Prints a table and, as its last line, one JSON object: {"cases":[{name, apiRps, refRps, ratio,
// p50Ms, p99Ms, errors, ...}], "meta": {...}}. p50Ms/p99Ms: the API at the fixed rate (autocannon
// overallRate); errors: the API's connection errors, timeouts and non-2xx in those two runs. The
// extra fields hold full-load latencies, the paced run, and CPU ms per request (cpu.mjs).
//
// Usage: npm run bench:catalog    (env: BENCH_DURATION=20 BENCH_CONNECTIONS=50 BENCH_RATE=200
//        BENCH_WARMUP=3 BENCH_PRACTICES=10000 BENCH_SEED=20250101 BENCH_Q=водоснабжение
//        BENCH_DEEP_PAGES=50 BENCH_PACED=1 BENCH_QUIET=0 DATABASE_URL=...)
//        BENCH_QUIET=60: before each measured run wait up to 60 s for other processes on the
//        machine to go quiet (a shared machine makes req/s meaningless otherwise).
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
  paced: env.BENCH_PACED !== '0',
  quiet: Number(env.BENCH_QUIET ?? 0),
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
    env: { ...env, ...extraEnv },
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
    cpu: cpuDelta(before, cpuSample(pids), ok),
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
function firstDifference(a, b) {
  const pa = JSON.stringify(JSON.parse(a), null, 1).split('\n');
  const pb = JSON.stringify(JSON.parse(b), null, 1).split('\n');
  for (let i = 0; i < Math.max(pa.length, pb.length); i += 1) {
    if (pa[i] !== pb[i]) return `line ${i + 1}: api ${pa[i]?.trim()} | ref ${pb[i]?.trim()}`;
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

  const apiPort = await freePort();
  const api = `http://127.0.0.1:${apiPort}`;
  const app = spawnServer('api', ['dist/src/main.js'], {
    PORT: String(apiPort),
    PUBLIC_URL: api,
    DATA_DIR: join(workDir, 'app'),
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: 'warn',
  });
  await waitReady(`${api}/health/ready`, app, 'the portal');
  const postgresPid = env.DATABASE_URL ? undefined : supervisor.postmasterPid();
  console.log(`portal ready at ${api} (migrated, reference data seeded)`);

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

  // Walk the cursor chain on both servers (every page must match), keep the page after the walk.
  let deepPath = '/api/v1/practices?limit=20';
  let chainMismatch = null;
  for (let page = 1; page <= config.deepPages; page += 1) {
    const [a, b] = await Promise.all([fetchBody(api + deepPath), fetchBody(ref + deepPath)]);
    if (a.status !== 200)
      throw new Error(`API answered ${a.status} on page ${page} of the cursor walk: ${a.body}`);
    if (a.body !== b.body && !chainMismatch)
      chainMismatch = `page ${page}: ${firstDifference(a.body, b.body)}`;
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

  console.log('\nchecking that the API and the reference answer identically:');
  for (const c of cases) {
    const [a, b] = await Promise.all([fetchBody(api + c.path), fetchBody(ref + c.path)]);
    c.items = a.status === 200 ? JSON.parse(a.body).items.length : 0;
    c.bodyBytes = Buffer.byteLength(a.body);
    c.identical = a.status === 200 && b.status === 200 && a.body === b.body;
    if (c.name === 'deep-cursor' && chainMismatch) c.identical = false;
    const note = c.identical
      ? 'identical'
      : `DIFFERENT (api ${a.status}, ref ${b.status}): ${a.status === 200 && b.status === 200 ? firstDifference(a.body, b.body) : a.body.slice(0, 200)}`;
    console.log(`  ${c.name.padEnd(16)} ${String(c.items).padStart(3)} items, ${c.bodyBytes} bytes: ${note}`);
    if (c.name === 'deep-cursor' && chainMismatch)
      console.log(`  WARNING: the cursor walk differed at ${chainMismatch}`);
    if (c.items === 0) console.log(`  WARNING: ${c.name} returns no items; the case measures an empty page`);
  }
  if (cases.some((c) => !c.identical)) {
    console.log(
      'WARNING: the API and the reference do not serve identical bodies; the ratio compares unequal work',
    );
  }

  const secondsEach = config.warmup * 2 + config.duration * (config.paced ? 4 : 3);
  console.log(
    `\n${published} published practices; ${config.connections} connections × ${config.duration} s per run, ` +
      `then ${config.rate} req/s offered; ~${Math.round((secondsEach * cases.length) / 60)} min. ` +
      `${cpus().length} CPUs shared by autocannon, the portal, the reference and PostgreSQL.\n`,
  );
  for (const c of cases) {
    console.log(`${c.name}: ${c.what}`);
    const apiPids = { server: app.pid, postgres: postgresPid };
    const refPids = { server: reference.pid, postgres: postgresPid };
    if (config.warmup > 0) await cannon(api + c.path, { duration: config.warmup, pids: apiPids });
    await waitQuiet();
    c.apiFull = await cannon(api + c.path, { duration: config.duration, pids: apiPids });
    console.log(`  api  full load        ${fmtRun(c.apiFull)}`);
    await sleep(500);
    if (config.warmup > 0) await cannon(ref + c.path, { duration: config.warmup, pids: refPids });
    await waitQuiet();
    c.refFull = await cannon(ref + c.path, { duration: config.duration, pids: refPids });
    console.log(`  ref  full load        ${fmtRun(c.refFull)}`);
    await sleep(500);
    await waitQuiet();
    c.apiRate = await cannon(api + c.path, {
      duration: config.duration,
      overallRate: config.rate,
      pids: apiPids,
    });
    console.log(`  api  ${`${config.rate} req/s ac`.padEnd(16)} ${fmtRun(c.apiRate)}`);
    await sleep(500);
    if (config.paced) {
      await waitQuiet();
      c.apiPaced = await paced(api + c.path, { rate: config.rate, duration: config.duration, pids: apiPids });
      console.log(`  api  ${`${config.rate} req/s paced`.padEnd(16)} ${fmtRun(c.apiPaced)}`);
      await sleep(500);
    }
  }

  const out = cases.map((c) => ({
    name: c.name,
    apiRps: round(c.apiFull.rps, 0),
    refRps: round(c.refFull.rps, 0),
    ratio: round(c.apiFull.rps / c.refFull.rps, 2),
    p50Ms: round(c.apiRate.p50Ms, 1),
    p99Ms: round(c.apiRate.p99Ms, 1),
    errors: c.apiFull.errors + c.apiRate.errors,
    apiP50MsFullLoad: round(c.apiFull.p50Ms, 1),
    apiP99MsFullLoad: round(c.apiFull.p99Ms, 1),
    refP50MsFullLoad: round(c.refFull.p50Ms, 1),
    refP99MsFullLoad: round(c.refFull.p99Ms, 1),
    refErrors: c.refFull.errors,
    rateRps: round(c.apiRate.rps, 0),
    p99MsAutocannon: c.apiRate.p99MsAutocannon,
    pacedRps: c.apiPaced ? round(c.apiPaced.rps, 0) : null,
    p50MsPaced: c.apiPaced ? round(c.apiPaced.p50Ms, 1) : null,
    p99MsPaced: c.apiPaced ? round(c.apiPaced.p99Ms, 1) : null,
    errorsPaced: c.apiPaced ? c.apiPaced.errors : null,
    apiCpuMsPerReq: c.apiFull.cpu?.serverMsPerReq ?? null,
    refCpuMsPerReq: c.refFull.cpu?.serverMsPerReq ?? null,
    apiPgCpuMsPerReq: c.apiFull.cpu?.postgresMsPerReq ?? null,
    refPgCpuMsPerReq: c.refFull.cpu?.postgresMsPerReq ?? null,
    loadgenCpuMsPerReq: c.apiFull.cpu?.loadgenMsPerReq ?? null,
    otherCores: c.apiFull.cpu
      ? Math.max(
          ...[c.apiFull, c.refFull, c.apiRate, c.apiPaced].filter(Boolean).map((r) => r.cpu.otherCores),
        )
      : null,
    bodiesIdentical: c.identical,
    items: c.items,
    bodyBytes: c.bodyBytes,
    path: c.path,
  }));

  console.log(
    `\nresults: req/s at full load (${config.connections} connections); p50/p99@${config.rate}: the API at ${config.rate} req/s ` +
      `offered by autocannon overallRate, p99 paced: the same rate evenly paced; latencies in ms; cpu: server and ` +
      `PostgreSQL CPU ms per request at full load; other cores: the most that processes outside this run used during a case`,
  );
  const header = [
    'case',
    'api req/s',
    'ref req/s',
    'api/ref',
    `p50@${config.rate}`,
    `p99@${config.rate}`,
    'p99 paced',
    'api p99 full',
    'ref p99 full',
    'cpu ms/req api|ref|pg',
    'other cores',
    'errors',
    'identical',
    'goal',
  ];
  const rows = out.map((r) => [
    r.name,
    r.apiRps,
    r.refRps,
    r.ratio,
    r.p50Ms,
    r.p99Ms,
    r.p99MsPaced ?? '-',
    r.apiP99MsFullLoad,
    r.refP99MsFullLoad,
    `${r.apiCpuMsPerReq ?? '-'} | ${r.refCpuMsPerReq ?? '-'} | ${r.apiPgCpuMsPerReq ?? '-'}`,
    r.otherCores ?? '-',
    r.errors,
    r.bodiesIdentical ? 'yes' : 'NO',
    r.ratio >= GOAL.ratio && r.p99Ms < GOAL.p99Ms && r.errors === 0 && r.bodiesIdentical ? 'met' : 'NOT MET',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => String(row[i]).length)));
  const line = (cells) =>
    cells
      .map((cell, i) => (i === 0 ? String(cell).padEnd(widths[i]) : String(cell).padStart(widths[i])))
      .join('  ');
  console.log(line(header));
  for (const row of rows) console.log(line(row));
  console.log(
    `goal: api/ref >= ${GOAL.ratio} at full load, p99 < ${GOAL.p99Ms} ms at ${config.rate} req/s, zero errors. ` +
      `Run took ${Math.round((performance.now() - started) / 1000)} s.`,
  );
  console.log(
    JSON.stringify({
      cases: out,
      meta: {
        practices: published,
        connections: config.connections,
        durationS: config.duration,
        offeredRate: config.rate,
        cpus: cpus().length,
        node: process.version,
        seed: config.seed,
        q: config.q,
        pgCpuMsPerReqNote: 'apiPgCpuMsPerReq/refPgCpuMsPerReq: embedded PostgreSQL only',
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
