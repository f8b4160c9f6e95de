import { randomUUID } from 'node:crypto';
import { Response } from 'supertest';
import { Role } from '../src/common/auth/role';
import { expectProblem } from './support/assertions';
import { newContest, newVoter, openVoting } from './support/contests';
import { bearer, TestContext, TestUser } from './support/test-app';
import {
  auditOf,
  castVote,
  decideEntry,
  enterPractice,
  footprint,
  iso,
  quickEntries,
  retractVote,
  votingContest,
  VotingContest,
} from './support/voting-helpers';

/** §3.1 "refusing a vote": who may vote where, with which status, and that a refusal writes nothing. */
describe('voting eligibility', () => {
  let ctx: TestContext;
  let admin: TestUser;
  let moderator: TestUser;
  /** `verified` policy, voting open: entries 1–3 accepted, one rejected, one pending. */
  let verified: VotingContest & { rejected: string; pending: string };
  /** `email` policy, voting open. */
  let open: VotingContest;
  /** Accepting entries: voting has not started. */
  let early: VotingContest;

  /** Runs `action` and checks the voter's footprint (votes, ballots, receipts, audit) did not change. */
  async function refusedWithoutTrace(voter: TestUser, action: () => Promise<Response>): Promise<Response> {
    const before = await footprint(ctx, voter);
    const votesBefore = await ctx.count('votes');
    const response = await action();
    expect(await footprint(ctx, voter)).toEqual(before);
    expect(await ctx.count('votes')).toBe(votesBefore);
    return response;
  }

  beforeAll(async () => {
    ctx = await TestContext.start();
    admin = await ctx.newUser({ roles: [Role.Admin] });
    moderator = await ctx.newModerator();

    const contest = await newContest(ctx, admin, { votesPerVoter: 2 });
    const owner = await ctx.newRepresentative('M-SADOVOE');
    const entries = await quickEntries(ctx, contest.id, contest.nominationIds[0], 3, { owner, moderator });
    const [rejectedPractice, pendingPractice] = await Promise.all([
      ctx.newPractice(owner, 'published', { title: 'Отклонённая заявка' }),
      ctx.newPractice(owner, 'published', { title: 'Заявка без решения' }),
    ]);
    const nominationId = contest.nominationIds[0];
    const rejected = (
      await enterPractice(ctx, owner, contest.id, { practiceId: rejectedPractice.id, nominationId })
    ).body.id as string;
    const pending = (
      await enterPractice(ctx, owner, contest.id, { practiceId: pendingPractice.id, nominationId })
    ).body.id as string;
    expect(
      (
        await decideEntry(ctx, moderator, contest.id, rejected, {
          action: 'reject',
          reason: 'Не по теме конкурса',
        })
      ).status,
    ).toBe(200);
    await openVoting(ctx, admin, contest.id);
    verified = { ...contest, entries, rejected, pending };

    open = await votingContest(ctx, admin, { voterPolicy: 'email', votesPerVoter: 2 }, 2, { moderator });
    const upcoming = await newContest(ctx, admin, { voterPolicy: 'email' });
    early = {
      ...upcoming,
      entries: await quickEntries(ctx, upcoming.id, upcoming.nominationIds[0], 1, { moderator }),
    };
  }, 120_000);
  afterAll(() => ctx.close());

  it('refuses an unconfirmed account with 403, even where any confirmed account may vote', async () => {
    const unconfirmed = await ctx.newUser({ confirmed: false });
    await ctx.db.query('UPDATE users SET voter_verified_at = now() WHERE id = $1', [unconfirmed.id]);
    for (const [contest, entry] of [
      [open.id, open.entries[0]],
      [verified.id, verified.entries[0]],
    ]) {
      const response = await refusedWithoutTrace(unconfirmed, () =>
        castVote(ctx, unconfirmed, contest, entry),
      );
      expectProblem(response, 403, 'email_not_confirmed');
    }
  });

  it('refuses an unverified voter with 403 under the verified policy', async () => {
    const voter = await newVoter(ctx, false);
    const response = await refusedWithoutTrace(voter, () =>
      castVote(ctx, voter, verified.id, verified.entries[0]),
    );
    expectProblem(response, 403, 'voter_not_verified');
  });

  it('accepts a verified voter under the verified policy, and any confirmed voter under the email policy', async () => {
    const verifiedVoter = await newVoter(ctx, true);
    expect((await castVote(ctx, verifiedVoter, verified.id, verified.entries[0])).status).toBe(201);
    const plainVoter = await newVoter(ctx, false);
    expect((await castVote(ctx, plainVoter, open.id, open.entries[0])).status).toBe(201);
    expect(await footprint(ctx, plainVoter)).toMatchObject({
      votes: 1,
      ballots: 1,
      votesUsed: 1,
      receipts: 1,
    });
  });

  it('refuses a blocked voter with 401: their token is dead for casting and retracting', async () => {
    const voter = await newVoter(ctx, true);
    expect((await castVote(ctx, voter, verified.id, verified.entries[0])).status).toBe(201);
    await ctx.http
      .patch(`/api/v1/admin/users/${voter.id}`)
      .set(...bearer(admin))
      .send({ blocked: true })
      .expect(200);

    expectProblem(
      await refusedWithoutTrace(voter, () => castVote(ctx, voter, verified.id, verified.entries[1])),
      401,
      'unauthenticated',
    );
    expectProblem(
      await refusedWithoutTrace(voter, () => retractVote(ctx, voter, verified.id, verified.entries[0])),
      401,
      'unauthenticated',
    );
    expect(await footprint(ctx, voter)).toMatchObject({ votes: 1, votesUsed: 1 });
  });

  it('refuses a cast before the voting window with 409', async () => {
    const voter = await newVoter(ctx, true);
    const response = await refusedWithoutTrace(voter, () => castVote(ctx, voter, early.id, early.entries[0]));
    expectProblem(response, 409, 'voting_not_open');
  });

  it('refuses casting and retracting after the window and after publication with 409, keeping the vote', async () => {
    const contest = await votingContest(ctx, admin, { voterPolicy: 'email' }, 2, { moderator });
    const voter = await newVoter(ctx, true);
    expect((await castVote(ctx, voter, contest.id, contest.entries[0])).status).toBe(201);
    await ctx.http
      .patch(`/api/v1/contests/${contest.id}`)
      .set(...bearer(admin))
      .send({ votingClosesAt: iso(-1) })
      .expect(200);
    const late = await newVoter(ctx, true);

    expectProblem(
      await refusedWithoutTrace(late, () => castVote(ctx, late, contest.id, contest.entries[1])),
      409,
      'voting_not_open',
    );
    expectProblem(
      await refusedWithoutTrace(voter, () => castVote(ctx, voter, contest.id, contest.entries[1])),
      409,
      'voting_not_open',
    );
    expectProblem(
      await refusedWithoutTrace(voter, () => retractVote(ctx, voter, contest.id, contest.entries[0])),
      409,
      'voting_not_open',
    );

    await ctx.http
      .post(`/api/v1/contests/${contest.id}/results`)
      .set(...bearer(admin))
      .expect(201);
    expect(
      (await refusedWithoutTrace(late, () => castVote(ctx, late, contest.id, contest.entries[1]))).status,
    ).toBe(409);
    expect(
      (await refusedWithoutTrace(voter, () => retractVote(ctx, voter, contest.id, contest.entries[0])))
        .status,
    ).toBe(409);
  });

  it('refuses a rejected entry and a pending entry with 409: only accepted entries are on the ballot', async () => {
    const voter = await newVoter(ctx, true);
    for (const entry of [verified.rejected, verified.pending]) {
      const response = await refusedWithoutTrace(voter, () => castVote(ctx, voter, verified.id, entry));
      expectProblem(response, 409, 'entry_not_on_ballot');
    }
  });

  it("refuses another contest's entry with 404", async () => {
    const voter = await newVoter(ctx, true);
    const response = await refusedWithoutTrace(voter, () =>
      castVote(ctx, voter, verified.id, open.entries[0]),
    );
    expectProblem(response, 404, 'entry_not_found');
    const unknownEntry = await refusedWithoutTrace(voter, () =>
      castVote(ctx, voter, verified.id, randomUUID()),
    );
    expectProblem(unknownEntry, 404, 'entry_not_found');
  });

  it('refuses an unknown contest and malformed ids with 404', async () => {
    const voter = await newVoter(ctx, true);
    expectProblem(
      await refusedWithoutTrace(voter, () => castVote(ctx, voter, randomUUID(), verified.entries[0])),
      404,
      'contest_not_found',
    );
    for (const [contest, entry] of [
      ['not-a-uuid', verified.entries[0]],
      [verified.id, '12345'],
      [`${verified.id}x`, verified.entries[0]],
    ]) {
      expectProblem(
        await refusedWithoutTrace(voter, () => castVote(ctx, voter, contest, entry)),
        404,
        'not_found',
      );
      expectProblem(
        await refusedWithoutTrace(voter, () => retractVote(ctx, voter, contest, entry)),
        404,
        'not_found',
      );
    }
  });

  it('refuses a retraction with 409 where the contest does not allow it, keeping the vote', async () => {
    const contest = await votingContest(ctx, admin, { voterPolicy: 'email', allowRetract: false }, 1, {
      moderator,
    });
    const voter = await newVoter(ctx, true);
    expect((await castVote(ctx, voter, contest.id, contest.entries[0])).status).toBe(201);

    const response = await refusedWithoutTrace(voter, () =>
      retractVote(ctx, voter, contest.id, contest.entries[0]),
    );
    expectProblem(response, 409, 'retract_not_allowed');
    expect(await footprint(ctx, voter)).toMatchObject({ votes: 1, votesUsed: 1 });
  });

  it('refuses to retract a vote the voter does not have with 404', async () => {
    const voter = await newVoter(ctx, true);
    const other = await newVoter(ctx, true);
    expect((await castVote(ctx, other, verified.id, verified.entries[2])).status).toBe(201);
    const votesOfOther = await footprint(ctx, other);

    expectProblem(
      await refusedWithoutTrace(voter, () => retractVote(ctx, voter, verified.id, verified.entries[2])),
      404,
      'vote_not_found',
    );
    expect(await footprint(ctx, other)).toEqual(votesOfOther);
  });

  it('retracts an own vote with 204, audited, and gives the vote back', async () => {
    const voter = await newVoter(ctx, true);
    const cast = await castVote(ctx, voter, verified.id, verified.entries[1]);
    expect(cast.status).toBe(201);
    expect((await retractVote(ctx, voter, verified.id, verified.entries[1])).status).toBe(204);
    expect(await footprint(ctx, voter)).toMatchObject({ votes: 0, votesUsed: 0 });
    expect(await auditOf(ctx, cast.body.voteId)).toEqual([
      expect.objectContaining({ action: 'vote.retracted', actor_id: voter.id }),
    ]);
    expect((await castVote(ctx, voter, verified.id, verified.entries[1])).status).toBe(201);
  });
});

