// Voting throughput benchmark (Phase 3): POST /api/v1/contests/:id/entries/:entryId/vote of the built
// portal against the same transaction run straight against PostgreSQL, on the same database, one after
// the other, on this machine.
//
//  1. embedded PostgreSQL in a temporary directory (dist's startEmbeddedPostgres, max_connections
//     raised for the 100 SQL clients), or DATABASE_URL when set (a database the portal may migrate;
//     the bench rows are deleted again at the end unless BENCH_KEEP=1);
//  2. the portal (node dist/src/main.js, LOG_LEVEL=warn, fixed JWT_SECRET and DATA_KEY, the per-voter
//     vote rate limit raised, MAIL_POLL_INTERVAL_MS at its maximum so the outbox worker does not run
//     during the measurement), which migrates and seeds reference data;
//  3. by SQL: a representative, 20 published practices, two identical contests open for voting (one
//     for the API, one for the SQL baseline; both marked announced so the contest announcer does not
//     queue 20,000 emails mid-run), 20 accepted entries each, 20,000 confirmed voters sharing the
//     admin's password hash; HS256 access tokens signed here with JWT_SECRET;
//  4. API: autocannon, BENCH_CONNECTIONS connections for BENCH_DURATION s (after BENCH_WARMUP s of
//     warm-up), each request the next (voter, entry) pair, none repeated; at the deadline every
//     connection finishes its request in flight and stops (no request is abandoned half-way, so the
//     row count can be compared with the 201s);
//  5. SQL: the same number of `pg` clients for the same time, each looping over the cast transaction
//     with fresh pairs: BEGIN; SELECT * FROM contests; SELECT * FROM users (the guard's user load);
//     CAST_VOTE_SQL; COUNT_BALLOT_SQL (imported from dist, so identical); INSERT INTO email_outbox
//     with a receipt rendered once per entry by dist's MailRenderer; COMMIT;
//  6. counts: votes rows, ballot votes_used and receipt emails of the API contest against the 201s.
//
// Prints a table and, as its last line, one JSON object:
//   {"apiVotesPerSec","sqlTxPerSec","ratio","p50Ms","p99Ms","errors","countsEqual"}
// p50Ms/p99Ms are the API's; errors counts every failed request or SQL transaction.
//
// Usage: npm run bench:vote   (env: BENCH_DURATION=20 BENCH_CONNECTIONS=100 BENCH_WARMUP=3
//        BENCH_VOTERS=20000 BENCH_ENTRIES=20 DATABASE_URL=... BENCH_KEEP=1
//        BENCH_CPU_PROF=<dir>: run the portal under --cpu-prof; summarise with bench/vote/profile-summary.mjs
//        BENCH_SQL_CLIENT=pgbench: the SQL phase with pgbench (C client, -M extended) and a generated
//        custom script instead of `pg` from Node; pgbench must be on PATH
//        BENCH_WITHOUT_VOTE_FKS=1: drop the foreign keys of votes and voter_ballots after the portal has
//        migrated (round B of the A B B A comparison of issue 8; the bench database only)
//        BENCH_ROUNDS=N: API and SQL in N alternating rounds of BENCH_DURATION/N s each (pg client only),
//        so load from other processes falls on both alike; the figures add the rounds up
//        BENCH_DIAG=1: afterwards GET /health, GET /users/me and GET /contests/:id for BENCH_DIAG_DURATION s
//        each, to split the vote's cost into framework, access guard and the cast itself)
import { execFileSync, spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';

import { spawnPortal, waitReady } from '../lib/portal.mjs';
import { createSupervisor, freePort, sleep } from '../lib/supervisor.mjs';

const require = createRequire(import.meta.url);
const root = join(import.meta.dirname, '..', '..');
const dist = (p) => join(root, 'dist', 'src', p);
const autocannon = require('autocannon');
const { Client } = require('pg');
const { Logger } = require('@nestjs/common');
const { CAST_VOTE_SQL, COUNT_BALLOT_SQL } = require(dist('voting/votes.repository.js'));
const { MailRenderer } = require(dist('notifications/mail-renderer.js'));
const { Keyring } = require(dist('common/crypto/keyring.js'));
const { networkHash, userAgentHash, voterPseudonym } = require(dist('voting/voting-keys.js'));

const env = process.env;
const config = {
  duration: Number(env.BENCH_DURATION ?? 20),
  warmup: Number(env.BENCH_WARMUP ?? 3),
  connections: Number(env.BENCH_CONNECTIONS ?? 100),
  voters: Number(env.BENCH_VOTERS ?? 20_000),
  entries: Number(env.BENCH_ENTRIES ?? 20),
  databaseUrl: env.DATABASE_URL || undefined,
  keep: env.BENCH_KEEP === '1',
  cpuProfDir: env.BENCH_CPU_PROF ? resolve(env.BENCH_CPU_PROF) : undefined,
  sqlClient: env.BENCH_SQL_CLIENT ?? 'pg',
  diag: env.BENCH_DIAG === '1',
  rounds: Number(env.BENCH_ROUNDS ?? 1),
  diagDuration: Number(env.BENCH_DIAG_DURATION ?? 5),
  withoutVoteFks: env.BENCH_WITHOUT_VOTE_FKS === '1',
};
const GOAL = { ratio: 0.7 }; // issue 11: the median of three runs, in the same run as the SQL baseline
const JWT_SECRET = 'bench-vote-jwt-secret-0123456789abcdef0123456789';
const DATA_KEY = 'bench-vote-data-key-0123456789abcdef0123456789ab';
const JWT_ISSUER = 'best-practice-portal';
const MAIL_POLL_INTERVAL_MS = 600_000; // the maximum the config accepts: the worker's next poll is after the run
const ADMIN = { email: 'bench.vote.admin@portal.kg', password: 'bench vote admin passphrase' };
const USER_AGENT = 'portal-vote-bench';
const TAG = `vb${Date.now().toString(36)}`; // bench rows are recognisable (and removable) by this tag

// ---------------------------------------------------------------- processes and cleanup

const supervisor = createSupervisor('the portal and the database');
const { children } = supervisor;
let cannonInstance;
supervisor.first(() => cannonInstance?.stop());

let portalSpawnedAt;
/** Seconds since the portal was spawned (≈ since its CPU profile started). */
const sincePortal = () => ((performance.now() - portalSpawnedAt) / 1000).toFixed(1);

/** The built portal as a child process (bench/lib/portal.mjs), optionally CPU-profiled. */
function startPortal(extraEnv) {
  portalSpawnedAt = performance.now();
  const nodeArgs = config.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${config.cpuProfDir}`] : [];
  return spawnPortal(supervisor, extraEnv, { nodeArgs });
}

// ---------------------------------------------------------------- CPU accounting (Linux /proc)

const CLK_TCK = 100;
function procTicks(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return {
      ppid: Number(fields[1]),
      ticks: Number(fields[11]) + Number(fields[12]),
      childTicks: Number(fields[13]) + Number(fields[14]), // children already waited for (pgbench runs)
    };
  } catch {
    return undefined;
  }
}
/** CPU seconds so far of the portal, of PostgreSQL (postmaster and its children) and of this script (with pgbench). */
function cpuSnapshot(portalPid) {
  const pg = supervisor.postmasterPid();
  let pgTicks = 0;
  if (pg) {
    for (const name of readdirSync('/proc')) {
      if (!/^\d+$/.test(name)) continue;
      const t = procTicks(name);
      if (t && t.ppid === pg) pgTicks += t.ticks;
      // The postmaster's own time and that of the backends it has already reaped (clients that left).
      if (t && Number(name) === pg) pgTicks += t.ticks + t.childTicks;
    }
  }
  const own = process.cpuUsage();
  let machine = NaN;
  try {
    // user nice system idle iowait irq softirq steal: everything but idle and iowait is busy
    const [user, nice, system, , , irq, softirq, steal] = readFileSync('/proc/stat', 'utf8')
      .split('\n')[0]
      .split(/\s+/)
      .slice(1)
      .map(Number);
    machine = (user + nice + system + irq + softirq + steal) / CLK_TCK;
  } catch {
    /* not Linux */
  }
  return {
    machine,
    at: performance.now(),
    portal: (procTicks(portalPid)?.ticks ?? NaN) / CLK_TCK,
    postgres: pg ? pgTicks / CLK_TCK : NaN,
    bench: (own.user + own.system) / 1e6 + (procTicks(process.pid)?.childTicks ?? 0) / CLK_TCK,
  };
}
function cpuShare(before, after) {
  const wall = (after.at - before.at) / 1000;
  const pct = (k) => Math.round((100 * (after[k] - before[k])) / wall);
  const shares = { portal: pct('portal'), postgres: pct('postgres'), bench: pct('bench') };
  // Whatever else kept the CPUs busy meanwhile (other benchmarks, test runs, builds).
  return {
    ...shares,
    other: Math.max(
      0, // tick granularity can make the difference slightly negative
      pct('machine') - shares.portal - (Number.isNaN(shares.postgres) ? 0 : shares.postgres) - shares.bench,
    ),
  };
}
const fmtCpu = (c) =>
  `portal ${c.portal}%, postgres ${Number.isNaN(c.postgres) ? 'n/a (external)' : `${c.postgres}%`}, bench ${c.bench}%, ` +
  `other processes ${Number.isNaN(c.other) ? 'n/a' : `${c.other}%`} (% of one core; ${cpus().length} cores)`;

// ---------------------------------------------------------------- helpers

const round = (x, digits = 1) => (Number.isFinite(x) ? +x.toFixed(digits) : null);
function percentile(sorted, p) {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN;
}
function otherLoad() {
  // Other benchmark load generators on the machine (bench:catalog runs autocannon in-process); this
  // script, its ancestors (npm, sh) and its children are not counted.
  const mine = new Set([process.pid, ...[...children].map((c) => c.pid)]);
  for (let pid = process.ppid; pid > 1; pid = procTicks(pid)?.ppid ?? 0) mine.add(pid);
  const found = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name) || mine.has(Number(name))) continue;
    try {
      const argv = readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0').filter(Boolean);
      const program = basename(argv[0] ?? '');
      if (
        program === 'pgbench' ||
        program === 'autocannon' ||
        argv.slice(1).some((arg) => /autocannon|bench\/catalog\/|bench\/vote\/run\.mjs|jest/.test(arg))
      ) {
        found.push(`${name}: ${argv.join(' ').slice(0, 80)}`);
      }
    } catch {
      /* gone */
    }
  }
  return found;
}

const b64url = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
const JWT_HEADER = b64url({ alg: 'HS256', typ: 'JWT' });
/** What the portal's JwtService issues: HS256, {sub, tv}, iss/aud 'best-practice-portal', exp. */
function signAccessToken(userId, now) {
  const body = `${JWT_HEADER}.${b64url({ sub: userId, tv: 0, iat: now, exp: now + 3600, aud: JWT_ISSUER, iss: JWT_ISSUER })}`;
  return `${body}.${createHmac('sha256', JWT_SECRET).update(body).digest('base64url')}`;
}

/**
 * The k-th (voter, entry) pair: consecutive requests go to different voters and, within a voter's 20
 * rounds, to different entries ((v + round) mod E), so no pair repeats for k < voters × entries and no
 * voter's ballot row is hit by two requests at once.
 */
function pairSource(voters, entries) {
  let k = 0;
  const total = voters * entries;
  return {
    next() {
      if (k >= total) throw new Error(`all ${total} (voter, entry) pairs are used up: raise BENCH_VOTERS`);
      const v = k % voters;
      const e = (v + Math.floor(k / voters)) % entries;
      k += 1;
      return { v, e };
    },
    get used() {
      return k;
    },
  };
}

/** Round B of the foreign-key comparison: the cast's tables without their foreign keys. */
async function dropVoteForeignKeys(db) {
  const { rows } = await db.query(
    `SELECT conrelid::regclass::text AS "table", conname AS name FROM pg_constraint
      WHERE contype = 'f' AND conrelid IN ('votes'::regclass, 'voter_ballots'::regclass)`,
  );
  for (const { table, name } of rows) await db.query(`ALTER TABLE ${table} DROP CONSTRAINT "${name}"`);
  return rows.map((row) => `${row.table}.${row.name}`);
}

// ---------------------------------------------------------------- seeding

async function seed(db, adminHash) {
  const q = (text, params) => db.query(text, params);
  const municipality = (
    await q('SELECT id, region_id, district_id FROM municipalities ORDER BY code LIMIT 1')
  ).rows[0];
  const category = (await q('SELECT id FROM categories ORDER BY position LIMIT 1')).rows[0];
  if (!municipality || !category)
    throw new Error('no reference data: the portal did not seed municipalities and categories');
  const passwordHash = adminHash ?? '!bench-voter-cannot-sign-in';
  const prefs = '{"contestNews": false, "moderationAlerts": false}';

  const representative = (
    await q(
      `INSERT INTO users (email, password_hash, full_name, locale, notification_preferences, email_confirmed_at, consent_version, consent_at)
       VALUES ($1, $2, 'Представитель бенчмарка', 'ru', $3, now(), 'bench', now()) RETURNING id`,
      [`rep.${TAG}@bench.kg`, passwordHash, prefs],
    )
  ).rows[0].id;
  await q(
    `INSERT INTO representative_memberships (user_id, municipality_id, status, decided_by, decided_at)
     VALUES ($1, $2, 'approved', $1, now())`,
    [representative, municipality.id],
  );
  const practices = [];
  for (let i = 1; i <= config.entries; i += 1) {
    const title = `Практика ${i}: открытый бюджет и участие жителей в планировании (${TAG})`;
    const paragraph = `Описание практики № ${i}. `.repeat(20);
    practices.push(
      (
        await q(
          `INSERT INTO practices (municipality_id, region_id, district_id, author_id, category_id, status, revision, version,
                                  title, summary, problem, solution, results, resources, replicability, start_year,
                                  contact_name, language, first_submitted_at, submitted_at, published_at)
           VALUES ($1, $2, $3, $4, $5, 'published', 1, 1, $6, $7, $7, $7, $7, $7, $7, 2023, 'Контакт', 'ru', now(), now(), now())
           RETURNING id`,
          [
            municipality.id,
            municipality.region_id,
            municipality.district_id,
            representative,
            category.id,
            title,
            paragraph,
          ],
        )
      ).rows[0].id,
    );
  }

  // Voters: confirmed, no contest news (so nothing else mails them), accounts of various ages.
  const voterIds = (
    await q(
      `INSERT INTO users (email, password_hash, full_name, locale, notification_preferences, email_confirmed_at,
                          consent_version, consent_at, created_at, updated_at)
       SELECT 'v' || lpad(n::text, 6, '0') || '.' || $2 || '@bench.kg', $3, 'Избиратель ' || n, 'ru', $4,
              now() - interval '1 day', 'bench', now() - interval '1 day',
              now() - (n % 700 + 1) * interval '1 day', now() - interval '1 day'
         FROM generate_series(1, $1::int) AS n
        ORDER BY n
       RETURNING id, email`,
      [config.voters, TAG, passwordHash, prefs],
    )
  ).rows
    .sort((a, b) => (a.email < b.email ? -1 : 1))
    .map((row) => row.id);

  const contest = async (label) => {
    const id = (
      await q(
        `INSERT INTO contests (title, description, rules, entries_open_at, entries_close_at, voting_opens_at, voting_closes_at,
                               votes_per_voter, voter_policy, show_live_counts, allow_retract, last_entry_number,
                               entries_announced_at, voting_announced_at, created_by)
         VALUES ($1, $2, $3, now() - interval '3 days', now() - interval '2 days', now() - interval '1 day', now() + interval '1 day',
                 $4, 'email', false, true, $4, now() - interval '2 days', now() - interval '1 day', $5)
         RETURNING id`,
        [
          JSON.stringify({
            ru: `Лучшая практика года (${label})`,
            ky: `Жылдын мыкты тажрыйбасы (${label})`,
            en: `Best practice of the year (${label})`,
          }),
          JSON.stringify({ ru: 'Конкурс лучших практик местного самоуправления.' }),
          JSON.stringify({
            ru: `Каждый подтверждённый пользователь может отдать до ${config.entries} голосов.`,
          }),
          config.entries,
          representative,
        ],
      )
    ).rows[0].id;
    const nomination = (
      await q(
        `INSERT INTO nominations (contest_id, title, winners_count, position) VALUES ($1, $2, 3, 1) RETURNING id`,
        [id, JSON.stringify({ ru: 'Главная номинация' })],
      )
    ).rows[0].id;
    const entryIds = [];
    for (let i = 0; i < config.entries; i += 1) {
      entryIds.push(
        (
          await q(
            `INSERT INTO contest_entries (contest_id, nomination_id, practice_id, status, number, submitted_by, decided_by, decided_at)
             VALUES ($1, $2, $3, 'accepted', $4, $5, $5, now()) RETURNING id`,
            [id, nomination, practices[i], i + 1, representative],
          )
        ).rows[0].id,
      );
    }
    return { id, entryIds };
  };
  const api = await contest('API');
  const sql = await contest('SQL');
  for (const table of [
    'users',
    'practices',
    'contests',
    'nominations',
    'contest_entries',
    'votes',
    'voter_ballots',
    'email_outbox',
  ]) {
    await q(`VACUUM ANALYZE ${table}`);
  }
  return { representative, practices, voterIds, api, sql };
}

async function removeBenchRows(db, seeded) {
  const contests = [seeded.api.id, seeded.sql.id];
  await db.query(`DELETE FROM email_outbox WHERE to_address LIKE $1`, [`%.${TAG}@bench.kg`]);
  await db.query('DELETE FROM votes WHERE contest_id = ANY($1)', [contests]);
  await db.query('DELETE FROM voter_ballots WHERE contest_id = ANY($1)', [contests]);
  await db.query('DELETE FROM contest_entries WHERE contest_id = ANY($1)', [contests]);
  await db.query('DELETE FROM contests WHERE id = ANY($1)', [contests]); // nominations cascade
  await db.query('DELETE FROM practices WHERE author_id = $1', [seeded.representative]);
  await db.query(`DELETE FROM users WHERE email LIKE $1`, [`%.${TAG}@bench.kg`]); // memberships cascade
}

// ---------------------------------------------------------------- API phase (autocannon)

/**
 * One autocannon run of `seconds`; `next()` gives each request's path and headers. No duration is
 * given to autocannon: at the deadline each client's request budget is set to what it has sent, so it
 * stops once its request in flight is answered (autocannon's own duration stop would drop those
 * mid-flight while the portal still commits them). Latencies are every `okStatus` response's, as
 * measured (request written to response complete).
 */
function cannon(base, seconds, { method = 'GET', body, next, okStatus = 200, record = true }) {
  return new Promise((resolvePhase, reject) => {
    const latencies = [];
    const statuses = {};
    const samples = [];
    const clients = [];
    let ok = 0;
    let errors = 0;
    let lastResponseAt = 0;
    const startedAt = performance.now();
    const instance = autocannon(
      {
        url: base,
        connections: config.connections,
        duration: 3600, // stopped by the deadline below
        timeout: 30,
        setupClient: (client) => clients.push(client),
        requests: [
          {
            method,
            headers: { 'content-type': 'application/json', 'user-agent': USER_AGENT },
            ...(body === undefined ? {} : { body }),
            setupRequest: (request) => {
              const { path, headers } = next();
              request.path = path;
              if (headers) request.headers = { ...request.headers, ...headers };
              return request;
            },
            onResponse: (status, responseBody) => {
              if (status !== okStatus && samples.length < 5)
                samples.push(`${status} ${String(responseBody).slice(0, 300)}`);
            },
          },
        ],
      },
      (error) => {
        cannonInstance = undefined;
        clearTimeout(deadline);
        if (error) return reject(error);
        const elapsed = (lastResponseAt - startedAt) / 1000;
        latencies.sort((a, b) => a - b);
        const failed =
          errors +
          Object.entries(statuses).reduce((n, [code, c]) => n + (Number(code) === okStatus ? 0 : c), 0);
        resolvePhase({
          seconds: elapsed,
          ok,
          statuses,
          errors: failed,
          samples,
          perSec: ok / elapsed,
          p50Ms: percentile(latencies, 50),
          p99Ms: percentile(latencies, 99),
          maxMs: latencies.at(-1),
          latencies,
        });
      },
    );
    cannonInstance = instance;
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      lastResponseAt = performance.now();
      statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
      if (statusCode === okStatus) {
        ok += 1;
        if (record) latencies.push(responseTime);
      }
    });
    instance.on('reqError', (error) => {
      errors += 1;
      if (samples.length < 5) samples.push(`request error: ${error.message}`);
    });
    const deadline = setTimeout(() => {
      for (const client of clients) client.responseMax = Math.max(client.reqsMade, 1);
    }, seconds * 1000);
  });
}

/** Votes: POST …/entries/:entryId/vote with `{}`, each request the next (voter, entry) pair; 201 counts. */
function apiPhase(base, seconds, pairs, contest, tokens, { record }) {
  return cannon(base, seconds, {
    method: 'POST',
    body: '{}',
    okStatus: 201,
    record,
    next: () => {
      const { v, e } = pairs.next();
      return {
        path: `/api/v1/contests/${contest.id}/entries/${contest.entryIds[e]}/vote`,
        headers: { authorization: `Bearer ${tokens[v]}` },
      };
    },
  });
}

// ---------------------------------------------------------------- SQL phase (pg)

async function sqlPhase(
  databaseUrl,
  seconds,
  pairs,
  contest,
  voterIds,
  receipts,
  hashes,
  { record, measureCpu },
) {
  const clients = await Promise.all(
    Array.from({ length: config.connections }, async () => {
      const client = new Client({ connectionString: databaseUrl, application_name: 'vote-bench-sql' });
      await client.connect();
      return client;
    }),
  );
  const latencies = [];
  const samples = [];
  let committed = 0;
  let errors = 0;
  let stop = false;
  const cpuBefore = measureCpu?.(); // the clients' backends exist from here until end()
  const timer = setTimeout(() => (stop = true), seconds * 1000);
  const startedAt = performance.now();
  let lastAt = startedAt;
  const DAY_MS = 86_400_000;

  async function loop(client) {
    while (!stop) {
      const { v, e } = pairs.next();
      const voterId = voterIds[v];
      const entryId = contest.entryIds[e];
      const t0 = performance.now();
      try {
        await client.query('BEGIN');
        const contestRow = (await client.query('SELECT * FROM contests WHERE id = $1', [contest.id])).rows[0];
        const user = (await client.query('SELECT * FROM users WHERE id = $1', [voterId])).rows[0];
        const accountAgeDays = Math.floor((Date.now() - user.created_at.getTime()) / DAY_MS);
        const vote = (
          await client.query(CAST_VOTE_SQL, [
            contest.id,
            entryId,
            voterId,
            hashes.network,
            hashes.userAgent,
            accountAgeDays,
          ])
        ).rows[0];
        if (!vote) throw new Error(`no vote inserted for voter ${v}, entry ${e}`);
        await client.query(COUNT_BALLOT_SQL, [contest.id, voterId, contestRow.votes_per_voter]);
        const receipt = receipts[e];
        await client.query(
          'INSERT INTO email_outbox (to_address, template, locale, subject, text_body, html_body) VALUES ($1, $2, $3, $4, $5, $6)',
          [user.email, 'vote-receipt', user.locale, receipt.subject, receipt.text, receipt.html],
        );
        await client.query('COMMIT');
        committed += 1;
        lastAt = performance.now();
        if (record) latencies.push(lastAt - t0);
      } catch (error) {
        errors += 1;
        if (samples.length < 5) samples.push(error.message);
        await client.query('ROLLBACK').catch(() => undefined);
      }
    }
  }

  let cpu;
  try {
    await Promise.all(clients.map(loop));
    cpu = cpuBefore && cpuShare(cpuBefore, measureCpu());
  } finally {
    clearTimeout(timer);
    await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
  }
  const elapsed = (lastAt - startedAt) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    seconds: elapsed,
    committed,
    errors,
    samples,
    cpu,
    txPerSec: committed / elapsed,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    maxMs: latencies.at(-1),
    latencies,
  };
}

/** Rounds of one phase as if they were one: counts and seconds summed, latencies pooled. */
function mergeRounds(rounds) {
  const latencies = rounds.flatMap((r) => r.latencies).sort((a, b) => a - b);
  const sum = (key) => rounds.reduce((n, r) => n + (r[key] ?? 0), 0);
  const seconds = sum('seconds');
  const statuses = {};
  for (const r of rounds)
    for (const [code, n] of Object.entries(r.statuses ?? {})) statuses[code] = (statuses[code] ?? 0) + n;
  return {
    seconds,
    ok: sum('ok'),
    committed: sum('committed'),
    statuses,
    errors: sum('errors'),
    samples: rounds.flatMap((r) => r.samples).slice(0, 5),
    perSec: sum('ok') / seconds,
    txPerSec: sum('committed') / seconds,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    maxMs: latencies.at(-1),
    latencies,
  };
}

/** CPU of several phases added up (snapshot differences summed), for cpuShare. */
function addCpu(total, before, after) {
  const next = { ...(total ?? { at: 0, machine: 0, portal: 0, postgres: 0, bench: 0 }) };
  for (const key of Object.keys(next)) next[key] += after[key] - before[key];
  return next;
}
const ZERO_CPU = { at: 0, machine: 0, portal: 0, postgres: 0, bench: 0 };

// ---------------------------------------------------------------- SQL phase (pgbench)

/**
 * The same transaction as a pgbench custom script (-M extended: parameters, like node-postgres).
 * pgbench has no strings to compute with, so two lookup tables give the k-th voter's and entry's ids;
 * the voter lookup rides inside the user read and the entry's inside it too, so the round trips stay
 * those of the API: BEGIN, contest, user, cast, ballot, outbox, COMMIT. Each client numbers its
 * transactions (:k persists per client), pair index = base + (k - 1) × clients + client_id, mapped to
 * (voter, entry) exactly like pairSource(). A cast that inserts nothing fails its \gset and aborts the
 * client: that is counted as an error.
 */
function pgbenchScript(tables) {
  const params = {
    1: ':contest',
    2: ':u_entry_id',
    3: ':u_id',
    4: ':network_hash',
    5: ':ua_hash',
    6: ':u_account_age_days',
  };
  const cast = CAST_VOTE_SQL.trim().replace(/\$(\d)\b/g, (_, n) => params[n]);
  const ballot = COUNT_BALLOT_SQL.trim().replace(
    /\$(\d)\b/g,
    (_, n) => ({ 1: ':contest', 2: ':u_id', 3: ':c_votes_per_voter' })[n],
  );
  if (/\$\d/.test(cast + ballot)) throw new Error('pgbench script: a $n placeholder was left unmapped');
  return [
    '\\set k :k + 1',
    '\\set idx :base + (:k - 1) * :nclients + :client_id',
    '\\set v :idx % :voters',
    '\\set e (:v + :idx / :voters) % :entries',
    'BEGIN;',
    'SELECT * FROM contests WHERE id = :contest \\gset c_',
    `SELECT u.*, (SELECT id FROM ${tables.entries} WHERE e = :e) AS entry_id,
       floor(extract(epoch FROM now() - u.created_at) / 86400)::int AS account_age_days
  FROM users u WHERE u.id = (SELECT id FROM ${tables.voters} WHERE n = :v) \\gset u_`,
    `${cast} \\gset cast_`,
    `${ballot};`,
    `INSERT INTO email_outbox (to_address, template, locale, subject, text_body, html_body)
  VALUES (:u_email, 'vote-receipt', :u_locale, :subject, :text_body, :html_body);`,
    'COMMIT;',
    '',
  ].join('\n');
}

async function pgbenchPhase(
  databaseUrl,
  seconds,
  base,
  { workDir, label, contest, tables, voters, hashes, receipt, record, measureCpu },
) {
  const script = join(workDir, 'vote.pgbench');
  writeFileSync(script, pgbenchScript(tables));
  const logPrefix = join(workDir, `pgbench-${label}`);
  const vars = {
    k: 0,
    base,
    nclients: config.connections,
    voters,
    entries: config.entries,
    contest: contest.id,
    network_hash: hashes.network,
    ua_hash: hashes.userAgent,
    subject: receipt.subject,
    text_body: receipt.text,
    html_body: receipt.html,
  };
  const args = [
    '-n',
    '-M',
    'extended',
    '-c',
    String(config.connections),
    '-j',
    String(Math.min(cpus().length, config.connections)),
    '-T',
    String(seconds),
    '-f',
    script,
    '-l',
    `--log-prefix=${logPrefix}`,
    ...Object.entries(vars).flatMap(([name, value]) => ['-D', `${name}=${value}`]),
    databaseUrl,
  ];
  const cpuBefore = measureCpu?.();
  const child = spawn('pgbench', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
  const code = await new Promise((r) => child.once('exit', r));
  children.delete(child);
  const cpu = cpuBefore && cpuShare(cpuBefore, measureCpu());

  const latencies = [];
  let maxK = 0;
  for (const file of readdirSync(workDir).filter((f) => f.startsWith(`${basename(logPrefix)}.`))) {
    for (const line of readFileSync(join(dirname(logPrefix), file), 'utf8').split('\n')) {
      const f = line.split(' ');
      if (f.length < 6) continue;
      maxK = Math.max(maxK, Number(f[1]) + 1);
      if (record && f[2] !== 'failed' && f[2] !== 'skipped') latencies.push(Number(f[2]) / 1000);
    }
    rmSync(join(workDir, file));
  }
  latencies.sort((a, b) => a - b);
  const processed = Number(stdout.match(/number of transactions actually processed: (\d+)/)?.[1] ?? 0);
  const failed = Number(stdout.match(/number of failed transactions: (\d+)/)?.[1] ?? 0);
  const aborted = (stderr.match(/client \d+ aborted/g) ?? []).length;
  const tps = Number(stdout.match(/tps = ([\d.]+) \(without initial connection time\)/)?.[1] ?? NaN);
  const samples = stderr
    .split('\n')
    .filter((l) => /error|abort|FATAL/i.test(l))
    .slice(0, 5);
  if (code !== 0 && samples.length === 0)
    samples.push(`pgbench exited with ${code}: ${stderr.slice(0, 300)}`);
  return {
    seconds,
    committed: processed,
    errors: failed + aborted + (code !== 0 && failed + aborted === 0 ? 1 : 0),
    samples,
    cpu,
    // Every client started from k = 0: the next phase starts past the highest index any client used.
    nextBase: base + (maxK + 1) * config.connections,
    txPerSec: tps,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    maxMs: latencies.at(-1),
  };
}

// ---------------------------------------------------------------- main

async function main() {
  Logger.overrideLogger(['warn', 'error']); // startEmbeddedPostgres logs through Nest's logger
  console.log(
    `vote bench: ${config.connections} connections, ${config.duration} s (+${config.warmup} s warm-up) per phase, ` +
      `${config.voters} voters × ${config.entries} entries, ${cpus().length} CPUs, load average ${loadavg()
        .map((x) => x.toFixed(2))
        .join(' ')}`,
  );
  const concurrent = otherLoad();
  if (concurrent.length)
    console.log(`note: other load generators running now:\n  ${concurrent.join('\n  ')}`);

  const dataDir = mkdtempSync(join(tmpdir(), 'portal-vote-bench-'));
  chmodSync(dataDir, 0o755); // as root PostgreSQL runs as 'postgres', which must reach its data directory
  supervisor.onCleanup(() => rmSync(dataDir, { recursive: true, force: true }));
  if (config.cpuProfDir) mkdirSync(config.cpuProfDir, { recursive: true });

  let databaseUrl = config.databaseUrl;
  if (!databaseUrl) {
    const { startEmbeddedPostgres } = require(dist('database/embedded-postgres.js'));
    supervisor.watchPostmaster(join(dataDir, 'pg', 'postmaster.pid'));
    // The portal's pool (DATABASE_POOL_SIZE, 20) + the SQL phase's clients + this script's.
    const embedded = await startEmbeddedPostgres(dataDir, [
      '-c',
      `max_connections=${config.connections + 100}`,
    ]);
    supervisor.onCleanup(() => embedded.stop());
    databaseUrl = embedded.url;
    console.log(`database: embedded PostgreSQL in ${dataDir}`);
  } else {
    console.log('database: DATABASE_URL (bench rows are tagged and removed at the end unless BENCH_KEEP=1)');
  }

  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const portalEnv = {
    PORT: String(port),
    PUBLIC_URL: base,
    DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: 'warn',
    JWT_SECRET,
    DATA_KEY,
    RATE_LIMIT_VOTES_PER_VOTER_PER_MINUTE: '1000000',
    MAIL_POLL_INTERVAL_MS: String(MAIL_POLL_INTERVAL_MS),
    ...(config.databaseUrl ? {} : { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password }),
  };
  const portal = startPortal(portalEnv);
  await waitReady(`${base}/health/ready`, portal);
  console.log(
    `portal: pid ${portal.pid}, LOG_LEVEL=warn, DATABASE_POOL_SIZE=${env.DATABASE_POOL_SIZE ?? '20 (default)'}, ` +
      `outbox worker idle (MAIL_POLL_INTERVAL_MS=${MAIL_POLL_INTERVAL_MS}: it polled once at start-up, next poll after the run)` +
      (config.cpuProfDir ? `, CPU profile to ${config.cpuProfDir}` : ''),
  );

  const db = new Client({ connectionString: databaseUrl, application_name: 'vote-bench' });
  await db.connect();
  supervisor.onCleanup(() => db.end());
  const maxConnections = Number((await db.query('SHOW max_connections')).rows[0].max_connections);
  if (maxConnections < config.connections + 25) {
    console.log(
      `warning: max_connections is ${maxConnections}; the SQL phase needs ${config.connections} besides the portal's pool`,
    );
  }

  if (config.withoutVoteFks) console.log(`dropped: ${(await dropVoteForeignKeys(db)).join(', ') || 'none'}`);

  const seedStarted = performance.now();
  const adminHash = (await db.query('SELECT password_hash FROM users WHERE email = $1', [ADMIN.email]))
    .rows[0]?.password_hash;
  const seeded = await seed(db, adminHash);
  if (config.databaseUrl && !config.keep) supervisor.onCleanup(() => removeBenchRows(db, seeded)); // runs before db.end()
  const now = Math.floor(Date.now() / 1000);
  const tokens = seeded.voterIds.map((id) => signAccessToken(id, now));
  console.log(
    `seed: ${seeded.voterIds.length} voters (shared ${adminHash ? 'admin argon2 hash' : 'placeholder hash'}), ` +
      `${config.entries} practices, 2 contests × ${config.entries} accepted entries, tokens signed, ` +
      `in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`,
  );

  const pairs = pairSource(seeded.voterIds.length, config.entries);
  const keyring = new Keyring(DATA_KEY);
  const hashes = {
    network: networkHash(keyring, '127.0.0.1'),
    userAgent: userAgentHash(keyring, USER_AGENT),
  };
  const renderer = new MailRenderer();
  const receipts = seeded.api.entryIds.map((_, e) => {
    const content = renderer.render({
      template: 'vote-receipt',
      locale: 'ru',
      vars: {
        fullName: 'Избиратель 12345',
        contest: 'Лучшая практика года (SQL)',
        number: e + 1,
        title: `Практика ${e + 1}: открытый бюджет и участие жителей в планировании (${TAG})`,
        castAt: new Date().toISOString(),
        pseudonym: voterPseudonym(keyring, seeded.sql.id, seeded.voterIds[0]),
      },
    });
    return content;
  });
  console.log(
    `receipt email: subject ${receipts[0].subject.length} chars, text ${Buffer.byteLength(receipts[0].text)} B, html ${Buffer.byteLength(receipts[0].html)} B`,
  );
  // Receipts of one contest: its title, '… (API)' or '… (SQL)', is in every receipt's text.
  const receiptCount = async (label) =>
    Number(
      (
        await db.query(
          `SELECT count(*) FROM email_outbox WHERE template = 'vote-receipt' AND to_address LIKE $1 AND text_body LIKE $2`,
          [`%.${TAG}@bench.kg`, `%(${label})%`],
        )
      ).rows[0].count,
    );

  // ---- API
  console.log(`\nAPI: warm-up ${config.warmup} s …`);
  const apiWarm =
    config.warmup > 0
      ? await apiPhase(base, config.warmup, pairs, seeded.api, tokens, { record: false })
      : undefined;
  await sleep(500);
  console.log(
    `API: ${config.duration} s at ${config.connections} connections … (load average ${loadavg()[0].toFixed(2)})`,
  );
  const apiOthers = otherLoad();
  let sqlOthers = [];
  const apiFrom = sincePortal();
  let api;
  let apiCpu;
  let interleaved; // BENCH_ROUNDS > 1: the SQL rounds, run between the API rounds
  if (config.rounds > 1) {
    if (config.sqlClient !== 'pg') throw new Error('BENCH_ROUNDS > 1 needs the pg SQL client');
    // API and SQL in alternating rounds (A B A B …), so both see the same load from other
    // processes on a shared machine; each phase's figures are its rounds added up.
    const seconds = config.duration / config.rounds;
    console.log(
      `… in ${config.rounds} alternating rounds of ${seconds} s (API, then SQL), after an SQL warm-up`,
    );
    const sqlWarmup =
      config.warmup > 0
        ? await sqlPhase(databaseUrl, config.warmup, pairs, seeded.sql, seeded.voterIds, receipts, hashes, {
            record: false,
          })
        : undefined;
    const apiRounds = [];
    const sqlRounds = [];
    let apiCpuTotal;
    let sqlCpuTotal;
    for (let round = 0; round < config.rounds; round += 1) {
      const before = cpuSnapshot(portal.pid);
      apiRounds.push(await apiPhase(base, seconds, pairs, seeded.api, tokens, { record: true }));
      apiCpuTotal = addCpu(apiCpuTotal, before, cpuSnapshot(portal.pid));
      let sqlBefore;
      const sqlRound = await sqlPhase(
        databaseUrl,
        seconds,
        pairs,
        seeded.sql,
        seeded.voterIds,
        receipts,
        hashes,
        {
          record: true,
          measureCpu: () => {
            const now = cpuSnapshot(portal.pid);
            if (sqlBefore) sqlCpuTotal = addCpu(sqlCpuTotal, sqlBefore, now);
            else sqlBefore = now;
            return now;
          },
        },
      );
      sqlRounds.push(sqlRound);
    }
    api = mergeRounds(apiRounds);
    apiCpu = cpuShare(ZERO_CPU, apiCpuTotal);
    interleaved = {
      warm: sqlWarmup,
      sql: { ...mergeRounds(sqlRounds), cpu: cpuShare(ZERO_CPU, sqlCpuTotal) },
    };
  } else {
    const cpuBefore = cpuSnapshot(portal.pid);
    api = await apiPhase(base, config.duration, pairs, seeded.api, tokens, { record: true });
    apiCpu = cpuShare(cpuBefore, cpuSnapshot(portal.pid));
  }
  const apiTo = sincePortal();
  await sleep(500);
  const apiAccepted = (apiWarm?.ok ?? 0) + api.ok;
  const apiErrors = (apiWarm?.errors ?? 0) + api.errors; // any answer but 201 (a 200 would mean a repeated pair)
  const apiRows = Number(
    (await db.query('SELECT count(*) FROM votes WHERE contest_id = $1', [seeded.api.id])).rows[0].count,
  );
  const apiBallots = Number(
    (
      await db.query('SELECT coalesce(sum(votes_used), 0) AS n FROM voter_ballots WHERE contest_id = $1', [
        seeded.api.id,
      ])
    ).rows[0].n,
  );
  const apiReceipts = await receiptCount('API');

  // ---- SQL
  let sqlWarm;
  let sql;
  if (interleaved) {
    sqlOthers = otherLoad();
    sqlWarm = interleaved.warm;
    sql = interleaved.sql;
  } else if (config.sqlClient === 'pgbench') {
    const tables = { voters: `bench_vote_voters_${TAG}`, entries: `bench_vote_entries_${TAG}` };
    await db.query(`CREATE TABLE ${tables.voters} (n integer PRIMARY KEY, id uuid NOT NULL)`);
    await db.query(
      `INSERT INTO ${tables.voters} SELECT n - 1, id FROM unnest($1::uuid[]) WITH ORDINALITY AS t(id, n)`,
      [seeded.voterIds],
    );
    await db.query(`CREATE TABLE ${tables.entries} (e integer PRIMARY KEY, id uuid NOT NULL)`);
    await db.query(
      `INSERT INTO ${tables.entries} SELECT n - 1, id FROM unnest($1::uuid[]) WITH ORDINALITY AS t(id, n)`,
      [seeded.sql.entryIds],
    );
    await db.query(`ANALYZE ${tables.voters}`);
    await db.query(`ANALYZE ${tables.entries}`);
    if (config.databaseUrl && !config.keep)
      supervisor.onCleanup(() => db.query(`DROP TABLE ${tables.voters}, ${tables.entries}`));
    const common = {
      workDir: dataDir,
      contest: seeded.sql,
      tables,
      voters: seeded.voterIds.length,
      hashes,
      receipt: receipts[0],
    };
    console.log(
      `SQL (pgbench ${execFileSync('pgbench', ['--version'], { encoding: 'utf8' }).trim()}): warm-up ${config.warmup} s …`,
    );
    let base = pairs.used;
    if (config.warmup > 0) {
      sqlWarm = await pgbenchPhase(databaseUrl, config.warmup, base, {
        ...common,
        label: 'warmup',
        record: false,
      });
      base = sqlWarm.nextBase;
    }
    console.log(
      `SQL: ${config.duration} s with ${config.connections} pgbench clients … (load average ${loadavg()[0].toFixed(2)})`,
    );
    sqlOthers = otherLoad();
    sql = await pgbenchPhase(databaseUrl, config.duration, base, {
      ...common,
      label: 'measured',
      record: true,
      measureCpu: () => cpuSnapshot(portal.pid),
    });
  } else {
    console.log(`SQL: warm-up ${config.warmup} s …`);
    sqlWarm =
      config.warmup > 0
        ? await sqlPhase(databaseUrl, config.warmup, pairs, seeded.sql, seeded.voterIds, receipts, hashes, {
            record: false,
          })
        : undefined;
    console.log(
      `SQL: ${config.duration} s with ${config.connections} clients … (load average ${loadavg()[0].toFixed(2)})`,
    );
    sqlOthers = otherLoad();
    sql = await sqlPhase(databaseUrl, config.duration, pairs, seeded.sql, seeded.voterIds, receipts, hashes, {
      record: true,
      measureCpu: () => cpuSnapshot(portal.pid),
    });
  }
  const sqlCpu = sql.cpu;
  const sqlCommitted = (sqlWarm?.committed ?? 0) + sql.committed;
  const sqlErrors = (sqlWarm?.errors ?? 0) + sql.errors;
  const sqlRows = Number(
    (await db.query('SELECT count(*) FROM votes WHERE contest_id = $1', [seeded.sql.id])).rows[0].count,
  );
  const sqlReceipts = await receiptCount('SQL');

  // ---- optional decomposition: the framework floor and the access guard alone, same connections
  const diag = [];
  if (config.diag) {
    let t = 0;
    const tokenPath = (path) => () => ({
      path,
      headers: { authorization: `Bearer ${tokens[t++ % tokens.length]}` },
    });
    for (const [label, options] of [
      ['GET /health (no guard, no database)', { next: () => ({ path: '/health' }) }],
      [
        'GET /api/v1/users/me (guard: JWT + user load, then one more user read)',
        { next: tokenPath('/api/v1/users/me') },
      ],
      [
        'GET /api/v1/contests/:id (public; identifies the caller: JWT + user load)',
        { next: tokenPath(`/api/v1/contests/${seeded.api.id}`) },
      ],
    ]) {
      console.log(`diagnostics: ${label}, ${config.diagDuration} s …`);
      const before = cpuSnapshot(portal.pid);
      const run = await cannon(base, config.diagDuration, options);
      diag.push({ label, run, cpu: cpuShare(before, cpuSnapshot(portal.pid)) });
    }
  }

  // ---- report
  const ratio = api.perSec / sql.txPerSec;
  const countsEqual = apiRows === apiAccepted && apiBallots === apiAccepted && apiReceipts === apiAccepted;
  const errors = apiErrors + sqlErrors;
  const statusText = (s) =>
    Object.entries(s)
      .map(([code, n]) => `${code}×${n}`)
      .join(' ') || '-';
  const rows = [
    ['', 'API (HTTP)', config.sqlClient === 'pgbench' ? 'SQL (pgbench)' : 'SQL (pg from Node)'],
    ['votes/s', round(api.perSec), round(sql.txPerSec)],
    ['p50 ms', round(api.p50Ms, 2), round(sql.p50Ms, 2)],
    ['p99 ms', round(api.p99Ms, 2), round(sql.p99Ms, 2)],
    ['max ms', round(api.maxMs, 1), round(sql.maxMs, 1)],
    [
      'measured',
      `${api.ok} in ${api.seconds.toFixed(2)} s`,
      `${sql.committed} in ${sql.seconds.toFixed(2)} s`,
    ],
    ['responses', statusText(api.statuses), '-'],
    ['errors', `${apiErrors} (incl. warm-up)`, `${sqlErrors} (incl. warm-up)`],
    ['accepted (incl. warm-up)', apiAccepted, sqlCommitted],
    ['votes rows', apiRows, sqlRows],
    ['ballot votes_used', apiBallots, '-'],
    ['receipt emails', apiReceipts, sqlReceipts],
  ];
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => String(r[i]).length)));
  console.log('');
  for (const r of rows) console.log(r.map((c, i) => String(c).padEnd(widths[i])).join('  '));
  console.log(`CPU during the API phase: ${fmtCpu(apiCpu)}`);
  console.log(`CPU during the SQL phase: ${sqlCpu ? fmtCpu(sqlCpu) : 'n/a'}`);
  for (const { label, run, cpu } of diag) {
    console.log(
      `diagnostics: ${label}: ${round(run.perSec)} req/s, p50 ${round(run.p50Ms, 2)} ms, p99 ${round(run.p99Ms, 2)} ms, ` +
        `errors ${run.errors}; CPU ${fmtCpu(cpu)}`,
    );
  }
  console.log('');
  console.log(
    `ratio API/SQL: ${ratio.toFixed(3)} (goal ≥ ${GOAL.ratio}: ${ratio >= GOAL.ratio ? 'met' : 'NOT met'})`,
  );
  console.log(`errors: ${errors} (goal 0: ${errors === 0 ? 'met' : 'NOT met'})`);
  console.log(
    `counts: API contest votes ${apiRows}, ballots ${apiBallots}, receipts ${apiReceipts} vs ${apiAccepted} 201s → ${countsEqual ? 'equal' : 'NOT equal'}; ` +
      `SQL contest votes ${sqlRows} vs ${sqlCommitted} commits → ${sqlRows === sqlCommitted && sqlReceipts === sqlCommitted ? 'equal' : 'NOT equal'}`,
  );
  console.log(
    `outbox worker: idle during the run (MAIL_POLL_INTERVAL_MS=${MAIL_POLL_INTERVAL_MS}); receipts stay pending`,
  );
  const othersSeen = [...new Set([...apiOthers, ...sqlOthers])];
  console.log(
    `load: load average now ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}; ` +
      (othersSeen.length
        ? `other load generators seen during the phases:\n  ${othersSeen.join('\n  ')}`
        : 'no other load generator seen during the phases'),
  );
  for (const s of [...(apiWarm?.samples ?? []), ...api.samples]) console.log(`API sample: ${s}`);
  for (const s of [...(sqlWarm?.samples ?? []), ...sql.samples]) console.log(`SQL sample: ${s}`);
  profileWindow = `${apiFrom}–${apiTo}`;
  return {
    apiVotesPerSec: round(api.perSec),
    sqlTxPerSec: round(sql.txPerSec),
    ratio: round(ratio, 3),
    p50Ms: round(api.p50Ms, 2),
    p99Ms: round(api.p99Ms, 2),
    errors,
    countsEqual,
  };
}

let result;
let failed = false;
let profileWindow;
try {
  result = await main();
} catch (error) {
  failed = true;
  console.error(`vote bench failed: ${error?.stack ?? error}`);
} finally {
  await supervisor.cleanup();
}
if (config.cpuProfDir) {
  console.log(
    `CPU profile(s): ${readdirSync(config.cpuProfDir)
      .filter((f) => f.endsWith('.cpuprofile'))
      .join(', ')} in ${config.cpuProfDir}` +
      (profileWindow
        ? `; the measured API phase is ${profileWindow}: FROM=${profileWindow.replace('–', ' TO=')} node bench/vote/profile-summary.mjs ${config.cpuProfDir}`
        : ''),
  );
}
if (result) console.log(JSON.stringify(result));
process.exit(failed ? 1 : 0);
