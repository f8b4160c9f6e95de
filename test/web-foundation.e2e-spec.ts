import { Response } from 'supertest';
import { linkIn } from './support/smtp-sink';
import { TestContext } from './support/test-app';
import { cookieValue, csrfTokenIn, WEB_ORIGIN, webSessionCookies } from './support/signed-in-web';

function setCookieLine(response: Response, name: string): string {
  const cookies = ([] as string[]).concat(response.headers['set-cookie'] ?? []);
  return cookies.find((cookie) => cookie.startsWith(`${name}=`)) ?? '';
}

/** A browser's visit to the sign-in form: its CSRF cookie and token. */
async function openSignIn(ctx: TestContext): Promise<{ cookie: string; token: string }> {
  const page = await ctx.http.get('/login');
  return { cookie: `csrf=${cookieValue(page, 'csrf')}`, token: csrfTokenIn(page.text) };
}

describe('website foundation (server side)', () => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await TestContext.start();
  });

  afterAll(async () => {
    await ctx.close();
  });

  it('serves the API under /api/v1 and pages at the root, each in its own format', async () => {
    const api = await ctx.http.get('/api/v1/categories');
    expect(api.headers['content-type']).toMatch(/^application\/json/);
    const home = await ctx.http.get('/').set('Accept-Language', 'ky');
    expect(home.headers['content-type']).toMatch(/^text\/html/);
    expect(home.text).toContain('<html lang="ky"');
  });

  it('lets an anonymous page be cached briefly and varies it on cookie, language and encoding', async () => {
    const home = await ctx.http.get('/');
    expect(home.headers['cache-control']).toBe('public, max-age=60');
    expect(home.headers.vary).toBe('Cookie, Accept-Language, Accept-Encoding');
    expect(home.headers['referrer-policy']).toBe('same-origin');
    expect(home.headers['content-security-policy']).toMatch(/script-src 'self' 'sha256-[^']+'/);
    expect(home.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(home.headers['content-security-policy']).toContain("form-action 'self'");
  });

  it('never caches a page with a form, and compresses HTML with brotli', async () => {
    const form = await ctx.http.get('/login').set('Accept-Encoding', 'br');
    expect(form.headers['cache-control']).toBe('private, no-store');
    expect(form.headers['content-encoding']).toBe('br');
    expect(setCookieLine(form, 'csrf')).toMatch(/HttpOnly; SameSite=Lax/);
  });

  it('serves hashed assets precompressed and immutable', async () => {
    const home = await ctx.http.get('/');
    const css = /href="(\/assets\/app\.[0-9a-f]{12}\.css)"/.exec(home.text)?.[1];
    const response = await ctx.http.get(css!).set('Accept-Encoding', 'br, gzip');
    expect(response.status).toBe(200);
    expect(response.headers['content-encoding']).toBe('br');
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('remembers ?lang= in a cookie and prefers it to Accept-Language', async () => {
    const chosen = await ctx.http.get('/?lang=en').set('Accept-Language', 'ky');
    expect(chosen.text).toContain('<html lang="en"');
    expect(chosen.headers['cache-control']).toBe('private, no-store');
    const next = await ctx.http
      .get('/')
      .set('Cookie', `lang=${cookieValue(chosen, 'lang')}`)
      .set('Accept-Language', 'ky');
    expect(next.text).toContain('<html lang="en"');
  });

  it('refuses a form post without a CSRF token with the 403 page, signing no one in', async () => {
    const user = await ctx.newUser({ locale: 'en' });
    const { cookie } = await openSignIn(ctx);
    const response = await ctx.http
      .post('/login')
      .set('Cookie', cookie)
      .set('Origin', WEB_ORIGIN)
      .set('Accept-Language', 'en')
      .type('form')
      .send({ email: user.email, password: user.password });
    expect(response.status).toBe(403);
    expect(response.text).toContain('The form could not be accepted');
    expect(cookieValue(response, 'session')).toBeUndefined();
    const sessions = await ctx.db.query('SELECT count(*)::int AS n FROM web_sessions WHERE user_id = $1', [
      user.id,
    ]);
    expect(sessions[0].n).toBe(0);
  });

  it('refuses a form post from another origin even with a valid token', async () => {
    const user = await ctx.newUser();
    const { cookie, token } = await openSignIn(ctx);
    const response = await ctx.http
      .post('/login')
      .set('Cookie', cookie)
      .set('Origin', 'https://evil.example')
      .type('form')
      .send({ _csrf: token, email: user.email, password: user.password });
    expect(response.status).toBe(403);
    expect(cookieValue(response, 'session')).toBeUndefined();
  });

  it('accepts Origin: null only when Fetch Metadata says same-origin', async () => {
    const user = await ctx.newUser();
    const { cookie, token } = await openSignIn(ctx);
    const send = (site: string) =>
      ctx.http
        .post('/login')
        .set('Cookie', cookie)
        .set('Origin', 'null')
        .set('Sec-Fetch-Site', site)
        .type('form')
        .send({ _csrf: token, email: user.email, password: user.password });
    expect((await send('cross-site')).status).toBe(403);
    expect((await send('same-origin')).status).toBe(303);
  });

  it('signs in with an HttpOnly, SameSite=Lax session cookie whose token is stored only as a hash', async () => {
    const user = await ctx.newUser();
    const { cookie, token } = await openSignIn(ctx);
    const response = await ctx.http
      .post('/login')
      .set('Cookie', cookie)
      .set('Origin', WEB_ORIGIN)
      .type('form')
      .send({ _csrf: token, email: user.email, password: user.password, returnTo: '//evil.example/' });
    expect(response.status).toBe(303);
    expect(response.headers.location).toBe('/account');
    const line = setCookieLine(response, 'session');
    expect(line).toMatch(/; Path=\/; HttpOnly; SameSite=Lax/);
    expect(line).not.toContain('Secure');
    const raw = cookieValue(response, 'session')!;
    expect(raw).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const rows = await ctx.db.query('SELECT token_hash FROM web_sessions WHERE user_id = $1', [user.id]);
    expect(rows).toHaveLength(1);
    expect(rows[0].token_hash).not.toContain(raw);
  });

  it('keeps the email and localizes the message when the password is wrong', async () => {
    const user = await ctx.newUser();
    const { cookie, token } = await openSignIn(ctx);
    const response = await ctx.http
      .post('/login')
      .set('Cookie', cookie)
      .set('Origin', WEB_ORIGIN)
      .set('Accept-Language', 'ru')
      .type('form')
      .send({ _csrf: token, email: user.email, password: 'not the password at all' });
    expect(response.status).toBe(400);
    expect(response.text).toContain('<title>Ошибка: Вход');
    expect(response.text).toContain('Адрес электронной почты или пароль неверны');
    expect(response.text).toContain(`value="${user.email}"`);
    expect(response.text).not.toContain('not the password at all');
  });

  it('sends a visitor to sign in and back, and does not accept a bearer token on a page', async () => {
    const user = await ctx.newUser();
    const anonymous = await ctx.http.get('/account?tab=1');
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.location).toBe('/login?returnTo=%2Faccount%3Ftab%3D1');
    const bearer = await ctx.http.get('/account').set('Authorization', `Bearer ${user.accessToken}`);
    expect(bearer.status).toBe(303);
  });

  it('does not accept the session cookie under /api/v1', async () => {
    const user = await ctx.newUser();
    const cookies = await webSessionCookies(ctx, user, '/account');
    expect((await ctx.http.get('/account').set('Cookie', cookies)).status).toBe(200);
    const api = await ctx.http.get('/api/v1/users/me').set('Cookie', cookies);
    expect(api.status).toBe(401);
  });

  it('ends the session at sign-out (POST with a token), and the old cookie is worthless', async () => {
    const user = await ctx.newUser();
    const cookies = await webSessionCookies(ctx, user, '/account');
    const account = await ctx.http.get('/account').set('Cookie', cookies);
    const out = await ctx.http
      .post('/logout')
      .set('Cookie', cookies)
      .set('Origin', WEB_ORIGIN)
      .type('form')
      .send({ _csrf: csrfTokenIn(account.text) });
    expect(out.status).toBe(303);
    expect((await ctx.http.get('/account').set('Cookie', cookies)).status).toBe(303);
  });

  it('ends the web session when the password is reset from the email', async () => {
    const user = await ctx.newUser();
    const cookies = await webSessionCookies(ctx, user, '/account');
    await ctx.http.post('/api/v1/auth/forgot-password').send({ email: user.email }).expect(202);
    const mail = await ctx.mail.waitForContaining(user.email, '/reset-password');
    const { token } = linkIn(mail, '/reset-password');
    await ctx.http
      .post('/api/v1/auth/reset-password')
      .send({ token, password: 'a brand new passphrase' })
      .expect(204);
    expect((await ctx.http.get('/account').set('Cookie', cookies)).status).toBe(303);
  });

  it('signs out everywhere: this and other web sessions and the API refresh tokens end', async () => {
    const user = await ctx.newUser();
    const here = await webSessionCookies(ctx, user, '/account');
    const elsewhere = await webSessionCookies(ctx, user, '/account');
    const account = await ctx.http.get('/account').set('Cookie', here);
    const out = await ctx.http
      .post('/account/sign-out-everywhere')
      .set('Cookie', here)
      .set('Origin', WEB_ORIGIN)
      .type('form')
      .send({ _csrf: csrfTokenIn(account.text) });
    expect(out.status).toBe(303);
    expect((await ctx.http.get('/account').set('Cookie', here)).status).toBe(303);
    expect((await ctx.http.get('/account').set('Cookie', elsewhere)).status).toBe(303);
    await ctx.http.get('/api/v1/users/me').set('Authorization', `Bearer ${user.accessToken}`).expect(401);
    await ctx.http.post('/api/v1/auth/refresh').send({ refreshToken: user.refreshToken }).expect(401);
  });

  it('changes the password only with the current one, and then every session ends', async () => {
    const user = await ctx.newUser();
    const cookies = await webSessionCookies(ctx, user, '/account');
    const post = async (current: string) => {
      const account = await ctx.http.get('/account').set('Cookie', cookies);
      return ctx.http
        .post('/account/password')
        .set('Cookie', cookies)
        .set('Origin', WEB_ORIGIN)
        .set('Accept-Language', 'en')
        .type('form')
        .send({
          _csrf: csrfTokenIn(account.text),
          currentPassword: current,
          newPassword: 'another long passphrase',
        });
    };
    const wrong = await post('not my password at all');
    expect(wrong.status).toBe(400);
    expect(wrong.text).toContain('The current password is wrong');
    expect((await post(user.password)).status).toBe(303);
    expect((await ctx.http.get('/account').set('Cookie', cookies)).status).toBe(303);
    await ctx.login(user.email, 'another long passphrase');
  });

  it('ends a session past its absolute lifetime however active it is', async () => {
    const user = await ctx.newUser();
    const cookies = await webSessionCookies(ctx, user, '/account');
    expect((await ctx.http.get('/account').set('Cookie', cookies)).status).toBe(200);
    await ctx.db.query(`UPDATE web_sessions SET created_at = now() - interval '31 days' WHERE user_id = $1`, [
      user.id,
    ]);
    expect((await ctx.http.get('/account').set('Cookie', cookies)).status).toBe(303);
  });

  it('never changes the saved language on a GET: ?lang= only sets the cookie', async () => {
    const user = await ctx.newUser({ locale: 'ky' });
    const cookies = await webSessionCookies(ctx, user, '/account');
    const page = await ctx.http.get('/account?lang=en').set('Cookie', cookies);
    expect(page.text).toContain('<html lang="en"');
    const [row] = await ctx.db.query('SELECT locale FROM users WHERE id = $1', [user.id]);
    expect(row.locale).toBe('ky');
  });

  it('ends every web session when the account is blocked (token version)', async () => {
    const user = await ctx.newUser();
    const cookies = await webSessionCookies(ctx, user, '/account');
    await ctx.db.query('UPDATE users SET token_version = token_version + 1 WHERE id = $1', [user.id]);
    expect((await ctx.http.get('/account').set('Cookie', cookies)).status).toBe(303);
    const rows = await ctx.db.query('SELECT 1 FROM web_sessions WHERE user_id = $1', [user.id]);
    expect(rows).toHaveLength(0);
  });

  it("shows error pages in the visitor's language", async () => {
    const missing = await ctx.http.get('/no-such-page').set('Accept-Language', 'ky');
    expect(missing.status).toBe(404);
    expect(missing.text).toContain('Барак табылган жок');
    expect(missing.headers['cache-control']).toBe('private, no-store');
  });
});

describe('website cookies over https', () => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await TestContext.start({ PUBLIC_URL: 'https://portal.test' });
  });

  afterAll(async () => {
    await ctx.close();
  });

  it('uses __Host- names with Secure when PUBLIC_URL is https', async () => {
    const user = await ctx.newUser();
    const page = await ctx.http.get('/login');
    expect(setCookieLine(page, '__Host-csrf')).toMatch(/; Path=\/; HttpOnly; Secure; SameSite=Lax/);
    const response = await ctx.http
      .post('/login')
      .set('Cookie', `__Host-csrf=${cookieValue(page, '__Host-csrf')}`)
      .set('Origin', 'https://portal.test')
      .type('form')
      .send({ _csrf: csrfTokenIn(page.text), email: user.email, password: user.password });
    expect(response.status).toBe(303);
    expect(setCookieLine(response, '__Host-session')).toMatch(/; Path=\/; HttpOnly; Secure; SameSite=Lax/);
  });
});
