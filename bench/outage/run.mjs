// The operator's database-outage experiment of issue 12, as a script: the built portal on a throw-away
// embedded PostgreSQL, OUTAGE_VOTERS voters casting votes OUTAGE_CONCURRENCY at a time, PostgreSQL
// stopped with an immediate stop (SIGQUIT to the postmaster, as `pg_ctl stop -m immediate`) for
// OUTAGE_SECONDS, then started again on the same port and data. One registration is sent during the
// outage, and during it a browser opens an email page.
//
// Reports: the status codes (and problem codes) answered before, during and after the outage, the
// slowest answer, the seconds from PostgreSQL accepting connections again to /health/ready = 200, and
// then checks that nothing was lost: every 201 is a row in votes, every vote that failed succeeds on
// retry, every voter's token still works. Last line: one JSON object with the figures.
//
// Usage: npm run build && node bench/outage/run.mjs
//        (env: OUTAGE_VOTERS=40 OUTAGE_CONCURRENCY=8 OUTAGE_SECONDS=10 OUTAGE_LEAD_SECONDS=3)
import { createHmac } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';

import { createSupervisor, freePort, sleep } from '../lib/supervisor.mjs';

const require = createRequire(import.meta.url);
const root = join(import.meta.dirname, '..', '..');
const { Client } = require('pg');
const { Logger } = require('@nestjs/common');
const { startEmbeddedPostgres } = require(join(root, 'dist', 'src', 'database', 'embedded-postgres.js'));

const env = process.env;
const config = {
  voters: Number(env.OUTAGE_VOTERS ?? 40),
  concurrency: Number(env.OUTAGE_CONCURRENCY ?? 8),
  outageSeconds: Number(env.OUTAGE_SECONDS ?? 10),
  leadSeconds: Number(env.OUTAGE_LEAD_SECONDS ?? 3),
};
const ENTRIES = 8;
const JWT_SECRET = 'outage-experiment-jwt-secret-0123456789abcdef012345';
const DATA_KEY = 'outage-experiment-data-key-0123456789abcdef0123456';
const JWT_ISSUER = 'best-practice-portal';

const supervisor = createSupervisor('the portal and the database');

// ---------------------------------------------------------------- the database and the portal

let database;
async function startDatabase(dataDir, port) {
  database = await startEmbeddedPostgres(dataDir, ['-c', 'max_connections=100'], port);
  return database;
}

