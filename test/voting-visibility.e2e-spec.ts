import { Role } from '../src/common/auth/role';
import { expectProblem } from './support/assertions';
import { newVoter } from './support/contests';
import { bearer, TestContext, TestUser } from './support/test-app';
import { castVote, closeAndPublish, iso, votingContest, VotingContest } from './support/voting-helpers';

interface BallotEntry {
  id: string;
  number: number;
  votes?: number;
}

/**
 * §2 "unless showLiveCounts, counts stay hidden everywhere — API, CSV, statistics, turnout — until
 * publication" and "the ballot is listed in an order shuffled per voter (stable for that voter)".
 */
describe('what the ballot shows while voting', () => {
  let ctx: TestContext;
  let admin: TestUser;
  let moderator: TestUser;
  /** 12 entries, counts hidden, voting open, votes cast for #1 (3) and #2 (1). */
  let hidden: VotingContest;
  let voters: TestUser[];

  const ballot = (contestId: string, caller?: TestUser) => {
    const call = ctx.http.get(`/api/v1/contests/${contestId}/entries`);
    return caller ? call.set(...bearer(caller)) : call;
  };
  const numbers = (entries: BallotEntry[]) => entries.map((e) => e.number);

  /** Nothing about how many votes anyone has, on any public surface but the caller's own my-votes. */
  async function expectCountsHidden(contest: VotingContest): Promise<void> {
    for (const caller of [undefined, voters[0], admin]) {
      const entries = (await ballot(contest.id, caller).expect(200)).body as BallotEntry[];
      expect(entries).toHaveLength(contest.entries.length);
      expect(entries.filter((e) => 'votes' in e)).toEqual([]);
    }
    const detail = await ctx.http
      .get(`/api/v1/contests/${contest.id}/entries/${contest.entries[0]}`)
      .expect(200);
    expect(detail.body).not.toHaveProperty('votes');
    const single = await ctx.http.get(`/api/v1/contests/${contest.id}`).expect(200);
    expect(Object.keys(single.body).filter((key) => /^(votes|turnout|tally|counts?)$/i.test(key))).toEqual(
      [],
    );
    const stats = await ctx.http.get('/api/v1/stats').expect(200);
    expect(stats.body.contestTurnout.map((t: { contestId: string }) => t.contestId)).not.toContain(
      contest.id,
    );
    for (const path of ['results', 'results.csv', 'ledger.csv']) {
      expectProblem(
        await ctx.http.get(`/api/v1/contests/${contest.id}/${path}`),
        409,
        'results_not_published',
      );
      expectProblem(
        await ctx.http.get(`/api/v1/contests/${contest.id}/${path}`).set(...bearer(admin)),
        409,
        'results_not_published',
      );
    }
  }

  beforeAll(async () => {
    ctx = await TestContext.start();
    admin = await ctx.newUser({ roles: [Role.Admin] });
    moderator = await ctx.newModerator();
    hidden = await votingContest(ctx, admin, { voterPolicy: 'email', votesPerVoter: 2 }, 12, { moderator });
    voters = await Promise.all([newVoter(ctx), newVoter(ctx), newVoter(ctx)]);
    for (const voter of voters) {
      expect((await castVote(ctx, voter, hidden.id, hidden.entries[0])).status).toBe(201);
    }
    expect((await castVote(ctx, voters[0], hidden.id, hidden.entries[1])).status).toBe(201);
  }, 120_000);
  afterAll(() => ctx.close());

  describe('ballot order', () => {
    it('shows each voter an order of their own while voting is open, the same on every request', async () => {
      const [first, second] = voters;
      const firstOrder = (await ballot(hidden.id, first).expect(200)).body as BallotEntry[];
      const secondOrder = (await ballot(hidden.id, second).expect(200)).body as BallotEntry[];

      // 12! orders: two voters with the same one would be a one-in-479-million coincidence.
      expect(numbers(secondOrder)).not.toEqual(numbers(firstOrder));
      expect([...numbers(firstOrder)].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
      expect(numbers(firstOrder)).not.toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
      for (let i = 0; i < 3; i += 1) {
        expect(numbers((await ballot(hidden.id, first).expect(200)).body)).toEqual(numbers(firstOrder));
        expect(numbers((await ballot(hidden.id, second).expect(200)).body)).toEqual(numbers(secondOrder));
      }
    });

    it('shows a visitor the entries in number order', async () => {
      const entries = (await ballot(hidden.id).expect(200)).body as BallotEntry[];
      expect(numbers(entries)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
      expect(entries.map((e) => e.id)).toEqual(hidden.entries);
    });
  });

  describe('hidden counts (showLiveCounts false)', () => {
    it('hides counts on the ballot, the entry, the contest, the statistics, and refuses results and CSVs (409)', async () => {
      await expectCountsHidden(hidden);
    });

    it('still hides them after voting closed, until the results are published', async () => {
      const contest = await votingContest(ctx, admin, { voterPolicy: 'email' }, 2, { moderator });
      expect((await castVote(ctx, voters[1], contest.id, contest.entries[1])).status).toBe(201);
      await ctx.http
        .patch(`/api/v1/contests/${contest.id}`)
        .set(...bearer(admin))
        .send({ votingClosesAt: iso(-1) })
        .expect(200);
      await expectCountsHidden(contest);

      await ctx.http
        .post(`/api/v1/contests/${contest.id}/results`)
        .set(...bearer(admin))
        .expect(201);
      const entries = (await ballot(contest.id).expect(200)).body as BallotEntry[];
      expect(entries.map((e) => [e.number, e.votes])).toEqual([
        [1, 0],
        [2, 1],
      ]);
      const stats = await ctx.http.get('/api/v1/stats').expect(200);
      expect(stats.body.contestTurnout).toContainEqual({ contestId: contest.id, voters: 1, votes: 1 });
    });

    it('lets voters see their own votes in my-votes, and nothing about others', async () => {
      const mine = await ctx.http
        .get(`/api/v1/contests/${hidden.id}/my-votes`)
        .set(...bearer(voters[1]))
        .expect(200);
      expect(mine.body).toMatchObject({ votesUsed: 1, votesLeft: 1 });
      expect(mine.body.votes).toEqual([
        expect.objectContaining({ entryId: hidden.entries[0], entryNumber: 1 }),
      ]);
      expect(JSON.stringify(mine.body)).not.toContain(voters[0].id);
    });
  });

  describe('live counts (showLiveCounts true)', () => {
    it('shows the counts on the ballot and the entry while voting, but results stay unpublished (409)', async () => {
      const contest = await votingContest(
        ctx,
        admin,
        { voterPolicy: 'email', votesPerVoter: 2, showLiveCounts: true },
        3,
        { moderator },
      );
      for (const [voter, entries] of [
        [voters[0], [0, 1]],
        [voters[1], [0]],
        [voters[2], [0]],
      ] as const) {
        for (const entry of entries) {
          expect((await castVote(ctx, voter, contest.id, contest.entries[entry])).status).toBe(201);
        }
      }

      for (const caller of [undefined, voters[0]]) {
        const entries = (await ballot(contest.id, caller).expect(200)).body as BallotEntry[];
        const byNumber = Object.fromEntries(entries.map((e) => [e.number, e.votes]));
        expect(byNumber).toEqual({ 1: 3, 2: 1, 3: 0 });
      }
      const detail = await ctx.http
        .get(`/api/v1/contests/${contest.id}/entries/${contest.entries[0]}`)
        .expect(200);
      expect(detail.body.votes).toBe(3);
      expectProblem(
        await ctx.http.get(`/api/v1/contests/${contest.id}/results`),
        409,
        'results_not_published',
      );

      const published = await closeAndPublish(ctx, admin, contest.id);
      expect(published.body.turnout).toMatchObject({ voters: 3, votes: 4 });
    });
  });
});
