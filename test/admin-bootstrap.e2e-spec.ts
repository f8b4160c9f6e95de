import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { AdminBootstrap } from '../src/auth/admin-bootstrap';
import { Role } from '../src/common/auth/role';
import { projectPath } from '../src/common/project-path';
import { bearer, TestContext } from './support/test-app';

const execFileAsync = promisify(execFile);

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
  const email = 'someone.registered.first@portal.kg';
  const adminPassword = 'a different configured password';

  beforeAll(async () => {
    ctx = await TestContext.start({ ADMIN_EMAIL: email, ADMIN_PASSWORD: adminPassword });
  });
  afterAll(() => ctx.close());

  it('promotes it, sets ADMIN_PASSWORD, confirms and unblocks it, and ends every session it had', async () => {
    // Whoever registered the address first knows this password and holds these tokens.
    const squatter = await ctx.newUser({ email, confirmed: false, roles: [Role.Moderator] });
    const otherSession = await ctx.login(email, squatter.password);
    await ctx.db.query('UPDATE users SET blocked_at = now() WHERE id = $1', [squatter.id]);
    const versionBefore = (await ctx.userRow(squatter.id)).tokenVersion;

    await ctx.app.get(AdminBootstrap).run();

    const row = await ctx.userRow(squatter.id);
    expect(row.roles).toEqual(['admin', 'moderator']);
    expect(row.emailConfirmedAt).not.toBeNull();
    expect(row.blockedAt).toBeNull();
    expect(row.tokenVersion).toBeGreaterThan(versionBefore);
    expect(await ctx.count('refresh_tokens', 'user_id = $1 AND revoked_at IS NULL', [squatter.id])).toBe(0);
    for (const session of [squatter, otherSession]) {
      await ctx.http
        .get('/api/v1/users/me')
        .set(...bearer(session))
        .expect(401);
      await ctx.http.post('/api/v1/auth/refresh').send({ refreshToken: session.refreshToken }).expect(401);
    }
    await ctx.http.post('/api/v1/auth/login').send({ email, password: squatter.password }).expect(401);
    const admin = await ctx.login(email, adminPassword);
    await ctx.http
      .get('/api/v1/admin/users')
      .set(...bearer(admin))
      .expect(200);
    const audited: { action: string }[] = await ctx.db.query(
      'SELECT action FROM audit_log WHERE object_id = $1 ORDER BY created_at, action',
      [squatter.id],
    );
    expect(audited.map((entry) => entry.action)).toEqual(
      expect.arrayContaining(['user.promoted_to_admin', 'user.password_set', 'user.sessions_ended']),
    );
  });

  it('leaves an account that is already an admin alone: its password and sessions stay', async () => {
    const restarted = await TestContext.start({ ADMIN_EMAIL: email, ADMIN_PASSWORD: adminPassword });
    try {
      const admin = await restarted.newUser({
        email,
        password: 'the admin chose this one',
        roles: [Role.Admin],
      });
      const before = await restarted.userRow(admin.id);

      await restarted.app.get(AdminBootstrap).run();

      const after = await restarted.userRow(admin.id);
      expect(after.passwordHash).toBe(before.passwordHash);
      expect(after.tokenVersion).toBe(before.tokenVersion);
      await restarted.http
        .get('/api/v1/users/me')
        .set(...bearer(admin))
        .expect(200);
      await restarted.login(email, 'the admin chose this one');
      expect(await restarted.count('audit_log', 'object_id = $1', [admin.id])).toBe(0);
    } finally {
      await restarted.close();
    }
  });
});

describe('npm run seed:demo', () => {
  it('refuses to run with NODE_ENV=production, before it touches any database', async () => {
    const key = () => randomBytes(32).toString('base64url');
    const run = execFileAsync(process.execPath, [projectPath('dist', 'src', 'cli', 'seed-demo.js')], {
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'production',
        // A port nothing listens on: reaching the database would fail with a different message.
        DATABASE_URL: 'postgres://nobody:nothing@127.0.0.1:9/none',
        JWT_SECRET: key(),
        DATA_KEY: key(),
        PUBLIC_URL: 'https://portal.example.kg',
        SMTP_URL: 'smtp://127.0.0.1:9',
        DATA_DIR: mkdtempSync(join(tmpdir(), 'seed-demo-')),
      },
    });
    await expect(run).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('seed:demo refuses to run with NODE_ENV=production'),
    });
  });
});
