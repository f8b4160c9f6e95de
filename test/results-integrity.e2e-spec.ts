import { randomUUID } from 'node:crypto';
import { Response } from 'supertest';
import { Role } from '../src/common/auth/role';
import { expectFieldError, expectProblem } from './support/assertions';
import { newVoter } from './support/contests';
import { bearer, TestContext, TestUser } from './support/test-app';
import { auditOf, castVote, closeAndPublish, votingContest, VotingContest } from './support/voting-helpers';

interface Ranked {
  rank: number;
  entryNumber: number;
  votes: number;
  winner: boolean;
  reachedFinalCountAt: string | null;
}

const ranking = (published: Response): Ranked[] => published.body.nominations[0].ranking;
const oneWinner = { nominations: [{ title: { ru: 'Бюджет' }, winnersCount: 1 }], voterPolicy: 'email' };

/** §2 annulment, tie-breaks and fraud signals: what the published results count, and what moderators see. */
describe('results integrity', () => {
  let ctx: TestContext;
  let admin: TestUser;
  let moderator: TestUser;

  const annul = (
    contestId: string,
    voteId: string,
    body: Record<string, unknown>,
    caller: TestUser = admin,
  ) =>
    ctx.http
      .post(`/api/v1/contests/${contestId}/votes/${voteId}/annul`)
      .set(...bearer(caller))
      .send(body);
  const annulledAt = async (voteId: string): Promise<Date | null> =>
    (await ctx.db.query('SELECT annulled_at FROM votes WHERE id = $1', [voteId]))[0].annulled_at;

  /** Casts, in this order, one vote per fresh voter for the entry with each number; returns the receipts. */
  async function castInOrder(contest: VotingContest, numbers: number[]): Promise<Response[]> {
    const receipts: Response[] = [];
    for (const number of numbers) {
      const response = await castVote(ctx, await newVoter(ctx), contest.id, contest.entries[number - 1]);
      expect(response.status).toBe(201);
      receipts.push(response);
    }
    return receipts;
  }

  beforeAll(async () => {
    // Only the signals test sends X-Forwarded-For; the connection comes from the loopback address.
    ctx = await TestContext.start({ TRUSTED_PROXIES: '127.0.0.1,::1,::ffff:127.0.0.1' });
    admin = await ctx.newUser({ roles: [Role.Admin] });
    moderator = await ctx.newModerator();
  }, 60_000);
  afterAll(() => ctx.close());

  describe('annulment', () => {
    it('annuls a vote with a reason (204, audited): it stays in the ledger flagged, uncounted, and shows in annulledVotes', async () => {
      const contest = await votingContest(ctx, admin, { voterPolicy: 'email' }, 2, { moderator });
      const receipts = await castInOrder(contest, [1, 1, 1, 2]);
      const target = receipts[0].body;

      const response = await annul(contest.id, target.voteId, { reason: 'Кластер голосов из одной сети' });

      expect(response.status).toBe(204);
      expect(await auditOf(ctx, target.voteId)).toEqual([
        expect.objectContaining({
          action: 'vote.annulled',
          actor_id: admin.id,
          reason: 'Кластер голосов из одной сети',
        }),
      ]);
      expect(await ctx.count('votes', 'contest_id = $1', [contest.id])).toBe(4);
      const published = await closeAndPublish(ctx, admin, contest.id);
      expect(published.status).toBe(201);
      expect(ranking(published).map((e) => [e.entryNumber, e.votes])).toEqual([
        [1, 2],
        [2, 1],
      ]);
      expect(published.body.turnout).toMatchObject({ voters: 3, votes: 3, annulledVotes: 1 });

      const ledger = (await ctx.http.get(`/api/v1/contests/${contest.id}/ledger.csv`).expect(200)).text;
      const rows = ledger.trimEnd().split('\n').slice(1);
      expect(rows).toHaveLength(4);
      expect(rows.filter((row) => row.endsWith(',true'))).toEqual([
        expect.stringMatching(new RegExp(`^1,${target.pseudonym},.*,true$`)),
      ]);
      const results = await ctx.http.get(`/api/v1/contests/${contest.id}/results`).expect(200);
      expect(results.body.turnout.annulledVotes).toBe(1);
      const recount = await ctx.http
        .get(`/api/v1/contests/${contest.id}/recount`)
        .set(...bearer(admin))
        .expect(200);
      expect(recount.body).toMatchObject({ matches: true });
    });

    it('refuses annulment without a reason (400), by non-admins (403), of unknown votes (404) and twice (409)', async () => {
      const contest = await votingContest(ctx, admin, { voterPolicy: 'email' }, 1, { moderator });
      const other = await votingContest(ctx, admin, { voterPolicy: 'email' }, 1, { moderator });
      const [receipt] = await castInOrder(contest, [1]);
      const [foreign] = await castInOrder(other, [1]);
      const voteId = receipt.body.voteId as string;

      expectFieldError(await annul(contest.id, voteId, {}), 'reason');
      expectFieldError(await annul(contest.id, voteId, { reason: 'x' }), 'reason');
      expectProblem(
        await annul(contest.id, voteId, { reason: 'Подозрительно' }, moderator),
        403,
        'forbidden',
      );
      expectProblem(
        await annul(contest.id, voteId, { reason: 'Подозрительно' }, await ctx.newUser()),
        403,
        'forbidden',
      );
      expectProblem(
        await annul(contest.id, randomUUID(), { reason: 'Подозрительно' }),
        404,
        'vote_not_found',
      );
      expectProblem(
        await annul(contest.id, foreign.body.voteId, { reason: 'Подозрительно' }),
        404,
        'vote_not_found',
      );
      expect(await annulledAt(voteId)).toBeNull();
      expect(await annulledAt(foreign.body.voteId)).toBeNull();
      expect(await auditOf(ctx, voteId)).toEqual([]);

      expect((await annul(contest.id, voteId, { reason: 'Подозрительно' })).status).toBe(204);
      expectProblem(await annul(contest.id, voteId, { reason: 'Ещё раз' }), 409, 'vote_already_annulled');
      expect(await auditOf(ctx, voteId)).toHaveLength(1);
    });

    it('refuses annulment after publication with 409, changing nothing', async () => {
      const contest = await votingContest(ctx, admin, { voterPolicy: 'email' }, 1, { moderator });
      const [receipt] = await castInOrder(contest, [1]);
      const published = await closeAndPublish(ctx, admin, contest.id);
      expect(published.status).toBe(201);

      expectProblem(
        await annul(contest.id, receipt.body.voteId, { reason: 'Слишком поздно' }),
        409,
        'results_published',
      );
      expect(await annulledAt(receipt.body.voteId)).toBeNull();
      expect(await auditOf(ctx, receipt.body.voteId)).toEqual([]);
      const results = await ctx.http.get(`/api/v1/contests/${contest.id}/results`).expect(200);
      expect(results.body).toEqual(published.body);
    });
  });

  describe('ties', () => {
    it('ranks equal votes by who reached the final count first, even against the entry number', async () => {
      const contest = await votingContest(ctx, admin, oneWinner, 3, { moderator });
      // #2 reaches 2 votes before #1 does; #3 gets one.
      const receipts = await castInOrder(contest, [2, 1, 2, 1, 3]);

      const published = await closeAndPublish(ctx, admin, contest.id);

      expect(ranking(published).map((e) => [e.rank, e.entryNumber, e.votes, e.winner])).toEqual([
        [1, 2, 2, true],
        [2, 1, 2, false],
        [3, 3, 1, false],
      ]);
      expect(ranking(published)[0].reachedFinalCountAt).toBe(receipts[2].body.castAt);
      expect(ranking(published)[1].reachedFinalCountAt).toBe(receipts[3].body.castAt);
    });

    it('ranks equal votes reached at the same instant by the lower entry number', async () => {
      const contest = await votingContest(ctx, admin, oneWinner, 3, { moderator });
      const receipts = await castInOrder(contest, [3, 3, 2, 1, 2, 1]);
      // Known instants: #3 completes at +2 s; #2 and #1 both complete at +5 s.
      const base = Date.now() - 60_000;
      const at = [1, 2, 3, 4, 5, 5].map((s) => new Date(base + s * 1000));
      for (const [i, receipt] of receipts.entries()) {
        await ctx.db.query('UPDATE votes SET cast_at = $2 WHERE id = $1', [receipt.body.voteId, at[i]]);
      }

      const published = await closeAndPublish(ctx, admin, contest.id);

      expect(ranking(published).map((e) => [e.rank, e.entryNumber, e.votes, e.winner])).toEqual([
        [1, 3, 2, true],
        [2, 1, 2, false],
        [3, 2, 2, false],
      ]);
      expect(ranking(published).map((e) => e.reachedFinalCountAt)).toEqual([
        at[1].toISOString(),
        at[5].toISOString(),
        at[5].toISOString(),
      ]);
    });

    it('takes the final count from counted votes only: a later annulled vote does not delay it', async () => {
      const contest = await votingContest(ctx, admin, oneWinner, 2, { moderator });
      // #2 completes its 2 counted votes first; #1 follows; a last vote for #2 is annulled.
      const receipts = await castInOrder(contest, [2, 2, 1, 1, 2]);
      expect((await annul(contest.id, receipts[4].body.voteId, { reason: 'Одна сеть' })).status).toBe(204);

      const published = await closeAndPublish(ctx, admin, contest.id);

      expect(ranking(published).map((e) => [e.entryNumber, e.votes, e.winner])).toEqual([
        [2, 2, true],
        [1, 2, false],
      ]);
      expect(ranking(published)[0].reachedFinalCountAt).toBe(receipts[1].body.castAt);
      expect(published.body.turnout).toMatchObject({ votes: 4, annulledVotes: 1 });
    });
  });

  describe('fraud signals', () => {
    it('shows moderators a cluster of ≥ 5 voters from one network and votes of young accounts, never the address', async () => {
      const contest = await votingContest(ctx, admin, { voterPolicy: 'email' }, 2, { moderator });
      const from = async (address: string, entry: number, voter?: TestUser) => {
        const response = await castVote(
          ctx,
          voter ?? (await newVoter(ctx)),
          contest.id,
          contest.entries[entry],
          {
            'X-Forwarded-For': address,
          },
        );
        expect(response.status).toBe(201);
        return response.body.voteId as string;
      };
      // Cast together, so the five votes fall in one 10-minute window.
      const clusterVoters = await Promise.all([1, 2, 3, 4, 5].map(() => newVoter(ctx)));
      const cluster = await Promise.all(
        clusterVoters.map((voter, i) => from(`10.20.30.${(i + 1) * 11}`, i % 2, voter)),
      );
      for (let host = 1; host <= 4; host += 1) {
        await from(`10.99.${host}.7`, 0); // four different networks: no cluster
      }
      for (let host = 1; host <= 4; host += 1) {
        await from(`172.16.5.${host}`, 1); // four voters of one network: below the threshold
      }
      const veteran = await newVoter(ctx);
      await ctx.db.query("UPDATE users SET created_at = now() - interval '30 days' WHERE id = $1", [
        veteran.id,
      ]);
      const veteranVote = await from('192.168.77.1', 0, veteran);

      const signals = await ctx.http
        .get(`/api/v1/contests/${contest.id}/signals`)
        .set(...bearer(moderator))
        .expect(200);

      expect(signals.body.networkClusters).toHaveLength(1);
      const [found] = signals.body.networkClusters;
      expect(found.voters).toBe(5);
      expect([...found.voteIds].sort()).toEqual([...cluster].sort());
      expect(found.network).not.toContain('10.20.30');
      const young = signals.body.youngAccounts as { voteId: string; accountAgeDays: number }[];
      expect(young).toHaveLength(13);
      expect(young.map((v) => v.voteId)).not.toContain(veteranVote);
      expect(young.every((v) => v.accountAgeDays === 0)).toBe(true);
      const [veteranRow] = await ctx.db.query('SELECT account_age_days FROM votes WHERE id = $1', [
        veteranVote,
      ]);
      expect(veteranRow.account_age_days).toBe(30);

      const stored = JSON.stringify(
        await ctx.db.query('SELECT * FROM votes WHERE contest_id = $1', [contest.id]),
      );
      expect(stored).not.toMatch(/10\.20\.30|10\.99\.|172\.16\.|192\.168\./);

      // Annulled votes no longer make a cluster.
      for (const voteId of cluster.slice(0, 2)) {
        expect((await annul(contest.id, voteId, { reason: 'Кластер из одной сети' })).status).toBe(204);
      }
      const after = await ctx.http
        .get(`/api/v1/contests/${contest.id}/signals`)
        .set(...bearer(moderator))
        .expect(200);
      expect(after.body.networkClusters).toEqual([]);
    });

    it('keeps the signals from citizens (403) and answers 404 for an unknown contest', async () => {
      const contest = await votingContest(ctx, admin, { voterPolicy: 'email' }, 1, { moderator });
      expectProblem(
        await ctx.http.get(`/api/v1/contests/${contest.id}/signals`).set(...bearer(await ctx.newUser())),
        403,
        'forbidden',
      );
      expectProblem(await ctx.http.get(`/api/v1/contests/${contest.id}/signals`), 401, 'unauthenticated');
      expectProblem(
        await ctx.http.get(`/api/v1/contests/${randomUUID()}/signals`).set(...bearer(moderator)),
        404,
        'contest_not_found',
      );
    });
  });
});
