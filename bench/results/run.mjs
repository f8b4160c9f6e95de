// Results at national scale (issue 11): a contest with 1,000,000 votes over 50 entries in 5
// nominations and 200,000 voters, counted, published, recounted and downloaded through the built
// portal running as a child process.
//
//  1. embedded PostgreSQL in a temporary directory (dist's startEmbeddedPostgres);
//  2. the portal (node dist/src/main.js, LOG_LEVEL=warn, the outbox worker idle so the 200,000
//     announcements stay queued), which migrates, seeds reference data and creates the admin;
//  3. by set-based SQL (generate_series): a representative, 50 published practices, a contest whose
//     voting closed an hour ago (show_live_counts on, so the ballot shows the live tally), 5
//     nominations × 10 accepted entries, 200,000 voters who want contest news, 5 votes each
//     (1,000,000 rows) cast within 6 hours, so about a fifth share their millisecond with another
//     vote; one vote in a thousand annulled; then VACUUM ANALYZE;
//  4. through HTTP, as the admin (signed in through the API):
//     tally:   GET /contests/:id/entries, the live count (one GROUP BY over the votes), cold cache;
//     publish: POST /contests/:id/results (ranking, turnout, the ledger streamed to the file storage),
//              timed to its response; then the time until the 200,000 announcements are queued (they
//              go out after the commit, in batches);
//     recount: GET /contests/:id/recount (tallies and the ledger regenerated, digest compared);
//     ledger:  GET /contests/:id/ledger.csv, first byte and whole body, hashed as it arrives;
//  5. the portal's peak resident set (VmHWM in /proc/PID/status) over the whole run.
//
// Prints a table and, as its last line, one JSON object:
//   {"votes","tallyMs","publishMs","recountMs","ledgerFirstByteMs","ledgerMs","peakRssMb","digestMatches"}
//
// Usage: npm run bench:results   (env: BENCH_VOTERS=200000 BENCH_VOTES_PER_VOTER=5 BENCH_NOMINATIONS=5
//        BENCH_ENTRIES_PER_NOMINATION=10)
import { createHash } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';

import { memoryOf, projectRoot, spawnPortal, waitReady } from '../lib/portal.mjs';
import { createSupervisor, freePort } from '../lib/supervisor.mjs';

const require = createRequire(import.meta.url);
const dist = (p) => join(projectRoot, 'dist', 'src', p);
const { Client } = require('pg');
const { Logger } = require('@nestjs/common');

const env = process.env;
const config = {
  voters: Number(env.BENCH_VOTERS ?? 200_000),
  votesPerVoter: Number(env.BENCH_VOTES_PER_VOTER ?? 5),
  nominations: Number(env.BENCH_NOMINATIONS ?? 5),
  entriesPerNomination: Number(env.BENCH_ENTRIES_PER_NOMINATION ?? 10),
};
const entryCount = config.nominations * config.entriesPerNomination;
const GOAL = {
  tallyMs: 1_000,
  publishMs: 60_000,
  recountMs: 60_000,
  ledgerFirstByteMs: 1_000,
  peakRssMb: 512,
};
const ADMIN = { email: 'bench.results.admin@portal.kg', password: 'bench results admin passphrase' };
const MAIL_POLL_INTERVAL_MS = 600_000; // the maximum: the outbox worker polls at start-up, then after the run

const supervisor = createSupervisor('the portal and the database');

