import { randomUUID } from 'node:crypto';
import { Response } from 'supertest';
import { Role } from '../src/common/auth/role';
import { bearer, TestContext, TestUser } from './support/test-app';
import { expectFieldError, expectProblem } from './support/assertions';

interface AdminUser {
  id: string;
  email: string;
  fullName: string;
  roles: string[];
  blockedAt: string | null;
}

interface AuditRow {
  actor_id: string | null;
  action: string;
  details: Record<string, unknown>;
}

describe('admin: users', () => {
  let ctx: TestContext;
  let admin: TestUser;
  beforeAll(async () => {
    ctx = await TestContext.start();
    admin = await ctx.newUser({ roles: [Role.Admin], fullName: 'Chief Administrator' });
  });
  afterAll(() => ctx.close());

  const search = (query: Record<string, string | number>, caller: TestUser = admin) =>
    ctx.http
      .get('/api/v1/admin/users')
      .query(query)
      .set(...bearer(caller));
  const patchUser = (id: string, body: Record<string, unknown>, caller: TestUser = admin) =>
    ctx.http
      .patch(`/api/v1/admin/users/${id}`)
      .set(...bearer(caller))
      .send(body);
  const emailsOf = (response: Response) => (response.body.items as AdminUser[]).map((user) => user.email);

  function auditRows(objectId: string): Promise<AuditRow[]> {
    return ctx.db.query(
      "SELECT actor_id, action, details FROM audit_log WHERE object_type = 'user' AND object_id = $1 ORDER BY created_at",
      [objectId],
    );
  }

  describe('access', () => {
    it('refuses a signed-in citizen with 403', async () => {
      const citizen = await ctx.newUser();
      expectProblem(await search({}, citizen), 403, 'forbidden');
      expectProblem(await patchUser(citizen.id, { roles: [Role.Admin] }, citizen), 403, 'forbidden');
      expect((await ctx.userRow(citizen.id)).roles).toEqual([]);
    });

    it('refuses a moderator with 403', async () => {
      const moderator = await ctx.newUser({ roles: [Role.Moderator] });
      expectProblem(await search({}, moderator), 403, 'forbidden');
    });

    it('refuses an admin whose email is not confirmed with 403', async () => {
      const unconfirmed = await ctx.newUser({ roles: [Role.Admin], confirmed: false });
      expectProblem(await search({}, unconfirmed), 403, 'email_not_confirmed');
    });

    it('refuses an anonymous caller with 401', async () => {
      expectProblem(await ctx.http.get('/api/v1/admin/users'), 401, 'unauthenticated');
    });
  });

  describe('search', () => {
    const tag = `tag${Date.now()}`;
    let members: TestUser[];
    beforeAll(async () => {
      members = [];
      for (let i = 0; i < 5; i += 1) {
        members.push(
          await ctx.newUser({
            email: ctx.uniqueEmail(`${tag}-${i}`),
            fullName: `Member ${i} ${tag}`,
            roles: i === 0 ? [Role.Moderator] : [],
          }),
        );
      }
    });

    it('finds users by part of their email, in any letter case', async () => {
      const response = await search({ q: `${tag.toUpperCase()}-3` });
      expect(response.status).toBe(200);
      expect(emailsOf(response)).toEqual([members[3].email]);
      expect(response.body.items[0]).toMatchObject({
        id: members[3].id,
        roles: [],
        blockedAt: null,
        emailConfirmedAt: expect.any(String),
      });
      expect(response.body.items[0]).not.toHaveProperty('passwordHash');
    });

    it('finds users by part of their full name', async () => {
      const response = await search({ q: `Member 2 ${tag}` });
      expect(emailsOf(response)).toEqual([members[2].email]);
      expect(emailsOf(await search({ q: 'Chief Admin' }))).toEqual([admin.email]);
    });

    it('treats % and _ in the search as plain characters', async () => {
      const response = await search({ q: '%' });
      expect(response.status).toBe(200);
      expect(response.body.items).toEqual([]);
      expect(emailsOf(await search({ q: `${tag}_` }))).toEqual([]);
    });

    it('filters by role', async () => {
      const moderators = await search({ role: 'moderator', q: tag });
      expect(emailsOf(moderators)).toEqual([members[0].email]);
      const admins = await search({ role: 'admin' });
      expect(emailsOf(admins)).toContain(admin.email);
      expect(emailsOf(admins)).not.toContain(members[0].email);
      expect((admins.body.items as AdminUser[]).every((user) => user.roles.includes('admin'))).toBe(true);
    });

    it('pages with limit and nextCursor, newest first, without gaps or repeats', async () => {
      const seen: string[] = [];
      const pageSizes: number[] = [];
      let cursor: string | null = null;
      do {
        const response: Response = await search({ q: tag, limit: 2, ...(cursor ? { cursor } : {}) });
        expect(response.status).toBe(200);
        pageSizes.push(response.body.items.length);
        seen.push(...emailsOf(response));
        cursor = response.body.nextCursor as string | null;
      } while (cursor && pageSizes.length < 10);
      expect(pageSizes).toEqual([2, 2, 1]);
      expect(seen).toEqual(members.map((member) => member.email).reverse());
    });

    it.each([
      ['limit 0', { limit: 0 }, 'limit'],
      ['limit 101', { limit: 101 }, 'limit'],
      ['an unknown role', { role: 'citizen' }, 'role'],
      ['a cursor that is not one', { cursor: 'not-a-cursor' }, 'cursor'],
      ['an unknown parameter', { sort: 'email' }, 'sort'],
    ])('refuses %s with 400', async (_, query, field) => {
      expectFieldError(await search(query), field);
    });

    it('refuses a forged cursor whose id is not a UUID with 400, not a database error', async () => {
      const forged = Buffer.from(`${new Date().toISOString()}|${'-'.repeat(36)}`).toString('base64url');
      expectFieldError(await search({ cursor: forged }), 'cursor');
    });
  });

  describe('changes', () => {
    it('sets staff roles and audits the change', async () => {
      const user = await ctx.newUser();
      const response = await patchUser(user.id, { roles: [Role.Moderator] });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ id: user.id, roles: ['moderator'] });
      expect((await ctx.userRow(user.id)).roles).toEqual(['moderator']);
      expect(await auditRows(user.id)).toEqual([
        { actor_id: admin.id, action: 'user.roles_changed', details: { from: [], to: ['moderator'] } },
      ]);
    });

    it.each([
      ['a role that is not a staff role', { roles: ['citizen'] }, 'roles'],
      ['an unknown role', { roles: ['superuser'] }, 'roles'],
      ['roles that are not a list', { roles: 'admin' }, 'roles'],
      ['blocked that is not a boolean', { blocked: 'yes' }, 'blocked'],
      ['an unknown field', { email: 'taken@example.kg' }, 'email'],
    ])('refuses %s with 400 and changes nothing', async (_, body, field) => {
      const user = await ctx.newUser();
      const before = await ctx.userRow(user.id);
      expectFieldError(await patchUser(user.id, body), field);
      const after = await ctx.userRow(user.id);
      expect({ roles: after.roles, email: after.email, blockedAt: after.blockedAt }).toEqual({
        roles: before.roles,
        email: before.email,
        blockedAt: before.blockedAt,
      });
      expect(await ctx.count('audit_log', 'object_id = $1', [user.id])).toBe(0);
    });

    it('does not let an admin block themselves or drop their own admin role (409)', async () => {
      expectProblem(await patchUser(admin.id, { blocked: true }), 409, 'own_access_change');
      expectProblem(await patchUser(admin.id, { roles: [Role.Moderator] }), 409, 'own_access_change');
      const row = await ctx.userRow(admin.id);
      expect(row.blockedAt).toBeNull();
      expect(row.roles).toEqual(['admin']);
      await ctx.http
        .get('/api/v1/users/me')
        .set(...bearer(admin))
        .expect(200);
    });

    it('answers 404 for an unknown id and for a malformed id', async () => {
      expectProblem(await patchUser(randomUUID(), { blocked: true }), 404, 'user_not_found');
      expectProblem(await patchUser('not-a-uuid', { blocked: true }), 404, 'not_found');
      expectProblem(await patchUser("1' OR '1'='1", { blocked: true }), 404, 'not_found');
    });
  });

  describe('blocking', () => {
    const me = (accessToken: string) => ctx.http.get('/api/v1/users/me').set(...bearer({ accessToken }));
    const login = (user: TestUser) =>
      ctx.http.post('/api/v1/auth/login').send({ email: user.email, password: user.password });
    const refresh = (refreshToken: string) => ctx.http.post('/api/v1/auth/refresh').send({ refreshToken });

    it("kills a blocked user's tokens and sign-in at once; unblocking lets them sign in again; both audited", async () => {
      const user = await ctx.newUser();
      await me(user.accessToken).expect(200);

      const blocked = await patchUser(user.id, { blocked: true });
      expect(blocked.status).toBe(200);
      expect(blocked.body.blockedAt).toEqual(expect.any(String));
      expect((await ctx.userRow(user.id)).blockedAt).not.toBeNull();

      expectProblem(await me(user.accessToken), 401, 'unauthenticated');
      expectProblem(await refresh(user.refreshToken), 401, 'invalid_token');
      const refused = await login(user);
      expect(refused.status).toBe(401);
      expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);

      const unblocked = await patchUser(user.id, { blocked: false });
      expect(unblocked.status).toBe(200);
      expect(unblocked.body.blockedAt).toBeNull();
      const session = await login(user);
      expect(session.status).toBe(200);
      await me(session.body.accessToken).expect(200);
      // Tokens issued before the block stay dead.
      await me(user.accessToken).expect(401);

      expect((await auditRows(user.id)).map((row) => [row.action, row.actor_id])).toEqual([
        ['user.blocked', admin.id],
        ['user.unblocked', admin.id],
      ]);
    });

    it('does not audit a block of an already blocked user again', async () => {
      const user = await ctx.newUser();
      await patchUser(user.id, { blocked: true }).expect(200);
      await patchUser(user.id, { blocked: true }).expect(200);
      expect((await auditRows(user.id)).map((row) => row.action)).toEqual(['user.blocked']);
    });

    it('sends a blocked user no password reset link', async () => {
      const user = await ctx.newUser();
      await patchUser(user.id, { blocked: true }).expect(200);
      await ctx.http.post('/api/v1/auth/forgot-password').send({ email: user.email }).expect(202);
      expect(await ctx.count('email_outbox', 'to_address = $1', [user.email])).toBe(0);
    });
  });
});

