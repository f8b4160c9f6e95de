import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { projectPath } from '../src/common/project-path';
import { Keyring } from '../src/common/crypto/keyring';
import { voterPseudonym } from '../src/voting/voting-keys';
import { TestContext } from './support/test-app';
import { createTestDatabase, testState } from './support/test-database';

const execFileAsync = promisify(execFile);
const TITLE = 'Лучшая практика МСУ — 2025 (итоги)';
const COUNTED = [
  'users',
  'practices',
  'contests',
  'contest_entries',
  'votes',
  'voter_ballots',
  'contest_results',
  'practice_revisions',
  'representative_memberships',
  'voter_verifications',
];

describe('npm run seed:demo: the published contest', () => {
  const env = {
    NODE_ENV: 'test',
    LOG_LEVEL: 'error',
    JWT_SECRET: 'test-jwt-secret-that-is-long-enough-0123456789',
    PUBLIC_URL: 'http://portal.test',
    DATA_KEY: randomBytes(32).toString('base64url'),
    DATA_DIR: '',
    DATABASE_URL: '',
  };
  let ctx: TestContext;

  const seed = () =>
    execFileAsync(process.execPath, [projectPath('dist', 'src', 'cli', 'seed-demo.js')], {
      env: { PATH: process.env.PATH, ...env, SMTP_URL: 'smtp://127.0.0.1:9' },
    });
  const counts = async () => Promise.all(COUNTED.map((table) => ctx.count(table)));

  beforeAll(async () => {
    env.DATABASE_URL = await createTestDatabase();
    env.DATA_DIR = mkdtempSync(join(testState().stateDir, 'seed-demo-'));
    await seed();
    ctx = await TestContext.start(env, { databaseUrl: env.DATABASE_URL, worker: false });
  }, 120_000);
  afterAll(() => ctx.close());

  it('publishes results whose downloaded ledger hashes to the published digest', async () => {
    const [contest] = await ctx.db.query<{ id: string }[]>(
      `SELECT id FROM contests WHERE title ->> 'ru' = $1`,
      [TITLE],
    );
    const results = await ctx.http.get(`/api/v1/contests/${contest.id}/results`).expect(200);
    expect(results.body.nominations).toHaveLength(2);
    expect(results.body.turnout.voters).toBe(37);
    expect(results.body.turnout.votes).toBeGreaterThan(70);
    for (const nomination of results.body.nominations as { ranking: unknown[] }[]) {
      expect(nomination.ranking).toHaveLength(3);
    }

    const ledger = await ctx.http
      .get(`/api/v1/contests/${contest.id}/ledger.csv`)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const bytes = ledger.body as Buffer;
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(results.body.ledgerSha256);

    // voter@demo.kg voted: signed in, they find their pseudonym in the ledger.
    const [voter] = await ctx.db.query<{ id: string }[]>(
      `SELECT id FROM users WHERE email = 'voter@demo.kg'`,
    );
    expect(bytes.toString('utf8')).toContain(voterPseudonym(ctx.app.get(Keyring), contest.id, voter.id));

    const page = await ctx.http.get(`/contests/${contest.id}`).expect(200);
    expect(page.text).toContain(results.body.ledgerSha256);
    expect(page.text).toContain(`/api/v1/contests/${contest.id}/ledger.csv`);
  });

  it("gives the staff pages work in progress: a representative's draft and sent-back practice, every kind of queue item", async () => {
    const representative = await ctx.login('rep.dostuk@demo.kg', 'demo representative passphrase');
    const mine = await ctx.http
      .get('/api/v1/practices/mine')
      .auth(representative.accessToken, { type: 'bearer' })
      .expect(200);
    const statuses = (mine.body as { status: string }[]).map((p) => p.status);
    expect(statuses).toEqual(expect.arrayContaining(['draft', 'changes_requested', 'published']));

    const moderator = await ctx.login('moderator@demo.kg', 'demo moderator passphrase');
    const queue = await ctx.http
      .get('/api/v1/moderation/queue')
      .auth(moderator.accessToken, { type: 'bearer' })
      .expect(200);
    expect(queue.body.counts).toEqual({ practice: 2, representative: 1, voter_verification: 2, entry: 1 });
    // The Karakol practice came back with two fields changed since the moderator's first look.
    expect(await ctx.count('practice_revisions', 'revision = 2')).toBe(1);
    expect(await ctx.count('voter_verifications', 'pin_clash_with IS NOT NULL')).toBe(1);
  });

  it('adds nothing when run again', async () => {
    const before = await counts();
    await seed();
    expect(await counts()).toEqual(before);
  }, 120_000);
});
