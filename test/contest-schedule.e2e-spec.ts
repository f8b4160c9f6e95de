import { randomUUID } from 'node:crypto';
import { Role } from '../src/common/auth/role';
import { expectFieldError, expectProblem } from './support/assertions';
import { newContest, newVoter } from './support/contests';
import { bearer, TestContext, TestUser } from './support/test-app';
import { auditOf, castVote, closeAndPublish, HOUR, iso, votingContest } from './support/voting-helpers';

interface ContestRow {
  entries_open_at: Date;
  entries_close_at: Date;
  voting_opens_at: Date;
  voting_closes_at: Date;
  votes_per_voter: number | null;
  voter_policy: string;
  title: Record<string, string>;
}

/** §2 contest phase and schedule rules, §3 POST/PATCH /contests: what an admin may change, and when. */
describe('contest schedule and settings', () => {
  let ctx: TestContext;
  let admin: TestUser;
  let moderator: TestUser;

  const body = (overrides: Record<string, unknown> = {}) => ({
    title: { ru: 'Лучшая практика МСУ' },
    description: { ru: 'Описание конкурса' },
    rules: { ru: 'Правила конкурса' },
    nominations: [{ title: { ru: 'Бюджет' }, winnersCount: 1 }],
    entriesOpenAt: iso(HOUR),
    entriesCloseAt: iso(2 * HOUR),
    votingOpensAt: iso(3 * HOUR),
    votingClosesAt: iso(4 * HOUR),
    ...overrides,
  });
  const create = (payload: Record<string, unknown>, caller: TestUser = admin) =>
    ctx.http
      .post('/api/v1/contests')
      .set(...bearer(caller))
      .send(payload);
  const patch = (id: string, payload: Record<string, unknown>, caller: TestUser = admin) =>
    ctx.http
      .patch(`/api/v1/contests/${id}`)
      .set(...bearer(caller))
      .send(payload);
  const row = async (id: string): Promise<ContestRow> =>
    (await ctx.db.query('SELECT * FROM contests WHERE id = $1', [id]))[0];
  const phaseOf = async (id: string): Promise<string> =>
    (await ctx.http.get(`/api/v1/contests/${id}`).expect(200)).body.phase;

  /** A contest in voting with one vote cast. */
  async function votedContest(overrides: Record<string, unknown> = {}) {
    const contest = await votingContest(ctx, admin, { voterPolicy: 'email', ...overrides }, 1, { moderator });
    expect((await castVote(ctx, await newVoter(ctx), contest.id, contest.entries[0])).status).toBe(201);
    return contest;
  }

  beforeAll(async () => {
    ctx = await TestContext.start();
    admin = await ctx.newUser({ roles: [Role.Admin] });
    moderator = await ctx.newModerator();
  }, 60_000);
  afterAll(() => ctx.close());

  it('creates a contest with the defaults, stores dates in UTC and audits the creation', async () => {
    const created = await create(
      body({
        entriesOpenAt: '2027-03-01T09:00:00+06:00',
        entriesCloseAt: '2027-04-01T18:00:00+06:00',
        votingOpensAt: '2027-04-01T18:00:00+06:00',
        votingClosesAt: '2027-05-01T18:00:00Z',
      }),
    );
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      phase: 'upcoming',
      entriesOpenAt: '2027-03-01T03:00:00.000Z',
      votingOpensAt: '2027-04-01T12:00:00.000Z',
      votesPerVoter: 1,
      voterPolicy: 'verified',
      showLiveCounts: false,
      allowRetract: true,
      resultsPublishedAt: null,
    });
    expect(await auditOf(ctx, created.body.id)).toEqual([
      expect.objectContaining({ action: 'contest.created', actor_id: admin.id }),
    ]);
  });

  it('refuses windows out of order with 400 and creates nothing', async () => {
    const contests = await ctx.count('contests');
    const audits = await ctx.count('audit_log');
    for (const dates of [
      { entriesCloseAt: iso(30 * 60_000) },
      { votingOpensAt: iso(90 * 60_000) },
      { votingClosesAt: iso(150 * 60_000) },
      { entriesOpenAt: iso(5 * HOUR) },
    ]) {
      expectFieldError(await create(body(dates)), 'votingClosesAt', 'windowsOutOfOrder');
    }
    expect(await ctx.count('contests')).toBe(contests);
    expect(await ctx.count('audit_log')).toBe(audits);
  });

  it('refuses an edit that puts the windows out of order with 400, changing nothing', async () => {
    const { id } = await newContest(ctx, admin);
    const before = await row(id);
    expectFieldError(
      await patch(id, { votingClosesAt: iso(90 * 60_000) }),
      'votingClosesAt',
      'windowsOutOfOrder',
    );
    expectFieldError(
      await patch(id, { entriesCloseAt: iso(3 * HOUR) }),
      'votingClosesAt',
      'windowsOutOfOrder',
    );
    expect(await row(id)).toEqual(before);
    expect((await auditOf(ctx, id)).map((a) => a.action)).toEqual(['contest.created']);
  });

  it('refuses dates without an offset with 400', async () => {
    const contests = await ctx.count('contests');
    expectFieldError(await create(body({ entriesOpenAt: '2027-03-01T09:00:00' })), 'entriesOpenAt');
    expectFieldError(await create(body({ votingClosesAt: '2027-05-01' })), 'votingClosesAt');
    expect(await ctx.count('contests')).toBe(contests);
    const { id } = await newContest(ctx, admin);
    const before = await row(id);
    expectFieldError(await patch(id, { votingOpensAt: '2030-01-01T10:00:00' }), 'votingOpensAt');
    expect(await row(id)).toEqual(before);
  });

  it('refuses a text given in no language with 400', async () => {
    const contests = await ctx.count('contests');
    expectFieldError(await create(body({ title: {} })), 'title');
    expectFieldError(await create(body({ rules: {} })), 'rules');
    expectFieldError(
      await create(body({ nominations: [{ title: {}, winnersCount: 1 }] })),
      'nominations.0.title',
    );
    expect(await ctx.count('contests')).toBe(contests);
    const { id } = await newContest(ctx, admin);
    expectFieldError(await patch(id, { description: {} }), 'description');
    expect((await row(id)).title).toMatchObject({ ru: 'Лучшая практика МСУ' });
  });

  it('moves future dates and audits each change with what changed', async () => {
    const { id } = await newContest(ctx, admin);
    const votingOpensAt = iso(5 * HOUR);
    const votingClosesAt = iso(9 * HOUR);
    const moved = await patch(id, { votingOpensAt, votingClosesAt });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ votingOpensAt, votingClosesAt, phase: 'accepting_entries' });
    const stored = await row(id);
    expect(stored.voting_opens_at.toISOString()).toBe(votingOpensAt);
    expect((await patch(id, { title: { en: 'Best practice' } })).status).toBe(200);

    const audit = await auditOf(ctx, id);
    expect(audit.map((a) => [a.action, a.actor_id])).toEqual([
      ['contest.created', admin.id],
      ['contest.updated', admin.id],
      ['contest.updated', admin.id],
    ]);
    expect(JSON.stringify(audit[1].details)).toContain('votingOpensAt');
  });

  it('closes voting early even when votes exist', async () => {
    const contest = await votedContest();
    const closed = await patch(contest.id, { votingClosesAt: iso(-1) });
    expect(closed.status).toBe(200);
    expect(closed.body.phase).toBe('counting');
  });

  it('refuses with 409 to move a date that has passed once votes exist, and never reopens a closed window', async () => {
    const contest = await votedContest();
    const before = await row(contest.id);
    for (const change of [
      { votingOpensAt: iso(-HOUR) },
      { votingOpensAt: iso(HOUR), votingClosesAt: iso(2 * HOUR) },
      { entriesOpenAt: iso(-2 * HOUR) },
      { entriesCloseAt: iso(-30 * 60_000) },
    ]) {
      expectProblem(await patch(contest.id, change), 409, 'closed_window');
    }
    expect(await row(contest.id)).toEqual(before);

    expect((await patch(contest.id, { votingClosesAt: iso(-1) })).status).toBe(200);
    const closed = await row(contest.id);
    expectProblem(await patch(contest.id, { votingClosesAt: iso(HOUR) }), 409, 'closed_window');
    expect(await row(contest.id)).toEqual(closed);
    expect(await phaseOf(contest.id)).toBe('counting');
    expect((await auditOf(ctx, contest.id)).filter((a) => a.action === 'contest.updated')).toHaveLength(2);
  });

  it('lets a past date move while no vote exists', async () => {
    const contest = await votingContest(ctx, admin, { voterPolicy: 'email' }, 1, { moderator });
    expect(
      (await patch(contest.id, { votingOpensAt: iso(HOUR), votingClosesAt: iso(2 * HOUR) })).status,
    ).toBe(200);
    expect(await phaseOf(contest.id)).toBe('reviewing');
    expect((await patch(contest.id, { votingOpensAt: iso(-1000), votingClosesAt: iso(-500) })).status).toBe(
      200,
    );
    expect(await phaseOf(contest.id)).toBe('counting');
    expect((await patch(contest.id, { votingClosesAt: iso(HOUR) })).status).toBe(200);
    expect(await phaseOf(contest.id)).toBe('voting');
  });

  it('refuses to change votesPerVoter or voterPolicy during voting and counting with 409', async () => {
    const { id } = await newContest(ctx, admin);
    expect((await patch(id, { votesPerVoter: 3, voterPolicy: 'email' })).status).toBe(200);
    expect((await patch(id, { votesPerVoter: null })).body.votesPerVoter).toBeNull();

    const voting = await votingContest(ctx, admin, { votesPerVoter: 2 }, 1, { moderator });
    for (const phase of ['voting', 'counting']) {
      if (phase === 'counting') {
        expect((await patch(voting.id, { votingClosesAt: iso(-1) })).status).toBe(200);
      }
      expect(await phaseOf(voting.id)).toBe(phase);
      const before = await row(voting.id);
      expectProblem(await patch(voting.id, { votesPerVoter: 5 }), 409, 'settings_locked');
      expectProblem(await patch(voting.id, { voterPolicy: 'email' }), 409, 'settings_locked');
      expectProblem(await patch(voting.id, { votesPerVoter: null }), 409, 'settings_locked');
      expect(await row(voting.id)).toEqual(before);
    }
  });

  it('refuses every change after publication with 409', async () => {
    const contest = await votingContest(ctx, admin, { voterPolicy: 'email' }, 1, { moderator });
    expect((await closeAndPublish(ctx, admin, contest.id)).status).toBe(201);
    const before = await row(contest.id);
    for (const change of [
      { title: { ru: 'Новое название' } },
      { votingClosesAt: iso(HOUR) },
      { allowRetract: false },
      { entriesOpenAt: iso(-10 * HOUR) },
    ]) {
      expectProblem(await patch(contest.id, change), 409, 'results_published');
    }
    expect(await row(contest.id)).toEqual(before);
  });

  it('refuses non-admins with 403 (and visitors with 401), changing nothing', async () => {
    const { id } = await newContest(ctx, admin);
    const before = await row(id);
    const contests = await ctx.count('contests');
    const citizen = await ctx.newUser();
    const representative = await ctx.newRepresentative('M-DOSTUK');
    for (const caller of [moderator, citizen, representative]) {
      expectProblem(await create(body(), caller), 403, 'forbidden');
      expectProblem(await patch(id, { votingClosesAt: iso(10 * HOUR) }, caller), 403, 'forbidden');
    }
    expectProblem(await ctx.http.post('/api/v1/contests').send(body()), 401, 'unauthenticated');
    expectProblem(await ctx.http.patch(`/api/v1/contests/${id}`).send({}), 401, 'unauthenticated');
    expect(await ctx.count('contests')).toBe(contests);
    expect(await row(id)).toEqual(before);
    expect((await auditOf(ctx, id)).map((a) => a.action)).toEqual(['contest.created']);
  });

  it('answers 404 for an unknown contest', async () => {
    expectProblem(await patch(randomUUID(), { showLiveCounts: true }), 404, 'contest_not_found');
    expectProblem(await ctx.http.get(`/api/v1/contests/${randomUUID()}`), 404, 'contest_not_found');
    expectProblem(await ctx.http.get('/api/v1/contests/nope'), 404, 'not_found');
  });
});