describe('users/me', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await TestContext.start();
  });
  afterAll(() => ctx.close());

  const patchMe = (user: TestUser, body: Record<string, unknown>) =>
    ctx.http
      .patch('/api/v1/users/me')
      .set(...bearer(user))
      .send(body);

  async function profileColumns(id: string) {
    const row = await ctx.userRow(id);
    return {
      fullName: row.fullName,
      phone: row.phone,
      locale: row.locale,
      roles: row.roles,
      email: row.email,
      emailConfirmedAt: row.emailConfirmedAt,
      notificationPreferences: row.notificationPreferences,
    };
  }

  it('changes name, phone, language and notification preferences', async () => {
    const user = await ctx.newUser({ locale: 'en' });
    const response = await patchMe(user, {
      fullName: '  Бакыт Токтогулов  ',
      phone: '+996 555 123 456',
      locale: 'ky',
      notificationPreferences: { contestNews: false, moderationAlerts: true },
    });
    expect(response.status).toBe(200);
    const expected = {
      fullName: 'Бакыт Токтогулов',
      phone: '+996 555 123 456',
      locale: 'ky',
      notificationPreferences: { contestNews: false, moderationAlerts: true },
    };
    expect(response.body).toMatchObject({ id: user.id, ...expected });
    expect(await profileColumns(user.id)).toMatchObject(expected);
    const read = await ctx.http
      .get('/api/v1/users/me')
      .set(...bearer(user))
      .expect(200);
    expect(read.body).toMatchObject(expected);
  });

  it('changes one member and leaves the others alone', async () => {
    const user = await ctx.newUser({ fullName: 'Original Name' });
    await patchMe(user, { phone: '+996700000001' }).expect(200);
    expect(await profileColumns(user.id)).toMatchObject({
      fullName: 'Original Name',
      phone: '+996700000001',
      locale: 'en',
      notificationPreferences: { contestNews: true, moderationAlerts: true },
    });
  });

  it.each([
    ['an unknown field', { nickname: 'x' }, 'nickname', 'unknownField'],
    ['roles (mass assignment)', { roles: ['admin'] }, 'roles', 'unknownField'],
    ['email', { email: 'other@example.kg' }, 'email', 'unknownField'],
    [
      'an unknown preference',
      { notificationPreferences: { contestNews: true, moderationAlerts: true, spam: true } },
      'notificationPreferences.spam',
      'unknownField',
    ],
    [
      'a preference that is not a boolean',
      { notificationPreferences: { contestNews: 'no', moderationAlerts: true } },
      'notificationPreferences.contestNews',
      undefined,
    ],
    ['a phone that is not a phone number', { phone: 'call me maybe' }, 'phone', undefined],
    ['an unsupported language', { locale: 'fr' }, 'locale', undefined],
    ['a one-letter name', { fullName: 'x' }, 'fullName', undefined],
  ])('refuses %s with 400 and changes nothing', async (_, body, field, code) => {
    const user = await ctx.newUser();
    const before = await profileColumns(user.id);
    expectFieldError(await patchMe(user, { fullName: 'Would Be Changed', ...body }), field, code);
    expect(await profileColumns(user.id)).toEqual(before);
  });

  it('lets an unconfirmed user read and edit their profile', async () => {
    const user = await ctx.newUser({ confirmed: false });
    const response = await patchMe(user, { locale: 'ru' });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ locale: 'ru', emailConfirmed: false });
  });
});
