import { Role } from '../src/common/auth/role';
import { SignalsRetention } from '../src/voting/signals-retention';
import { bearer, TestContext, TestUser } from './support/test-app';
import { auditOf, bulkVoters, castVote, closeAndPublish, votingContest } from './support/voting-helpers';

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

  it('purges the fraud signals of contests published over a year ago, once across instances, audited', async () => {
    const published = async (yearsAgo: number) => {
      const contest = await votingContest(ctx, admin, { voterPolicy: 'email' }, 1, { moderator });
      for (const voter of await bulkVoters(ctx, 3)) {
        const cast = await castVote(ctx, voter, contest.id, contest.entries[0], {
          'User-Agent': 'Browser/1.0',
        });
        expect(cast.status).toBe(201);
      }
      expect((await closeAndPublish(ctx, admin, contest.id)).status).toBe(201);
      await ctx.db.query(
        `UPDATE contests SET entries_open_at = entries_open_at - $2::interval, entries_close_at = entries_close_at - $2::interval,
                voting_opens_at = voting_opens_at - $2::interval, voting_closes_at = voting_closes_at - $2::interval,
                results_published_at = results_published_at - $2::interval
          WHERE id = $1`,
        [contest.id, `${yearsAgo * 365 + 1} days`],
      );
      return contest.id;
    };
    const signalsOf = (contestId: string) =>
      ctx.db.query(
        `SELECT count(*)::int AS votes, count(network_hash)::int AS networks, count(user_agent_hash)::int AS agents,
                count(account_age_days)::int AS ages
           FROM votes WHERE contest_id = $1`,
        [contestId],
      );
    const old = await published(1);
    const recent = await published(0);
    const sha = async (contestId: string) =>
      (await ctx.http.get(`/api/v1/contests/${contestId}/results`).expect(200)).body.ledgerSha256 as string;
    const digestBefore = await sha(old);

    // Two instances poll at the same moment: the contest is claimed by exactly one.
    const other = await ctx.startInstance({ worker: false });
    const passes = await Promise.all([
      ctx.app.get(SignalsRetention).purgeDue(),
      other.get(SignalsRetention).purgeDue(),
    ]);
    expect(passes.flat()).toEqual([old]);

    expect(await signalsOf(old)).toEqual([{ votes: 3, networks: 0, agents: 0, ages: 0 }]);
    expect(await signalsOf(recent)).toEqual([{ votes: 3, networks: 3, agents: 3, ages: 3 }]);
    const audits = (await auditOf(ctx, old)).filter((a) => a.action === 'contest.signals_purged');
    expect(audits).toEqual([expect.objectContaining({ actor_id: null, details: { votes: 3 } })]);
    expect(await sha(old)).toBe(digestBefore);
    const recount = await ctx.http
      .get(`/api/v1/contests/${old}/recount`)
      .set(...bearer(admin))
      .expect(200);
    expect(recount.body.matches).toBe(true);

    expect(await ctx.app.get(SignalsRetention).purgeDue()).toEqual([]);
  });
});