async function seed(db) {
  const q = (sql, params) => db.query(sql, params);
  const municipality = (await q('SELECT id, region_id, district_id FROM municipalities ORDER BY id LIMIT 1'))
    .rows[0];
  const category = (await q('SELECT id FROM categories ORDER BY position LIMIT 1')).rows[0];
  const admin = (await q('SELECT id, password_hash FROM users WHERE email = $1', [ADMIN.email])).rows[0];
  const representative = (
    await q(
      `INSERT INTO users (email, password_hash, full_name, locale, notification_preferences, email_confirmed_at,
                          consent_version, consent_at)
       VALUES ('rep@bench-results.kg', $1, 'Представитель', 'ru', '{"contestNews": true, "moderationAlerts": false}',
               now(), 'bench', now()) RETURNING id`,
      [admin.password_hash],
    )
  ).rows[0].id;
  await q(
    `INSERT INTO practices (municipality_id, region_id, district_id, author_id, category_id, status, revision, version,
                            title, summary, problem, solution, results, resources, replicability, start_year,
                            contact_name, language, first_submitted_at, submitted_at, published_at)
     SELECT $1, $2, $3, $4, $5, 'published', 1, 1, 'Практика ' || n || ': открытый бюджет', 'Кратко.', 'Проблема.',
            'Решение.', 'Итоги.', 'Ресурсы.', 'Тиражируемость.', 2023, 'Контакт', 'ru', now(), now(), now()
       FROM generate_series(1, $6::int) AS n`,
    [
      municipality.id,
      municipality.region_id,
      municipality.district_id,
      representative,
      category.id,
      entryCount,
    ],
  );
  const contestId = (
    await q(
      `INSERT INTO contests (title, description, rules, entries_open_at, entries_close_at, voting_opens_at, voting_closes_at,
                             votes_per_voter, voter_policy, show_live_counts, allow_retract, last_entry_number,
                             entries_announced_at, voting_announced_at, created_by)
       VALUES ('{"ru": "Национальное голосование", "ky": "Улуттук добуш берүү", "en": "National vote"}',
               '{"ru": "Конкурс лучших практик."}', '{"ru": "До пяти голосов."}',
               now() - interval '30 days', now() - interval '20 days', now() - interval '10 days', now() - interval '1 hour',
               $1, 'email', true, false, $2, now() - interval '30 days', now() - interval '10 days', $3)
       RETURNING id`,
      [config.votesPerVoter, entryCount, admin.id],
    )
  ).rows[0].id;
  await q(
    `INSERT INTO nominations (contest_id, title, winners_count, position)
     SELECT $1, jsonb_build_object('ru', 'Номинация ' || n), 3, n FROM generate_series(1, $2::int) AS n`,
    [contestId, config.nominations],
  );
  // Entry k (1-based) is in nomination ceil(k / entriesPerNomination), practice k.
  await q(
    `INSERT INTO contest_entries (contest_id, nomination_id, practice_id, status, number, submitted_by, decided_by, decided_at)
     SELECT $1, nom.id, p.id, 'accepted', p.n, $2, $2, now()
       FROM (SELECT id, row_number() OVER (ORDER BY title, id)::int AS n FROM practices WHERE author_id = $2) p
       JOIN nominations nom ON nom.contest_id = $1 AND nom.position = (p.n - 1) / $3 + 1`,
    [contestId, representative, config.entriesPerNomination],
  );
  await q(
    `INSERT INTO users (email, password_hash, full_name, locale, notification_preferences, email_confirmed_at,
                        consent_version, consent_at, created_at)
     SELECT 'v' || n || '@bench-results.kg', $2, 'Избиратель ' || n, (ARRAY['ru', 'ky', 'en'])[1 + n % 3],
            '{"contestNews": true, "moderationAlerts": false}', now(), 'bench', now(), now() - (n % 700) * interval '1 day'
       FROM generate_series(1, $1::int) AS n`,
    [config.voters, admin.password_hash],
  );
  // Voter i votes for entries (i + j × 10) mod 50, j < votesPerVoter: distinct entries, every
  // nomination reached, uneven totals (the voters' numbering is not uniform over the entries).
  await q('SELECT setseed(0.42)');
  await q(
    `INSERT INTO votes (contest_id, entry_id, voter_id, cast_at, network_hash, user_agent_hash, account_age_days,
                        annulled_at, annulled_by, annul_reason)
     SELECT $1, e.id, u.id,
            date_trunc('milliseconds', c.voting_opens_at + interval '1 day' + random() * interval '6 hours'),
            NULL, NULL, 0,
            CASE WHEN (u.n * 7 + j) % 1000 = 0 THEN now() END, CASE WHEN (u.n * 7 + j) % 1000 = 0 THEN $2::uuid END,
            CASE WHEN (u.n * 7 + j) % 1000 = 0 THEN 'bench' END
       FROM (SELECT id, row_number() OVER (ORDER BY id)::int AS n FROM users WHERE email LIKE 'v%@bench-results.kg') u
       CROSS JOIN generate_series(0, $3::int - 1) AS j
       JOIN contest_entries e ON e.contest_id = $1
                             AND e.number = ((u.n * 3 + (u.n % 7) + j * 10) % $4) + 1
       JOIN contests c ON c.id = $1`,
    [contestId, admin.id, config.votesPerVoter, entryCount],
  );
  await q('VACUUM ANALYZE votes');
  await q('VACUUM ANALYZE users');
  const votes = Number(
    (await q('SELECT count(*) FROM votes WHERE contest_id = $1', [contestId])).rows[0].count,
  );
  const sharedMs = Number(
    (
      await q(
        `SELECT coalesce(sum(n), 0) AS shared FROM (SELECT count(*) AS n FROM votes WHERE contest_id = $1
                 GROUP BY cast_at HAVING count(*) > 1) g`,
        [contestId],
      )
    ).rows[0].shared,
  );
  return { contestId, votes, sharedMs };
}