describe('voting rate limit per voter', () => {
  let ctx: TestContext;
  let admin: TestUser;

  beforeAll(async () => {
    ctx = await TestContext.start({ RATE_LIMIT_VOTES_PER_VOTER_PER_MINUTE: '3' });
    admin = await ctx.newUser({ roles: [Role.Admin] });
  }, 60_000);
  afterAll(() => ctx.close());

  it('answers the cast past the limit with 429 and Retry-After, writes nothing, and spares other voters', async () => {
    const contest = await votingContest(ctx, admin, { voterPolicy: 'email', votesPerVoter: null }, 5);
    const voter = await newVoter(ctx, true);
    for (const entry of contest.entries.slice(0, 3)) {
      expect((await castVote(ctx, voter, contest.id, entry)).status).toBe(201);
    }
    const before = await footprint(ctx, voter);

    const limited = await castVote(ctx, voter, contest.id, contest.entries[3]);

    expectProblem(limited, 429, 'rate_limited');
    const retryAfter = Number(limited.headers['retry-after']);
    expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60).toBe(true);
    expect(await footprint(ctx, voter)).toEqual(before);
    expect(await ctx.count('votes', 'voter_id = $1 AND entry_id = $2', [voter.id, contest.entries[3]])).toBe(
      0,
    );
    const other = await newVoter(ctx, true);
    expect((await castVote(ctx, other, contest.id, contest.entries[3])).status).toBe(201);
  });
});
