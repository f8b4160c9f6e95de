import { NestFastifyApplication } from '@nestjs/platform-fastify';
import request, { Response } from 'supertest';
import { Role } from '../src/common/auth/role';
import { expectProblem } from './support/assertions';
import { newVoter } from './support/contests';
import { bearer, TestContext, TestUser } from './support/test-app';
import {
  bulkVoters,
  castVote,
  closeAndPublish,
  footprint,
  retractVote,
  votingContest,
} from './support/voting-helpers';

const statusesOf = (responses: Response[]) => responses.map((r) => r.status);
const countOf = (responses: Response[], status: number) =>
  responses.filter((r) => r.status === status).length;

/**
 * §2 "a voter's votes in one contest never exceed its limit, under any concurrency" and §5 "vote
 * limits and uniqueness are enforced by the database": simultaneous requests against real PostgreSQL.
 */
describe('voting under concurrency', () => {
  let ctx: TestContext;
  let admin: TestUser;

  beforeAll(async () => {
    ctx = await TestContext.start();
    admin = await ctx.newUser({ roles: [Role.Admin] });
  }, 60_000);
  afterAll(() => ctx.close());

  it('lets a voter with 3 votes win exactly 3 of 20 simultaneous casts for 20 different entries', async () => {
    const contest = await votingContest(ctx, admin, { votesPerVoter: 3 }, 20);
    const voter = await newVoter(ctx);

    const responses = await Promise.all(
      contest.entries.map((entryId) => castVote(ctx, voter, contest.id, entryId)),
    );

    expect(countOf(responses, 201)).toBe(3);
    expect(countOf(responses, 409)).toBe(17);
    responses.filter((r) => r.status === 409).forEach((r) => expectProblem(r, 409, 'vote_limit_reached'));
    expect(await footprint(ctx, voter)).toEqual({
      votes: 3,
      ballots: 1,
      votesUsed: 3,
      receipts: 3,
      emails: 3,
      audits: 0,
    });
    const stored: { entry_id: string }[] = await ctx.db.query(
      'SELECT entry_id FROM votes WHERE voter_id = $1',
      [voter.id],
    );
    const won = responses.filter((r) => r.status === 201).map((r) => r.body.entryId as string);
    expect(stored.map((row) => row.entry_id).sort()).toEqual(won.sort());
    const mine = await ctx.http
      .get(`/api/v1/contests/${contest.id}/my-votes`)
      .set(...bearer(voter))
      .expect(200);
    expect(mine.body).toMatchObject({ votesUsed: 3, votesLeft: 0 });
  });

  it('turns 10 simultaneous identical casts into one 201, nine 200s with the same receipt, and one row', async () => {
    const contest = await votingContest(ctx, admin, { votesPerVoter: 2 }, 2);
    const voter = await newVoter(ctx);

    const responses = await Promise.all(
      Array.from({ length: 10 }, () => castVote(ctx, voter, contest.id, contest.entries[0])),
    );

    expect(statusesOf(responses).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
    expect(new Set(responses.map((r) => r.body.voteId as string)).size).toBe(1);
    expect(await footprint(ctx, voter)).toEqual({
      votes: 1,
      ballots: 1,
      votesUsed: 1,
      receipts: 1,
      emails: 1,
      audits: 0,
    });
    // The duplicates did not use up the second vote.
    expect((await castVote(ctx, voter, contest.id, contest.entries[1])).status).toBe(201);
  });

  it('holds the limit when the simultaneous casts arrive through two instances', async () => {
    const contest = await votingContest(ctx, admin, { votesPerVoter: 2 }, 8);
    const voter = await newVoter(ctx);
    const other: NestFastifyApplication = await ctx.startInstance({ worker: false });
    const through = (app: NestFastifyApplication, entryId: string) =>
      request(app.getHttpServer())
        .post(`/api/v1/contests/${contest.id}/entries/${entryId}/vote`)
        .set(...bearer(voter))
        .send({});

    const responses = await Promise.all(
      contest.entries.flatMap((entryId) => [through(ctx.app, entryId), through(other, entryId)]),
    );

    expect(countOf(responses, 201)).toBe(2);
    expect(countOf(responses, 201) + countOf(responses, 200) + countOf(responses, 409)).toBe(16);
    expect(await footprint(ctx, voter)).toMatchObject({ votes: 2, ballots: 1, votesUsed: 2, receipts: 2 });
  });

  it('keeps the ballot counter equal to the votes when retractions race with new casts', async () => {
    const contest = await votingContest(ctx, admin, { votesPerVoter: 1 }, 3);
    const voter = await newVoter(ctx);
    const [a, b, c] = contest.entries;
    expect((await castVote(ctx, voter, contest.id, a)).status).toBe(201);

    for (let round = 0; round < 8; round += 1) {
      const held: { entry_id: string }[] = await ctx.db.query(
        'SELECT entry_id FROM votes WHERE voter_id = $1',
        [voter.id],
      );
      const current = held[0]?.entry_id ?? a;
      const others = [a, b, c].filter((id) => id !== current);
      const responses = await Promise.all([
        retractVote(ctx, voter, contest.id, current),
        castVote(ctx, voter, contest.id, others[0]),
        castVote(ctx, voter, contest.id, others[1]),
      ]);
      expect(statusesOf(responses).every((s) => [200, 201, 204, 404, 409].includes(s))).toBe(true);
      const state = await footprint(ctx, voter);
      expect(state.votes).toBeLessThanOrEqual(1);
      expect(state.votesUsed).toBe(state.votes);
    }
  });

  it('counts exactly the 201 responses when 200 voters cast at once', async () => {
    const contest = await votingContest(ctx, admin, { votesPerVoter: 1 }, 4);
    const voters = await bulkVoters(ctx, 200, { verified: true });

    const responses = await Promise.all(
      voters.map((voter, i) => castVote(ctx, voter, contest.id, contest.entries[i % 4])),
    );

    // Every cast succeeds, or (only if the pool is saturated) is shed with 503: never anything else.
    const unexpected = responses.filter((r) => r.status !== 201 && r.status !== 503);
    expect(unexpected.map((r) => [r.status, r.body.code])).toEqual([]);
    const created = countOf(responses, 201);
    expect(created).toBeGreaterThan(0);
    expect(await ctx.count('votes', 'contest_id = $1', [contest.id])).toBe(created);
    expect(await ctx.count('voter_ballots', 'contest_id = $1 AND votes_used = 1', [contest.id])).toBe(
      created,
    );
    const expectedPerEntry = contest.entries.map(
      (_, entry) => responses.filter((r, i) => r.status === 201 && i % 4 === entry).length,
    );

    const published = await closeAndPublish(ctx, admin, contest.id);
    expect(published.status).toBe(201);
    expect(published.body.turnout).toMatchObject({ voters: created, votes: created, annulledVotes: 0 });
    const ranking = published.body.nominations[0].ranking as { entryNumber: number; votes: number }[];
    expect(ranking.reduce((sum, e) => sum + e.votes, 0)).toBe(created);
    expect(ranking.map((e) => e.votes)).toEqual(ranking.map((e) => expectedPerEntry[e.entryNumber - 1]));
  }, 60_000);
});
