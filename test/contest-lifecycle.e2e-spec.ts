import { createHash } from 'node:crypto';
import { Role } from '../src/common/auth/role';
import { acceptedEntries, closeVoting, newContest, newVoter, openVoting } from './support/contests';
import { bearer, TestContext, TestUser } from './support/test-app';

describe('contest lifecycle', () => {
  let ctx: TestContext;
  let admin: TestUser;

  beforeAll(async () => {
    ctx = await TestContext.start();
    admin = await ctx.newUser({ roles: [Role.Admin] });
  });
  afterAll(() => ctx.close());

  it('runs from entries to published results whose ledger digest anyone can recompute', async () => {
    const contest = await newContest(ctx, admin, { votesPerVoter: 2 });
    const [budget] = contest.nominationIds;
    const entries = await acceptedEntries(ctx, admin, contest.id, budget, 3);
    const ballotBefore = await ctx.http.get(`/api/v1/contests/${contest.id}/entries`).expect(200);
    expect(ballotBefore.body.map((e: { number: number }) => e.number)).toEqual([1, 2, 3]);

    await openVoting(ctx, admin, contest.id);
    expect((await ctx.http.get(`/api/v1/contests/${contest.id}`)).body.phase).toBe('voting');

    const voters = await Promise.all([newVoter(ctx), newVoter(ctx), newVoter(ctx)]);
    const vote = (voter: TestUser, entryId: string) =>
      ctx.http
        .post(`/api/v1/contests/${contest.id}/entries/${entryId}/vote`)
        .set(...bearer(voter))
        .send({});
    expect((await vote(voters[0], entries[0])).status).toBe(201);
    expect((await vote(voters[0], entries[0])).status).toBe(200);
    expect((await vote(voters[0], entries[1])).status).toBe(201);
    expect((await vote(voters[0], entries[2])).status).toBe(409);
    expect((await vote(voters[1], entries[1])).status).toBe(201);
    expect((await vote(voters[2], entries[2])).status).toBe(201);
    await ctx.http
      .delete(`/api/v1/contests/${contest.id}/entries/${entries[2]}/vote`)
      .set(...bearer(voters[2]))
      .expect(204);
    expect((await vote(voters[2], entries[1])).status).toBe(201);

    const mine = await ctx.http
      .get(`/api/v1/contests/${contest.id}/my-votes`)
      .set(...bearer(voters[0]))
      .expect(200);
    expect(mine.body).toMatchObject({ votesUsed: 2, votesLeft: 0 });
    const receipt = await ctx.mail.waitForContaining(voters[0].email, mine.body.pseudonym);
    expect(receipt.subject).toContain('Best LSG practice');

    // Counts stay hidden while voting is open, and results are not there yet.
    const ballot = await ctx.http
      .get(`/api/v1/contests/${contest.id}/entries`)
      .set(...bearer(voters[1]))
      .expect(200);
    expect(ballot.body.every((e: object) => !('votes' in e))).toBe(true);
    await ctx.http.get(`/api/v1/contests/${contest.id}/results`).expect(409);
    await ctx.http.get(`/api/v1/contests/${contest.id}/ledger.csv`).expect(409);

    await closeVoting(ctx, admin, contest.id);
    const published = await ctx.http
      .post(`/api/v1/contests/${contest.id}/results`)
      .set(...bearer(admin))
      .expect(201);
    const ranking = published.body.nominations[0].ranking;
    expect(ranking.map((e: { entryNumber: number; votes: number }) => [e.entryNumber, e.votes])).toEqual([
      [2, 3],
      [1, 1],
      [3, 0],
    ]);
    expect(ranking.map((e: { winner: boolean }) => e.winner)).toEqual([true, true, false]);
    expect(published.body.turnout).toMatchObject({ voters: 3, votes: 4, annulledVotes: 0 });

    const ledger = await ctx.http.get(`/api/v1/contests/${contest.id}/ledger.csv`).expect(200);
    const bytes = ledger.text;
    expect(createHash('sha256').update(Buffer.from(bytes, 'utf8')).digest('hex')).toBe(
      published.body.ledgerSha256,
    );
    const lines = bytes.split('\n');
    expect(lines[0]).toBe('entry_number,voter_pseudonym,cast_at,annulled');
    expect(lines.filter(Boolean)).toHaveLength(5);
    expect(bytes.endsWith('\n')).toBe(true);
    expect(
      lines
        .slice(1, -1)
        .every((line) => /^\d+,[0-9a-f]{24},\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z,(true|false)$/.test(line)),
    ).toBe(true);
    expect(bytes).toContain(mine.body.pseudonym);
    const csv = await ctx.http.get(`/api/v1/contests/${contest.id}/results.csv`).expect(200);
    expect(csv.text).toContain('Бюджет,1,2,');

    const recount = await ctx.http
      .get(`/api/v1/contests/${contest.id}/recount`)
      .set(...bearer(admin))
      .expect(200);
    expect(recount.body).toMatchObject({ matches: true, differences: [] });
    // Published results are immutable.
    await ctx.http
      .patch(`/api/v1/contests/${contest.id}`)
      .set(...bearer(admin))
      .send({ showLiveCounts: true })
      .expect(409);
    await ctx.http
      .post(`/api/v1/contests/${contest.id}/results`)
      .set(...bearer(admin))
      .expect(409);
    const after = await ctx.http.get(`/api/v1/contests/${contest.id}/entries`).expect(200);
    expect(after.body.find((e: { number: number }) => e.number === 2).votes).toBe(3);
  });
});
