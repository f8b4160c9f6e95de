import { AdminBootstrap } from '../src/auth/admin-bootstrap';
import { TestContext } from './support/test-app';

describe('admin bootstrap (ADMIN_EMAIL + ADMIN_PASSWORD)', () => {
  const email = 'Chief.Admin@Portal.kg';
  const password = 'bootstrap admin passphrase';
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await TestContext.start({ ADMIN_EMAIL: email, ADMIN_PASSWORD: password });
  });
  afterAll(() => ctx.close());

  it('creates one confirmed admin, however often it runs', async () => {
    await ctx.app.get(AdminBootstrap).run();
    await ctx.app.get(AdminBootstrap).run();

    expect(await ctx.count('users', 'email = $1', [email.toLowerCase()])).toBe(1);
    const { accessToken } = await ctx.login(email, password);
    const me = await ctx.http
      .get('/api/v1/users/me')
      .set('Authorization', `Bearer ${accessToken}`)
      .expect(200);
    expect(me.body).toMatchObject({ email: email.toLowerCase(), roles: ['admin'], emailConfirmed: true });
    await ctx.http.get('/api/v1/admin/users').set('Authorization', `Bearer ${accessToken}`).expect(200);
    expect(await ctx.count('audit_log', "action = 'user.admin_created'")).toBe(1);
  });
});

describe('admin bootstrap of an existing account', () => {
  let ctx: TestContext;
  const email = 'moderator.becomes.admin@portal.kg';

  beforeAll(async () => {
    ctx = await TestContext.start({ ADMIN_EMAIL: email, ADMIN_PASSWORD: 'a different configured password' });
  });
  afterAll(() => ctx.close());

  it('promotes and confirms it, keeping its own password', async () => {
    const user = await ctx.newUser({ email, confirmed: false, roles: [] });

    await ctx.app.get(AdminBootstrap).run();

    const row = await ctx.userRow(user.id);
    expect(row.roles).toEqual(['admin']);
    expect(row.emailConfirmedAt).not.toBeNull();
    await ctx.login(email, user.password);
    expect(
      await ctx.count('audit_log', "action = 'user.promoted_to_admin' AND object_id = $1", [user.id]),
    ).toBe(1);
  });
});
