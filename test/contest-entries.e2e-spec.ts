import { randomUUID } from 'node:crypto';
import { Role } from '../src/common/auth/role';
import { expectFieldError, expectProblem } from './support/assertions';
import { newContest, openVoting } from './support/contests';
import { bearer, TestContext, TestRepresentative, TestUser } from './support/test-app';
import { auditOf, decideEntry, enterPractice, HOUR, iso, waitForMail } from './support/voting-helpers';

interface EntryRow {
  status: string;
  number: number | null;
  decided_by: string | null;
  reason: string | null;
}

/** §2 entries and §3 POST /contests/:id/entries, …/decision: who enters what, when, and how numbers are given. */
describe('contest entries', () => {
  let ctx: TestContext;
  let admin: TestUser;
  let moderator: TestUser;
  let rep: TestRepresentative;
  let contest: { id: string; nominationIds: string[] };

  const entryRow = async (id: string): Promise<EntryRow> =>
    (
      await ctx.db.query('SELECT status, number, decided_by, reason FROM contest_entries WHERE id = $1', [id])
    )[0];
  const entriesOf = (contestId: string) => ctx.count('contest_entries', 'contest_id = $1', [contestId]);

  beforeAll(async () => {
    ctx = await TestContext.start();
    admin = await ctx.newUser({ roles: [Role.Admin] });
    moderator = await ctx.newModerator();
    rep = await ctx.newRepresentative('M-DOSTUK', { fullName: 'Айгуль Представитель' });
    contest = await newContest(ctx, admin);
  }, 60_000);
  afterAll(() => ctx.close());

  it('enters a published practice of the own municipality as a pending entry', async () => {
    const practice = await ctx.newPractice(rep, 'published');
    const response = await enterPractice(ctx, rep, contest.id, {
      practiceId: practice.id,
      nominationId: contest.nominationIds[1],
    });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      contestId: contest.id,
      nominationId: contest.nominationIds[1],
      status: 'pending',
      number: null,
      practice: { id: practice.id },
      municipality: { id: rep.municipalityId },
    });
    expect(response.body).not.toHaveProperty('votes');
  });

  it('shows a pending entry only to moderators and its representative, never to visitors or other citizens', async () => {
    const practice = await ctx.newPractice(rep, 'published');
    const entered = await enterPractice(ctx, rep, contest.id, {
      practiceId: practice.id,
      nominationId: contest.nominationIds[0],
    });
    const path = `/api/v1/contests/${contest.id}/entries/${entered.body.id}`;
    expectProblem(await ctx.http.get(path), 404, 'entry_not_found');
    expectProblem(await ctx.http.get(path).set(...bearer(await ctx.newUser())), 404, 'entry_not_found');
    expect((await ctx.http.get(path).set(...bearer(rep))).status).toBe(200);
    expect((await ctx.http.get(path).set(...bearer(moderator))).status).toBe(200);
  });

  it('shows a pending entry to every representative of its municipality, not only the one who entered it', async () => {
    const colleague = await ctx.newRepresentative('M-DOSTUK');
    const practice = await ctx.newPractice(rep, 'published');
    const entered = await enterPractice(ctx, rep, contest.id, {
      practiceId: practice.id,
      nominationId: contest.nominationIds[0],
    });
    const response = await ctx.http
      .get(`/api/v1/contests/${contest.id}/entries/${entered.body.id}`)
      .set(...bearer(colleague));
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ id: entered.body.id, status: 'pending' });
  });

  it('accepts entries only while the contest accepts them (409 before and after)', async () => {
    const practice = await ctx.newPractice(rep, 'published');
    const upcoming = await newContest(ctx, admin, {
      entriesOpenAt: iso(HOUR),
      entriesCloseAt: iso(2 * HOUR),
      votingOpensAt: iso(3 * HOUR),
      votingClosesAt: iso(4 * HOUR),
    });
    const reviewing = await newContest(ctx, admin, { entriesCloseAt: iso(-1000) });
    const voting = await newContest(ctx, admin);
    await openVoting(ctx, admin, voting.id);
    for (const target of [upcoming, reviewing, voting]) {
      const response = await enterPractice(ctx, rep, target.id, {
        practiceId: practice.id,
        nominationId: target.nominationIds[0],
      });
      expectProblem(response, 409, 'wrong_phase');
      expect(await entriesOf(target.id)).toBe(0);
    }
  });

  it('refuses a practice that is not published with 409', async () => {
    for (const status of ['draft', 'submitted'] as const) {
      const practice = await ctx.newPractice(rep, status);
      const before = await entriesOf(contest.id);
      expectProblem(
        await enterPractice(ctx, rep, contest.id, {
          practiceId: practice.id,
          nominationId: contest.nominationIds[0],
        }),
        409,
        'practice_not_published',
      );
      expect(await entriesOf(contest.id)).toBe(before);
    }
  });

  it("refuses another municipality's practice: 404 when unpublished (not even disclosed), 403 when published", async () => {
    const stranger = await ctx.newRepresentative('M-KOSHDOBO');
    const draft = await ctx.newPractice(rep, 'draft');
    const submitted = await ctx.newPractice(rep, 'submitted');
    const published = await ctx.newPractice(rep, 'published');
    const before = await entriesOf(contest.id);
    const enter = (practiceId: string) =>
      enterPractice(ctx, stranger, contest.id, { practiceId, nominationId: contest.nominationIds[0] });

    expectProblem(await enter(draft.id), 404, 'practice_not_found');
    expectProblem(await enter(submitted.id), 404, 'practice_not_found');
    expectProblem(await enter(randomUUID()), 404, 'practice_not_found');
    expectProblem(await enter(published.id), 403, 'not_practice_owner');
    const citizen = await ctx.newUser();
    expectProblem(
      await enterPractice(ctx, citizen, contest.id, {
        practiceId: published.id,
        nominationId: contest.nominationIds[0],
      }),
      403,
      'not_practice_owner',
    );
    expect(await entriesOf(contest.id)).toBe(before);
  });

  it('enters a practice at most once per contest, whatever the nomination (409)', async () => {
    const practice = await ctx.newPractice(rep, 'published');
    const [first, second] = contest.nominationIds;
    expect(
      (await enterPractice(ctx, rep, contest.id, { practiceId: practice.id, nominationId: first })).status,
    ).toBe(201);
    const colleague = await ctx.newRepresentative('M-DOSTUK');
    const results = await Promise.all([
      enterPractice(ctx, rep, contest.id, { practiceId: practice.id, nominationId: first }),
      enterPractice(ctx, colleague, contest.id, { practiceId: practice.id, nominationId: second }),
    ]);
    results.forEach((response) => expectProblem(response, 409, 'already_entered'));
    expect(await ctx.count('contest_entries', 'practice_id = $1', [practice.id])).toBe(1);
    // Another contest is another matter.
    const other = await newContest(ctx, admin);
    expect(
      (
        await enterPractice(ctx, rep, other.id, {
          practiceId: practice.id,
          nominationId: other.nominationIds[0],
        })
      ).status,
    ).toBe(201);
  });

  it("refuses an unknown nomination or another contest's nomination with 400", async () => {
    const practice = await ctx.newPractice(rep, 'published');
    const other = await newContest(ctx, admin);
    for (const nominationId of [randomUUID(), other.nominationIds[0]]) {
      expectFieldError(
        await enterPractice(ctx, rep, contest.id, { practiceId: practice.id, nominationId }),
        'nominationId',
        'unknownNomination',
      );
    }
    expect(await ctx.count('contest_entries', 'practice_id = $1', [practice.id])).toBe(0);
    expectFieldError(await enterPractice(ctx, rep, contest.id, { practiceId: practice.id }), 'nominationId');
  });

  it('numbers accepted entries 1, 2, 3 in the order of acceptance, not of entry', async () => {
    const fresh = await newContest(ctx, admin);
    const ids: string[] = [];
    for (let i = 0; i < 4; i += 1) {
      const practice = await ctx.newPractice(rep, 'published', { title: `Практика для нумерации ${i}` });
      const entry = await enterPractice(ctx, rep, fresh.id, {
        practiceId: practice.id,
        nominationId: fresh.nominationIds[i % 2],
      });
      ids.push(entry.body.id);
    }
    const [a, b, c, d] = ids;
    for (const id of [c, a]) {
      expect(
        (await decideEntry(ctx, moderator, fresh.id, id, { action: 'accept' })).body.number,
      ).toBeGreaterThan(0);
    }
    expect(
      (await decideEntry(ctx, moderator, fresh.id, d, { action: 'reject', reason: 'Не по теме' })).status,
    ).toBe(200);
    expect((await decideEntry(ctx, moderator, fresh.id, b, { action: 'accept' })).status).toBe(200);

    expect((await entryRow(c)).number).toBe(1);
    expect((await entryRow(a)).number).toBe(2);
    expect((await entryRow(b)).number).toBe(3);
    expect(await entryRow(d)).toMatchObject({ status: 'rejected', number: null, reason: 'Не по теме' });
    const ballot = await ctx.http.get(`/api/v1/contests/${fresh.id}/entries`).expect(200);
    expect(ballot.body.map((e: { id: string; number: number }) => [e.id, e.number])).toEqual([
      [c, 1],
      [a, 2],
      [b, 3],
    ]);
    expect((await auditOf(ctx, c)).map((row) => row.action)).toEqual(['entry.accepted']);
    expectProblem(
      await decideEntry(ctx, moderator, fresh.id, a, { action: 'reject', reason: 'Передумали' }),
      409,
      'entry_decided',
    );
    expect((await entryRow(a)).number).toBe(2);
  });

  it('requires a reason to reject (400), then emails the representative the decision', async () => {
    const practice = await ctx.newPractice(rep, 'published', { title: 'Практика для письма об отказе' });
    const entry = await enterPractice(ctx, rep, contest.id, {
      practiceId: practice.id,
      nominationId: contest.nominationIds[0],
    });
    expectFieldError(
      await decideEntry(ctx, moderator, contest.id, entry.body.id, { action: 'reject' }),
      'reason',
    );
    expect(await entryRow(entry.body.id)).toMatchObject({ status: 'pending', decided_by: null });

    const rejected = await decideEntry(ctx, moderator, contest.id, entry.body.id, {
      action: 'reject',
      reason: 'Практика не соответствует номинации',
    });
    expect(rejected.status).toBe(200);
    const mail = await ctx.mail.waitForContaining(rep.email, 'Практика не соответствует номинации');
    expect(mail.subject).toContain('Your entry was not accepted');
    expect(mail.text).toContain('Практика для письма об отказе');

    const accepted = await ctx.newPractice(rep, 'published', { title: 'Практика для письма о допуске' });
    const acceptedEntry = await enterPractice(ctx, rep, contest.id, {
      practiceId: accepted.id,
      nominationId: contest.nominationIds[0],
    });
    expect(
      (await decideEntry(ctx, moderator, contest.id, acceptedEntry.body.id, { action: 'accept' })).status,
    ).toBe(200);
    const acceptance = await waitForMail(
      ctx,
      rep.email,
      (mail) =>
        mail.subject.startsWith('Your entry is on the ballot') &&
        mail.text.includes('Практика для письма о допуске'),
    );
    expect(acceptance.subject).toContain('Best LSG practice');
  });

  it('refuses a moderator who represents the municipality with 403, and non-moderators with 403', async () => {
    const practice = await ctx.newPractice(rep, 'published');
    const entry = await enterPractice(ctx, rep, contest.id, {
      practiceId: practice.id,
      nominationId: contest.nominationIds[0],
    });
    const local = await ctx.newModerator();
    await ctx.db.query(
      `INSERT INTO representative_memberships (user_id, municipality_id, status, decided_at) VALUES ($1, $2, 'approved', now())`,
      [local.id, rep.municipalityId],
    );
    expectProblem(
      await decideEntry(ctx, local, contest.id, entry.body.id, { action: 'accept' }),
      403,
      'own_municipality',
    );
    expectProblem(
      await decideEntry(ctx, rep, contest.id, entry.body.id, { action: 'accept' }),
      403,
      'forbidden',
    );
    expect(await entryRow(entry.body.id)).toMatchObject({
      status: 'pending',
      number: null,
      decided_by: null,
    });
    expect(await auditOf(ctx, entry.body.id)).toEqual([]);
    expect((await decideEntry(ctx, moderator, contest.id, entry.body.id, { action: 'accept' })).status).toBe(
      200,
    );
  });

  it('answers 404 for an entry decided under the wrong contest', async () => {
    const practice = await ctx.newPractice(rep, 'published');
    const entry = await enterPractice(ctx, rep, contest.id, {
      practiceId: practice.id,
      nominationId: contest.nominationIds[0],
    });
    const other = await newContest(ctx, admin);
    expectProblem(
      await decideEntry(ctx, moderator, other.id, entry.body.id, { action: 'accept' }),
      404,
      'entry_not_found',
    );
    expect((await entryRow(entry.body.id)).status).toBe('pending');
  });

  it("lists pending entries in the moderation queue with kind 'entry' and their contest", async () => {
    const practice = await ctx.newPractice(rep, 'published', { title: 'Практика ждёт модератора' });
    const entry = await enterPractice(ctx, rep, contest.id, {
      practiceId: practice.id,
      nominationId: contest.nominationIds[0],
    });
    const queue = await ctx.http
      .get('/api/v1/moderation/queue')
      .query({ kind: 'entry', limit: 100 })
      .set(...bearer(moderator))
      .expect(200);
    const items = queue.body.items as {
      kind: string;
      id: string;
      contestId: string;
      title: string;
      municipalityId: string;
    }[];
    expect(items.every((item) => item.kind === 'entry')).toBe(true);
    expect(items).toContainEqual(
      expect.objectContaining({
        kind: 'entry',
        id: entry.body.id,
        contestId: contest.id,
        title: 'Практика ждёт модератора',
        municipalityId: rep.municipalityId,
      }),
    );
    expect(queue.body.counts.entry).toBe(await ctx.count('contest_entries', "status = 'pending'"));

    expect((await decideEntry(ctx, moderator, contest.id, entry.body.id, { action: 'accept' })).status).toBe(
      200,
    );
    const after = await ctx.http
      .get('/api/v1/moderation/queue')
      .query({ kind: 'entry', limit: 100 })
      .set(...bearer(moderator))
      .expect(200);
    expect(after.body.items.map((item: { id: string }) => item.id)).not.toContain(entry.body.id);
  });
});
