import { Role } from '../src/common/auth/role';
import { expectFieldError, expectProblem } from './support/assertions';
import { decide, idsOf, walkPages } from './support/practice-helpers';
import { bearer, TestContext, TestUser } from './support/test-app';

interface AuditItem {
  id: string;
  actorId: string | null;
  action: string;
  objectType: string;
  objectId: string;
  reason: string | null;
  details: Record<string, unknown>;
  at: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** §2 audit log: every moderation decision leaves an append-only row that admins can search. */
describe('audit log', () => {
  let ctx: TestContext;
  let moderator: TestUser;
  let second: TestUser;
  let admin: TestUser;
  const practices: Record<'published' | 'rejected' | 'changes', string> = {
    published: '',
    rejected: '',
    changes: '',
  };
  const memberships: Record<'approved' | 'refused' | 'removed', string> = {
    approved: '',
    refused: '',
    removed: '',
  };
  let mark: Date;

  async function decided(id: string, body: Record<string, unknown>, staff = moderator) {
    expect((await decide(ctx, staff, id, body)).status).toBe(200);
  }

  async function request(): Promise<string> {
    const citizen = await ctx.newUser();
    const response = await ctx.http
      .post(`/api/v1/municipalities/${await ctx.idOf('municipalities', 'M-DOSTUK')}/representatives`)
      .set(...bearer(citizen))
      .send({});
    expect(response.status).toBe(201);
    return response.body.id as string;
  }

  const decideRequest = (id: string, body: Record<string, unknown>) =>
    ctx.http
      .post(`/api/v1/moderation/representatives/${id}/decision`)
      .set(...bearer(moderator))
      .send(body)
      .expect(200);

  beforeAll(async () => {
    ctx = await TestContext.start({}, { worker: false });
    moderator = await ctx.newModerator();
    second = await ctx.newModerator();
    admin = await ctx.newUser({ roles: [Role.Admin] });
    const rep = await ctx.newRepresentative('M-DOSTUK');

    practices.published = (await ctx.newPractice(rep, 'submitted')).id;
    await decided(practices.published, { action: 'claim' });
    await decided(practices.published, { action: 'approve' });
    practices.rejected = (await ctx.newPractice(rep, 'submitted')).id;
    await decided(practices.rejected, { action: 'reject', reason: 'Не относится к самоуправлению' });
    memberships.approved = await request();
    await decideRequest(memberships.approved, { action: 'approve' });
    memberships.refused = await request();
    await decideRequest(memberships.refused, { action: 'refuse', reason: 'Нет подтверждения полномочий' });

    // Everything above happened before `mark`; everything below after it.
    await sleep(30);
    mark = new Date();
    await sleep(30);
    await decided(practices.published, { action: 'archive' });
    practices.changes = (await ctx.newPractice(rep, 'submitted')).id;
    await decided(practices.changes, { action: 'request_changes', reason: 'Добавьте цифры' }, second);
    [{ id: memberships.removed }] = await ctx.db.query(
      `SELECT id FROM representative_memberships WHERE user_id = $1 AND status = 'approved'`,
      [rep.id],
    );
    await ctx.http
      .delete(`/api/v1/municipalities/${rep.municipalityId}/representatives/${rep.id}`)
      .set(...bearer(moderator))
      .send({ reason: 'Больше не работает в айыл окмоту' })
      .expect(204);
  }, 60_000);
  afterAll(() => ctx.close());

  const search = (query: Record<string, string | number | undefined>, caller: TestUser = admin) =>
    ctx.http
      .get('/api/v1/admin/audit')
      .set(...bearer(caller))
      .query(query);
  const items = async (query: Record<string, string | number | undefined>) => {
    const response = await search({ limit: 100, ...query });
    expect(response.status).toBe(200);
    return response.body.items as AuditItem[];
  };

  it('records who decided what, on what, and why, for every moderation decision', async () => {
    const rows = (await items({})).map(({ actorId, action, objectType, objectId, reason }) => ({
      actorId,
      action,
      objectType,
      objectId,
      reason,
    }));
    const practice = (
      objectId: string,
      action: string,
      reason: string | null = null,
      actorId = moderator.id,
    ) => ({
      actorId,
      action: `practice.${action}`,
      objectType: 'practice',
      objectId,
      reason,
    });
    const membership = (objectId: string, action: string, reason: string | null = null) => ({
      actorId: moderator.id,
      action: `representative.${action}`,
      objectType: 'representative_membership',
      objectId,
      reason,
    });
    expect(rows).toEqual(
      expect.arrayContaining([
        practice(practices.published, 'claim'),
        practice(practices.published, 'approve'),
        practice(practices.published, 'archive'),
        practice(practices.rejected, 'reject', 'Не относится к самоуправлению'),
        practice(practices.changes, 'request_changes', 'Добавьте цифры', second.id),
        membership(memberships.approved, 'approved'),
        membership(memberships.refused, 'refused', 'Нет подтверждения полномочий'),
        membership(memberships.removed, 'removed', 'Больше не работает в айыл окмоту'),
      ]),
    );
    expect(rows).toHaveLength(8);
    const archive = (await items({ objectId: practices.published, action: 'practice.archive' }))[0];
    expect(archive.details).toEqual({ from: 'published', to: 'archived' });
  });

  it("cannot be updated, deleted or truncated through the application's connection", async () => {
    const before = await ctx.db.query('SELECT * FROM audit_log ORDER BY id');
    for (const sql of [
      `UPDATE audit_log SET reason = 'tampered'`,
      `UPDATE audit_log SET actor_id = NULL WHERE object_id = '${practices.rejected}'`,
      `DELETE FROM audit_log`,
      `DELETE FROM audit_log WHERE action = 'practice.reject'`,
      `TRUNCATE audit_log`,
    ]) {
      await expect(ctx.db.query(sql)).rejects.toThrow('audit_log is append-only');
    }
    expect(await ctx.db.query('SELECT * FROM audit_log ORDER BY id')).toEqual(before);
  });

  describe('GET /admin/audit', () => {
    it('filters by actor, exact action, action prefix, object type and object id', async () => {
      const actions = async (query: Record<string, string>) =>
        (await items(query)).map((i) => i.action).sort();
      expect(await actions({ actorId: second.id })).toEqual(['practice.request_changes']);
      expect(await actions({ action: 'practice.approve' })).toEqual(['practice.approve']);
      expect(await actions({ action: 'practice.' })).toEqual([
        'practice.approve',
        'practice.archive',
        'practice.claim',
        'practice.reject',
        'practice.request_changes',
      ]);
      expect(await actions({ action: 'practice' })).toEqual([]);
      expect(await actions({ objectType: 'representative_membership' })).toEqual([
        'representative.approved',
        'representative.refused',
        'representative.removed',
      ]);
      expect(await actions({ objectId: practices.published })).toEqual([
        'practice.approve',
        'practice.archive',
        'practice.claim',
      ]);
      expect(
        await actions({ actorId: moderator.id, action: 'representative.', objectId: memberships.refused }),
      ).toEqual(['representative.refused']);
    });

    it('filters by period: from is inclusive, to is exclusive', async () => {
      const all = await items({});
      const after = await items({ from: mark.toISOString() });
      const before = await items({ to: mark.toISOString() });
      expect(after.map((i) => i.action).sort()).toEqual([
        'practice.archive',
        'practice.request_changes',
        'representative.removed',
      ]);
      expect([...before, ...after].map((i) => i.id).sort()).toEqual(all.map((i) => i.id).sort());
      const oldest = all[all.length - 1];
      expect(await items({ from: oldest.at })).toHaveLength(all.length);
      expect(await items({ to: oldest.at })).toEqual([]);
      expect(await items({ from: new Date(Date.now() + 60_000).toISOString() })).toEqual([]);
    });

    it('lists newest first and walks its cursor pages with no duplicates and no gaps', async () => {
      const all = await items({});
      const times = all.map((i) => Date.parse(i.at));
      expect(times).toEqual([...times].sort((a, b) => b - a));
      for (const query of [{}, { action: 'practice.' }]) {
        const expected = (await items(query)).map((i) => i.id);
        const walked = await walkPages((cursor) => search({ ...query, limit: 2, cursor }));
        expect(walked.ids).toEqual(expected);
      }
    });

    it('walks rows written within one millisecond without losing any', async () => {
      // Decisions of several moderators can commit within the same millisecond; timestamps keep microseconds.
      await ctx.db.query(
        `INSERT INTO audit_log (actor_id, action, object_type, object_id, created_at)
         SELECT $1, 'test.same_millisecond', 'test', 'object-' || n,
                date_trunc('milliseconds', now()) + n * interval '100 microseconds'
           FROM generate_series(1, 5) AS n`,
        [moderator.id],
      );
      const all = idsOf(await search({ action: 'test.same_millisecond', limit: 100 }).expect(200));
      expect(all).toHaveLength(5);
      const walked = await walkPages((cursor) =>
        search({ action: 'test.same_millisecond', limit: 2, cursor }),
      );
      expect(walked.ids).toEqual(all);
    });

    it('is for admins only: moderators and citizens 403, visitors 401', async () => {
      expectProblem(await search({}, moderator), 403, 'forbidden');
      expectProblem(await search({}, await ctx.newUser()), 403, 'forbidden');
      expectProblem(await ctx.http.get('/api/v1/admin/audit'), 401, 'unauthenticated');
    });

    it('refuses a bad limit, date, actor id or cursor with 400', async () => {
      for (const limit of ['0', '1000', 'x']) {
        expectFieldError(await search({ limit }), 'limit');
      }
      expectFieldError(await search({ from: 'yesterday' }), 'from');
      expectFieldError(await search({ to: '2024-13-45' }), 'to');
      expectFieldError(await search({ actorId: 'not-a-uuid' }), 'actorId');
      expectFieldError(await search({ cursor: 'forged' }), 'cursor');
      expectFieldError(await search({ cursor: Buffer.from('2024-01-01|x').toString('base64url') }), 'cursor');
    });
  });
});