function stopDatabaseImmediately(dataDir) {
  const pid = Number(readFileSync(join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
  process.kill(pid, 'SIGQUIT');
  database = undefined;
  return pid;
}

function spawnPortal(extraEnv, portalLog) {
  const child = spawn(process.execPath, ['dist/src/main.js'], {
    cwd: root,
    env: { ...env, ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  supervisor.children.add(child);
  for (const stream of [child.stdout, child.stderr]) {
    stream.setEncoding('utf8');
    stream.on('data', (chunk) => portalLog.push(...chunk.split('\n').filter((line) => line.trim())));
  }
  supervisor.onCleanup(async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await Promise.race([exited, sleep(15_000)]);
  });
  return child;
}

async function waitReady(url, timeoutMs = 120_000) {
  const started = performance.now();
  while (performance.now() - started < timeoutMs) {
    try {
      if ((await fetch(url)).ok) return (performance.now() - started) / 1000;
    } catch {
      /* not listening yet */
    }
    await sleep(100);
  }
  throw new Error(`${url} not ready within ${timeoutMs} ms`);
}

// ---------------------------------------------------------------- seeding (SQL) and tokens

const b64url = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
function signAccessToken(userId) {
  const now = Math.floor(Date.now() / 1000);
  const header = b64url({ alg: 'HS256', typ: 'JWT' });
  const body = `${header}.${b64url({ sub: userId, tv: 0, iat: now, exp: now + 3600, aud: JWT_ISSUER, iss: JWT_ISSUER })}`;
  return `${body}.${createHmac('sha256', JWT_SECRET).update(body).digest('base64url')}`;
}

async function seed(db) {
  const q = async (text, params) => (await db.query(text, params)).rows;
  const [municipality] = await q(
    'SELECT id, region_id, district_id FROM municipalities ORDER BY code LIMIT 1',
  );
  const [category] = await q('SELECT id FROM categories ORDER BY position LIMIT 1');
  const prefs = '{"contestNews": false, "moderationAlerts": false}';
  const [{ id: representative }] = await q(
    `INSERT INTO users (email, password_hash, full_name, locale, notification_preferences, email_confirmed_at, consent_version, consent_at)
     VALUES ('rep@outage.kg', '!', 'Представитель', 'ru', $1, now(), 'outage', now()) RETURNING id`,
    [prefs],
  );
  await q(
    `INSERT INTO representative_memberships (user_id, municipality_id, status, decided_by, decided_at)
     VALUES ($1, $2, 'approved', $1, now())`,
    [representative, municipality.id],
  );
  const [{ id: contest }] = await q(
    `INSERT INTO contests (title, description, rules, entries_open_at, entries_close_at, voting_opens_at, voting_closes_at,
                           votes_per_voter, voter_policy, show_live_counts, allow_retract, last_entry_number,
                           entries_announced_at, voting_announced_at, created_by)
     VALUES ('{"ru": "Конкурс", "ky": "Сынак", "en": "Contest"}', '{"ru": "Описание"}', '{"ru": "Правила"}',
             now() - interval '3 days', now() - interval '2 days', now() - interval '1 day', now() + interval '1 day',
             $1, 'email', false, true, $1, now() - interval '2 days', now() - interval '1 day', $2)
     RETURNING id`,
    [ENTRIES, representative],
  );
  const [{ id: nomination }] = await q(
    `INSERT INTO nominations (contest_id, title, winners_count, position) VALUES ($1, '{"ru": "Номинация"}', 3, 1) RETURNING id`,
    [contest],
  );
  const entries = [];
  for (let i = 1; i <= ENTRIES; i += 1) {
    const [{ id: practice }] = await q(
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
        `Практика ${i}`,
        `Описание практики ${i}. `.repeat(5),
      ],
    );
    const [{ id: entry }] = await q(
      `INSERT INTO contest_entries (contest_id, nomination_id, practice_id, status, number, submitted_by, decided_by, decided_at)
       VALUES ($1, $2, $3, 'accepted', $4, $5, $5, now()) RETURNING id`,
      [contest, nomination, practice, i, representative],
    );
    entries.push(entry);
  }
  const voters = await q(
    `INSERT INTO users (email, password_hash, full_name, locale, notification_preferences, email_confirmed_at, consent_version, consent_at)
     SELECT 'voter' || n || '@outage.kg', '!', 'Избиратель ' || n, 'ru', $2, now(), 'outage', now()
       FROM generate_series(1, $1::int) AS n RETURNING id`,
    [config.voters, prefs],
  );
  return { contest, entries, voters: voters.map((row) => ({ id: row.id, token: signAccessToken(row.id) })) };
}

// ---------------------------------------------------------------- load

async function request(base, method, path, { token, body, headers = {} } = {}) {
  const started = performance.now();
  try {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      body: body ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(30_000),
    });
    const text = await response.text();
    let code;
    try {
      code = JSON.parse(text).code;
    } catch {
      code = response.headers.get('content-type')?.split(';')[0];
    }
    return {
      status: response.status,
      code,
      retryAfter: response.headers.get('retry-after'),
      ms: performance.now() - started,
    };
  } catch (error) {
    return { status: 0, code: error.name, ms: performance.now() - started };
  }
}

function tally(answers) {
  const counts = {};
  for (const answer of answers) {
    const key = `${answer.status}${answer.code ? ` ${answer.code}` : ''}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

// ---------------------------------------------------------------- the experiment

async function main() {
  Logger.overrideLogger(['warn', 'error']);
  const dataDir = mkdtempSync(join(tmpdir(), 'portal-outage-'));
  chmodSync(dataDir, 0o755);
  supervisor.onCleanup(() => rmSync(dataDir, { recursive: true, force: true }));
  supervisor.watchPostmaster(join(dataDir, 'pg', 'postmaster.pid'));
  supervisor.onCleanup(() => database?.stop());
  const first = await startDatabase(dataDir);
  const dbPort = Number(new URL(first.url).port);

  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const portalLog = [];
  spawnPortal(
    {
      PORT: String(port),
      PUBLIC_URL: base,
      DATA_DIR: dataDir,
      DATABASE_URL: first.url,
      LOG_LEVEL: 'warn',
      JWT_SECRET,
      DATA_KEY,
      RATE_LIMIT_VOTES_PER_VOTER_PER_MINUTE: '100000',
      RATE_LIMIT_REGISTRATIONS_PER_ADDRESS: '100000',
      MAIL_POLL_INTERVAL_MS: '500',
    },
    portalLog,
  );
  await waitReady(`${base}/health/ready`);

  const db = new Client({ connectionString: first.url });
  await db.connect();
  const seeded = await seed(db);
  await db.end();
  console.log(
    `outage experiment: ${config.voters} voters, ${config.concurrency} at a time, ` +
      `PostgreSQL stopped (immediate) for ${config.outageSeconds} s after ${config.leadSeconds} s of voting`,
  );

  // Each voter votes for the entries in turn; a vote that does not get 201 or 200 is retried later.
  const queue = seeded.voters.flatMap((voter, v) =>
    seeded.entries.map((_, e) => ({ voter, entry: seeded.entries[(v + e) % ENTRIES] })),
  );
  const answers = [];
  const created = [];
  const failed = [];
  let phase = 'before';
  let loading = true;
  let next = 0;
  const worker = async () => {
    while (loading) {
      const job = queue[next % queue.length];
      next += 1;
      const answer = await request(
        base,
        'POST',
        `/api/v1/contests/${seeded.contest}/entries/${job.entry}/vote`,
        { token: job.voter.token, body: {} },
      );
      answers.push({ ...answer, phase });
      if (answer.status === 201) created.push(job);
      else if (answer.status !== 200) failed.push(job);
      await sleep(20);
    }
  };
  const load = Promise.all(Array.from({ length: config.concurrency }, worker));

  await sleep(config.leadSeconds * 1000);
  phase = 'during';
  const outageStarted = performance.now();
  stopDatabaseImmediately(dataDir);
  console.log('PostgreSQL stopped (SIGQUIT to the postmaster)');
  await sleep(1000);
  const during = {
    register: await request(base, 'POST', '/api/v1/auth/register', {
      body: {
        email: 'newcomer@outage.kg',
        password: 'a long enough password',
        fullName: 'Newcomer',
        consent: true,
      },
    }),
    me: await request(base, 'GET', '/api/v1/users/me', { token: seeded.voters[0].token }),
    page: await request(base, 'GET', '/confirm-email?token=abc', {
      headers: { accept: 'text/html', 'accept-language': 'en' },
    }),
    ready: await request(base, 'GET', '/health/ready'),
    live: await request(base, 'GET', '/health'),
  };
  await sleep(Math.max(0, config.outageSeconds * 1000 - (performance.now() - outageStarted)));

  const restartIssued = performance.now();
  await startDatabase(dataDir, dbPort);
  const accepting = performance.now();
  phase = 'after';
  const readySeconds = await waitReady(`${base}/health/ready`);
  console.log(
    `PostgreSQL started again: accepting connections ${((accepting - restartIssued) / 1000).toFixed(2)} s after ` +
      `the start command; /health/ready 200 ${readySeconds.toFixed(2)} s after that`,
  );
  await sleep(3000);
  loading = false;
  await load;

  // Nothing lost: every 201 is in the ledger, every failed vote succeeds on retry, every token works.
  const check = new Client({ connectionString: database.url });
  await check.connect();
  let missing = 0;
  for (const job of created) {
    const { rowCount } = await check.query('SELECT 1 FROM votes WHERE voter_id = $1 AND entry_id = $2', [
      job.voter.id,
      job.entry,
    ]);
    if (rowCount !== 1) missing += 1;
  }
  const retried = [];
  for (const job of failed) {
    retried.push(
      await request(base, 'POST', `/api/v1/contests/${seeded.contest}/entries/${job.entry}/vote`, {
        token: job.voter.token,
        body: {},
      }),
    );
  }
  const tokens = [];
  for (const voter of seeded.voters) {
    tokens.push(await request(base, 'GET', '/api/v1/users/me', { token: voter.token }));
  }
  const dead = Number(
    (await check.query(`SELECT count(*) FROM email_outbox WHERE status = 'dead'`)).rows[0].count,
  );
  await check.end();

  const byPhase = Object.fromEntries(
    ['before', 'during', 'after'].map((p) => [p, tally(answers.filter((a) => a.phase === p))]),
  );
  const duringAll = answers.filter((a) => a.phase === 'during');
  const figures = {
    votesBefore: byPhase.before,
    votesDuring: byPhase.during,
    votesAfter: byPhase.after,
    duringOutage: Object.fromEntries(
      Object.entries(during).map(([name, a]) => [name, `${a.status}${a.code ? ` ${a.code}` : ''}`]),
    ),
    retryAfterDuring: [...new Set(duringAll.map((a) => a.retryAfter))],
    slowestMs: Math.round(Math.max(...answers.map((a) => a.ms))),
    slowestDuringMs: Math.round(Math.max(0, ...duringAll.map((a) => a.ms))),
    secondsToReadyAfterStart: Number(readySeconds.toFixed(2)),
    votes201: created.length,
    votes201MissingFromLedger: missing,
    failedVotesRetried: tally(retried),
    tokensAfter: tally(tokens),
    deadEmails: dead,
    unavailableLogLines: portalLog.filter((line) => line.includes('dependency unavailable')).length,
  };
  console.table(byPhase);
  console.log(JSON.stringify(figures));
}

main()
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => supervisor.cleanup());
