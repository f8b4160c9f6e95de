import { Response } from 'supertest';
import { Role } from '../src/common/auth/role';
import { bearer, TestContext, TestUser } from './support/test-app';
import { migrate } from './support/test-database';
import { ThrowawayCluster } from './support/throwaway-cluster';
import { bulkVoters, castVote, votingContest, VotingContest } from './support/voting-helpers';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const UNAVAILABLE_TITLE_KY = 'Портал убактылуу жеткиликсиз; бир мүнөттөн кийин кайталаңыз';
const POOL_SIZE = 4;
const ACQUIRE_TIMEOUT_MS = 500;

interface Seen {
  status: number;
  code?: string;
  title?: string;
  errorId?: string;
  retryAfter?: string;
  contentType?: string;
}

function seen(response: Response): Seen {
  const body = response.body as { code?: string; title?: string; errorId?: string };
  return {
    status: response.status,
    code: body.code,
    title: body.title,
    errorId: body.errorId,
    retryAfter: response.headers['retry-after'],
    contentType: response.headers['content-type'],
  };
}

/**
 * The portal on a PostgreSQL of the test's own, which the test stops (immediate mode) and starts
 * again, or pauses, while voters keep voting. Outbox attempts are limited to one, so an outage that
 * counted as a delivery attempt would show as a dead email.
 */
describe('when PostgreSQL is down or stalled', () => {
  let cluster: ThrowawayCluster;
  let ctx: TestContext;
  let contest: VotingContest;
  let voters: TestUser[];
  const logLines: string[] = [];

  beforeAll(async () => {
    cluster = await ThrowawayCluster.start();
    await migrate(cluster.url);
    const write = process.stdout.write.bind(process.stdout);
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      logLines.push(String(chunk));
      return process.env.TEST_LOG_LEVEL ? write(chunk) : true;
    });
    ctx = await TestContext.start(
      {
        LOG_LEVEL: 'warn',
        DATABASE_POOL_SIZE: String(POOL_SIZE),
        DATABASE_ACQUIRE_TIMEOUT_MS: String(ACQUIRE_TIMEOUT_MS),
        MAIL_MAX_ATTEMPTS: '1',
      },
      { databaseUrl: cluster.url },
    );
    const admin = await ctx.newUser({ roles: [Role.Admin] });
    contest = await votingContest(ctx, admin, { votesPerVoter: 3 }, 3);
    voters = await bulkVoters(ctx, 16, { verified: true });
  }, 120_000);

  afterAll(async () => {
    cluster?.resume();
    await ctx?.close();
    await cluster?.destroy();
    jest.restoreAllMocks();
  });

  it('answers 503 service_unavailable through an immediate stop, signs no one out, and recovers by itself', async () => {
    const answers: Seen[] = [];
    const created: { voterId: string; entryId: string }[] = [];
    let loading = true;
    let turn = 0;
    const loop = async () => {
      while (loading) {
        turn += 1;
        const voter = voters[turn % voters.length];
        const entryId = contest.entries[turn % contest.entries.length];
        const response =
          turn % 2 === 0
            ? await castVote(ctx, voter, contest.id, entryId, { 'Accept-Language': 'ky' })
            : await ctx.http
                .get('/api/v1/users/me')
                .set(...bearer(voter))
                .set('Accept-Language', 'ky');
        answers.push(seen(response));
        if (response.status === 201) {
          created.push({ voterId: voter.id, entryId });
        }
      }
    };
    const load = Promise.all(Array.from({ length: 8 }, loop));

    await sleep(300);
    await cluster.stopImmediately();
    await sleep(300);
    const page = await ctx.http
      .get('/confirm-email?token=some-token')
      .set('Accept', 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8')
      .set('Accept-Language', 'en');
    const readyDuring = await ctx.http.get('/health/ready');
    await sleep(1500);
    await cluster.restart();
    const back = Date.now();
    while ((await ctx.http.get('/health/ready')).status !== 200) {
      await sleep(50);
    }
    const secondsToReady = (Date.now() - back) / 1000;
    await sleep(500);
    loading = false;
    await load;

    const statuses = new Set(answers.map((answer) => answer.status));
    expect([...statuses].filter((status) => ![200, 201, 503].includes(status))).toEqual([]);
    const unavailable = answers.filter((answer) => answer.status === 503);
    expect(unavailable.length).toBeGreaterThan(0);
    for (const answer of unavailable) {
      expect(answer).toEqual({
        status: 503,
        code: 'service_unavailable',
        title: UNAVAILABLE_TITLE_KY,
        errorId: expect.any(String),
        retryAfter: '5',
        contentType: expect.stringMatching(/^application\/problem\+json/),
      });
    }
    // One log line per 503, carrying its error id.
    const sample = unavailable[0].errorId as string;
    expect(logLines.filter((line) => line.includes(sample))).toHaveLength(1);

    expect(page.status).toBe(503);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['retry-after']).toBe('5');
    expect(page.text.toLowerCase()).toContain('try again in a minute');
    expect(readyDuring.status).toBe(503);
    expect(secondsToReady).toBeLessThan(5);

    // Nobody was signed out: every token still works.
    for (const voter of voters) {
      await ctx.http
        .get('/api/v1/users/me')
        .set(...bearer(voter))
        .expect(200);
    }
    // Every vote that was confirmed with 201 is in the ledger.
    for (const vote of created) {
      expect(await ctx.count('votes', 'voter_id = $1 AND entry_id = $2', [vote.voterId, vote.entryId])).toBe(
        1,
      );
    }
    // The outbox worker resumed by itself, and the outage cost no email a delivery attempt.
    const late = (await bulkVoters(ctx, 1, { verified: true }))[0];
    expect((await castVote(ctx, late, contest.id, contest.entries[0])).status).toBe(201);
    await ctx.mail.waitFor(late.email, 1, 15_000);
    expect(await ctx.count('email_outbox', "status = 'dead'")).toBe(0);
  }, 60_000);

  it('answers 503 within the acquire timeout while PostgreSQL is paused, then serves everyone', async () => {
    cluster.pause();
    const started = Date.now();
    const pending = voters.slice(0, 8).map((voter) =>
      ctx.http
        .get('/api/v1/users/me')
        .set(...bearer(voter))
        .then((response) => ({ ...seen(response), ms: Date.now() - started })),
    );
    await sleep(2000);
    cluster.resume();
    const answers = await Promise.all(pending);

    expect(answers.filter((answer) => ![200, 503].includes(answer.status))).toEqual([]);
    const unavailable = answers.filter((answer) => answer.status === 503);
    // At most POOL_SIZE requests hold a (stalled) connection; the others time out waiting for one.
    expect(unavailable.length).toBeGreaterThanOrEqual(8 - POOL_SIZE);
    for (const answer of unavailable) {
      expect(answer).toMatchObject({ code: 'service_unavailable', retryAfter: '5' });
      expect(answer.ms).toBeLessThan(2000);
    }
    for (const voter of voters.slice(0, 8)) {
      await ctx.http
        .get('/api/v1/users/me')
        .set(...bearer(voter))
        .expect(200);
    }
  }, 30_000);
});