async function timed(label, fn) {
  const started = performance.now();
  const value = await fn();
  const ms = performance.now() - started;
  console.log(`${label}: ${ms.toFixed(0)} ms`);
  return { ms, value };
}

async function expectStatus(response, status, what) {
  if (response.status !== status) {
    throw new Error(`${what} answered ${response.status}: ${(await response.text()).slice(0, 500)}`);
  }
  return response;
}

/** Downloads the ledger, hashing as the bytes arrive; never holds the body. */
async function downloadLedger(url) {
  const started = performance.now();
  const response = await expectStatus(await fetch(url), 200, 'GET ledger.csv');
  const hash = createHash('sha256');
  let firstByteMs;
  let bytes = 0;
  for await (const chunk of response.body) {
    firstByteMs ??= performance.now() - started;
    hash.update(chunk);
    bytes += chunk.length;
  }
  return {
    firstByteMs,
    totalMs: performance.now() - started,
    bytes,
    contentLength: Number(response.headers.get('content-length')),
    etag: response.headers.get('etag'),
    sha256: hash.digest('hex'),
  };
}

async function main() {
  Logger.overrideLogger(['warn', 'error']);
  console.log(
    `results bench: ${config.voters} voters × ${config.votesPerVoter} votes over ${entryCount} entries in ` +
      `${config.nominations} nominations; ${cpus().length} CPUs, load average ${loadavg()
        .map((x) => x.toFixed(2))
        .join(' ')} (a shared machine: timings move with other sessions' load)`,
  );
  const dataDir = mkdtempSync(join(tmpdir(), 'portal-results-bench-'));
  chmodSync(dataDir, 0o755); // as root PostgreSQL runs as 'postgres', which must reach its data directory
  supervisor.onCleanup(() => rmSync(dataDir, { recursive: true, force: true }));

  const { startEmbeddedPostgres } = require(dist('database/embedded-postgres.js'));
  supervisor.watchPostmaster(join(dataDir, 'pg', 'postmaster.pid'));
  const embedded = await startEmbeddedPostgres(dataDir);
  supervisor.onCleanup(() => embedded.stop());

  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const portal = spawnPortal(supervisor, {
    PORT: String(port),
    PUBLIC_URL: base,
    DATA_DIR: dataDir,
    DATABASE_URL: embedded.url,
    LOG_LEVEL: 'warn',
    JWT_SECRET: 'bench-results-jwt-secret-0123456789abcdef0123456789',
    DATA_KEY: 'bench-results-data-key-0123456789abcdef0123456789ab',
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    MAIL_POLL_INTERVAL_MS: String(MAIL_POLL_INTERVAL_MS),
  });
  await waitReady(`${base}/health/ready`, portal);
  console.log(
    `portal: pid ${portal.pid}, peak RSS after start-up ${memoryOf(portal.pid).peakMb.toFixed(0)} MiB`,
  );

  const db = new Client({ connectionString: embedded.url, application_name: 'results-bench' });
  await db.connect();
  supervisor.onCleanup(() => db.end());
  const seeding = await timed('seed (set-based SQL, VACUUM ANALYZE)', () => seed(db));
  const { contestId, votes, sharedMs } = seeding.value;
  console.log(`seeded ${votes} votes; ${sharedMs} of them share their millisecond with another vote`);

  const login = await expectStatus(
    await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ADMIN),
    }),
    200,
    'POST /auth/login',
  );
  const auth = { authorization: `Bearer ${(await login.json()).accessToken}` };
  const api = (path) => `${base}/api/v1/contests/${contestId}${path}`;

  const tally = await timed('tally (GET entries with live counts, cold cache)', async () => {
    const response = await expectStatus(await fetch(api('/entries'), { headers: auth }), 200, 'GET entries');
    return (await response.json()).reduce((sum, entry) => sum + entry.votes, 0);
  });
  const publish = await timed('publish (POST results)', async () => {
    const response = await expectStatus(
      await fetch(api('/results'), { method: 'POST', headers: auth }),
      201,
      'POST results',
    );
    return response.json();
  });
  // Announcements go out after the commit, in batches (ResultsAnnouncer): measured to the last one.
  const announce = await timed('announcements queued (from the end of publish)', async () => {
    for (;;) {
      const { rows } = await db.query('SELECT announced_at FROM contest_results WHERE contest_id = $1', [
        contestId,
      ]);
      if (rows[0]?.announced_at) return;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  });
  const recount = await timed('recount (GET recount)', async () => {
    const response = await expectStatus(await fetch(api('/recount'), { headers: auth }), 200, 'GET recount');
    return response.json();
  });
  const ledger = await downloadLedger(api('/ledger.csv'));
  console.log(
    `ledger: ${ledger.bytes} bytes (Content-Length ${ledger.contentLength}), first byte ${ledger.firstByteMs.toFixed(0)} ms, ` +
      `whole ${ledger.totalMs.toFixed(0)} ms, ETag ${ledger.etag}`,
  );
  const announcements = Number(
    (await db.query(`SELECT count(*) FROM email_outbox WHERE template = 'results-published'`)).rows[0].count,
  );
  const memory = memoryOf(portal.pid);

  const published = publish.value;
  const digestMatches =
    ledger.sha256 === published.ledgerSha256 &&
    ledger.bytes === ledger.contentLength &&
    ledger.etag === `"${published.ledgerSha256}"`;
  const result = {
    votes,
    tallyMs: Math.round(tally.ms),
    publishMs: Math.round(publish.ms),
    recountMs: Math.round(recount.ms),
    ledgerFirstByteMs: Math.round(ledger.firstByteMs),
    ledgerMs: Math.round(ledger.totalMs),
    peakRssMb: Math.round(memory.peakMb),
    digestMatches,
  };
  const counted = published.turnout.votes;
  const goal = (value, limit) => `${value} (goal < ${limit}: ${value < limit ? 'met' : 'NOT met'})`;
  console.log('');
  console.log(
    `votes ${votes}: counted ${counted}, annulled ${published.turnout.annulledVotes}, live tally sum ${tally.value}`,
  );
  console.log(`tally ms            ${goal(result.tallyMs, GOAL.tallyMs)}`);
  console.log(`publish ms          ${goal(result.publishMs, GOAL.publishMs)}`);
  console.log(
    `announcements       ${announcements} queued in ${Math.round(announce.ms)} ms after publish answered`,
  );
  console.log(
    `recount ms          ${goal(result.recountMs, GOAL.recountMs)}; matches: ${recount.value.matches}`,
  );
  console.log(`ledger first byte   ${goal(result.ledgerFirstByteMs, GOAL.ledgerFirstByteMs)}`);
  console.log(`ledger whole ms     ${result.ledgerMs} (${(ledger.bytes / 1048576).toFixed(1)} MiB)`);
  console.log(
    `portal peak RSS MiB ${goal(result.peakRssMb, GOAL.peakRssMb)} (VmHWM; RSS now ${memory.rssMb.toFixed(0)})`,
  );
  console.log(
    `digest matches      ${digestMatches} (downloaded bytes' SHA-256 = published digest = ETag; length = Content-Length)`,
  );
  if (!recount.value.matches || tally.value !== counted) {
    throw new Error(
      `inconsistent counts: recount ${JSON.stringify(recount.value)}, tally ${tally.value} vs ${counted}`,
    );
  }
  return result;
}

let result;
let failed = false;
try {
  result = await main();
} catch (error) {
  failed = true;
  console.error(`results bench failed: ${error?.stack ?? error}`);
} finally {
  await supervisor.cleanup();
}
if (result) console.log(JSON.stringify(result));
process.exit(failed ? 1 : 0);
