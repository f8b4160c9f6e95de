import { Role } from '../src/common/auth/role';
import { bearer, TestContext, TestUser } from './support/test-app';
import { bulkVoters, castVote, closeAndPublish, votingContest } from './support/voting-helpers';

/** Issue 8 finding 15: per-entry fraud figures are partial tallies; before publication only admins see them. */
describe('fraud signals before publication', () => {
  let ctx: TestContext;
  let admin: TestUser;
  let moderator: TestUser;

  const signalsAs = async (caller: TestUser, contestId: string) =>
    (
      await ctx.http
        .get(`/api/v1/contests/${contestId}/signals`)
        .set(...bearer(caller))
        .expect(200)
    ).body;

  beforeAll(async () => {
    ctx = await TestContext.start();
    admin = await ctx.newUser({ roles: [Role.Admin] });
    moderator = await ctx.newModerator();
  }, 60_000);
  afterAll(() => ctx.close());

  it('gives moderators no bursts and no entry of young accounts while voting is open; admins all; everyone after publication', async () => {
    const contest = await votingContest(ctx, admin, { voterPolicy: 'email' }, 2, { moderator });
    // Twenty young accounts for entry 1 within minutes: a burst, and twenty young-account votes.
    for (const voter of await bulkVoters(ctx, 20)) {
      expect((await castVote(ctx, voter, contest.id, contest.entries[0])).status).toBe(201);
    }

    const seenByModerator = await signalsAs(moderator, contest.id);
    expect(seenByModerator).not.toHaveProperty('bursts');
    expect(seenByModerator.youngAccounts).toHaveLength(20);
    for (const vote of seenByModerator.youngAccounts) {
      expect(vote).not.toHaveProperty('entryNumber');
    }
    expect(JSON.stringify(seenByModerator)).not.toContain('entryNumber');

    const seenByAdmin = await signalsAs(admin, contest.id);
    expect(seenByAdmin.bursts).toEqual([expect.objectContaining({ entryNumber: 1, votes: 20 })]);
    expect(seenByAdmin.youngAccounts[0]).toMatchObject({ entryNumber: 1 });

    expect((await closeAndPublish(ctx, admin, contest.id)).status).toBe(201);
    const afterPublication = await signalsAs(moderator, contest.id);
    expect(afterPublication.bursts).toEqual([expect.objectContaining({ entryNumber: 1, votes: 20 })]);
    expect(afterPublication.youngAccounts[0]).toMatchObject({ entryNumber: 1 });
  });
});
