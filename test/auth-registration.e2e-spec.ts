import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Test } from 'supertest';
import { linkIn, ReceivedMail } from './support/smtp-sink';
import { bearer, TestContext } from './support/test-app';
import { expectFieldError, expectProblem, formIn } from './support/assertions';

const PASSWORD = 'correct horse battery staple';

function mailTemplate(locale: string, name: string): { subject: string } {
  const file = join(__dirname, '..', 'src', 'notifications', 'templates', locale, `${name}.json`);
  return JSON.parse(readFileSync(file, 'utf8'));
}

function registerWith(ctx: TestContext, body: Record<string, unknown>): Test {
  return ctx.http.post('/api/v1/auth/register').send(body);
}

function registration(email: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { email, password: PASSWORD, fullName: 'Айгүл Асанова', locale: 'en', consent: true, ...overrides };
}

function usersWithEmail(ctx: TestContext, email: string): Promise<number> {
  return ctx.count('users', 'lower(email) = lower($1)', [email]);
}

/** The form of a portal page: where it posts, its fields, whether it has a button to press. */

/** The page link of an email, relative to the portal (the sink's link carries PUBLIC_URL). */
function pagePath(mail: ReceivedMail, path: string): { path: string; token: string } {
  const { url, token } = linkIn(mail, path);
  expect(url.origin).toBe('http://portal.test');
  return { path: `${url.pathname}${url.search}`, token };
}

describe('registration and email confirmation', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await TestContext.start();
  });
  afterAll(() => ctx.close());

  async function registerAndReadLink(email: string): Promise<{ path: string; token: string }> {
    await registerWith(ctx, registration(email)).expect(202);
    const mail = await ctx.mail.waitFor(email);
    return pagePath(mail, '/confirm-email');
  }

  async function profileOf(email: string, password = PASSWORD): Promise<Record<string, unknown>> {
    const session = await ctx.login(email, password);
    const response = await ctx.http
      .get('/api/v1/users/me')
      .set(...bearer(session))
      .expect(200);
    return response.body;
  }

  it('registers, confirms through the emailed link with the API, and then signs in confirmed', async () => {
    const email = ctx.uniqueEmail('flow');
    const response = await registerWith(ctx, registration(email));
    expect(response.status).toBe(202);
    expect(response.body).toEqual({ status: 'accepted', message: expect.any(String) });
    expect(await usersWithEmail(ctx, email)).toBe(1);
    expect(await profileOf(email)).toMatchObject({ email, emailConfirmed: false });

    const mail = await ctx.mail.waitFor(email);
    expect(mail.subject).toBe(mailTemplate('en', 'confirm-email').subject);
    const { token } = pagePath(mail, '/confirm-email');
    expect(token.length).toBeGreaterThanOrEqual(32);

    await ctx.http.post('/api/v1/auth/confirm-email').send({ token }).expect(204);
    expect(await profileOf(email)).toMatchObject({
      email,
      fullName: 'Айгүл Асанова',
      locale: 'en',
      roles: [],
      emailConfirmed: true,
    });
  });

  it('shows a confirm button on GET /confirm-email without using the token up; the form post confirms', async () => {
    const email = ctx.uniqueEmail('page');
    const link = await registerAndReadLink(email);

    for (let i = 0; i < 2; i += 1) {
      const page = await ctx.http.get(link.path);
      expect(page.status).toBe(200);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.headers['cache-control']).toBe('private, no-store');
      expect(formIn(page.text)).toEqual({
        action: '/confirm-email?lang=en',
        fields: { token: link.token },
        button: true,
      });
    }
    expect(await ctx.count('users', 'email = $1 AND email_confirmed_at IS NULL', [email])).toBe(1);
    expect(
      await ctx.count(
        'email_tokens t JOIN users u ON u.id = t.user_id',
        "u.email = $1 AND t.purpose = 'confirm_email' AND t.used_at IS NULL",
        [email],
      ),
    ).toBe(1);

    const form = formIn((await ctx.http.get(link.path).expect(200)).text);
    const confirmed = await ctx.http.post(form.action).type('form').send(form.fields);
    expect(confirmed.status).toBe(200);
    expect(confirmed.headers['content-type']).toMatch(/^text\/html/);
    expect(confirmed.text).toContain('Your email address is confirmed');
    expect(confirmed.text).not.toContain('<form');
    expect(await profileOf(email)).toMatchObject({ emailConfirmed: true });

    const usedLink = await ctx.http.get(link.path);
    expect(usedLink.status).toBe(410);
    expect(usedLink.text).not.toContain('<form');
  });

  it('accepts a confirmation token only once: the second use is 401', async () => {
    const email = ctx.uniqueEmail('once');
    const { token } = await registerAndReadLink(email);
    await ctx.http.post('/api/v1/auth/confirm-email').send({ token }).expect(204);

    const again = await ctx.http.post('/api/v1/auth/confirm-email').send({ token });
    expectProblem(again, 401, 'invalid_token');
    const againByForm = await ctx.http.post('/confirm-email?lang=en').type('form').send({ token });
    expect(againByForm.status).toBe(410);
  });

  it('refuses an unknown confirmation token with 401 and confirms nobody', async () => {
    const email = ctx.uniqueEmail('unknown-token');
    await registerAndReadLink(email);
    const response = await ctx.http.post('/api/v1/auth/confirm-email').send({ token: 'x'.repeat(43) });
    expectProblem(response, 401, 'invalid_token');
    expect(await ctx.count('users', 'email = $1 AND email_confirmed_at IS NOT NULL', [email])).toBe(0);
  });

  it('answers a taken email in another letter case exactly like a fresh one and tells the owner instead', async () => {
    const owner = await ctx.newUser({ email: ctx.uniqueEmail('owner') });
    const fresh = await registerWith(ctx, registration(ctx.uniqueEmail('fresh')));
    expect(fresh.status).toBe(202);

    const taken = await registerWith(
      ctx,
      registration(owner.email.toUpperCase(), {
        password: 'an attacker chosen password',
        fullName: 'Intruder',
      }),
    );
    expect(taken.status).toBe(fresh.status);
    expect(taken.headers['content-type']).toBe(fresh.headers['content-type']);
    expect(taken.body).toEqual(fresh.body);

    expect(await usersWithEmail(ctx, owner.email)).toBe(1);
    const notice = await ctx.mail.waitFor(owner.email);
    expect(notice.subject).toBe(mailTemplate('en', 'account-exists').subject);
    // A confirmed owner is offered a password reset, not a confirmation.
    expect(pagePath(notice, '/reset-password').token).not.toBe('');
    // The account is untouched: the owner's password and name still hold.
    const profile = await profileOf(owner.email, owner.password);
    expect(profile).toMatchObject({ fullName: 'Test User', emailConfirmed: true });
    await ctx.http
      .post('/api/v1/auth/login')
      .send({ email: owner.email, password: 'an attacker chosen password' })
      .expect(401);
  });

  it('gives the owner of a still unconfirmed account a fresh confirmation link in the notice', async () => {
    const email = ctx.uniqueEmail('unconfirmed-owner');
    await registerAndReadLink(email);
    await registerWith(ctx, registration(email.toUpperCase())).expect(202);

    const notice = await ctx.mail.waitFor(email, 2);
    expect(notice.subject).toBe(mailTemplate('en', 'account-exists').subject);
    const { token } = pagePath(notice, '/confirm-email');
    await ctx.http.post('/api/v1/auth/confirm-email').send({ token }).expect(204);
    expect(await profileOf(email)).toMatchObject({ emailConfirmed: true });
    expect(await usersWithEmail(ctx, email)).toBe(1);
  });

  it('sends the confirmation email in the language chosen at registration, and its page opens in it', async () => {
    const email = ctx.uniqueEmail('ky');
    await registerWith(ctx, registration(email, { locale: 'ky' })).expect(202);
    const mail = await ctx.mail.waitFor(email);
    expect(mail.subject).toBe(mailTemplate('ky', 'confirm-email').subject);
    expect(mail.subject).not.toBe(mailTemplate('en', 'confirm-email').subject);
    const { url, token } = linkIn(mail, '/confirm-email');
    expect(url.searchParams.get('lang')).toBe('ky');
    expect(mail.html).toContain(token);
    expect(mail.html).toMatch(/<html/i);

    const page = await ctx.http.get(`${url.pathname}${url.search}`).expect(200);
    expect(page.text).toMatch(/<html lang="ky"/);
    expect(formIn(page.text).action).toBe('/confirm-email?lang=ky');
  });

  describe('password policy', () => {
    const cases: [string, string, string][] = [
      ['too short (9 characters)', 'abcdefghi', 'minLength'],
      ['a common password', 'qwertyuiop', 'commonPassword'],
      ['a common password in other letter case', 'PassWord123', 'commonPassword'],
      ['too long (129 characters)', 'x'.repeat(129), 'maxLength'],
    ];

    it.each(cases)(
      'refuses a password that is %s with a field error and creates nothing',
      async (_, password, code) => {
        const email = ctx.uniqueEmail('weak');
        const response = await registerWith(ctx, registration(email, { password }));
        expectFieldError(response, 'password', code);
        expect(await usersWithEmail(ctx, email)).toBe(0);
        expect(await ctx.count('email_outbox', 'to_address = $1', [email])).toBe(0);
      },
    );

    it('accepts a password of exactly 128 characters, and it signs in whole', async () => {
      const email = ctx.uniqueEmail('long');
      const password = 'long password '.repeat(10).slice(0, 128);
      expect(password).toHaveLength(128);
      await registerWith(ctx, registration(email, { password })).expect(202);
      expect(await usersWithEmail(ctx, email)).toBe(1);
      await ctx.login(email, password);
      await ctx.http
        .post('/api/v1/auth/login')
        .send({ email, password: password.slice(0, 127) })
        .expect(401);
    });

    it('accepts a 64-character passphrase with non-Latin letters', async () => {
      const email = ctx.uniqueEmail('phrase');
      const password = 'тоодо жашаган кар илбирс ар дайым тоо чокусун карап турат, ооба!';
      expect(password).toHaveLength(64);
      await registerWith(ctx, registration(email, { password })).expect(202);
      expect(await usersWithEmail(ctx, email)).toBe(1);
      await ctx.login(email, password);
    });
  });

  describe('consent and mass assignment', () => {
    it.each([
      ['missing', { consent: undefined }],
      ['false', { consent: false }],
      ['the string "true"', { consent: 'true' }],
    ])('refuses registration when consent is %s', async (_, overrides) => {
      const email = ctx.uniqueEmail('consent');
      const response = await registerWith(ctx, registration(email, overrides));
      expectFieldError(response, 'consent');
      expect(await usersWithEmail(ctx, email)).toBe(0);
    });

    it('refuses an unknown field such as roles with unknownField and creates no user', async () => {
      const email = ctx.uniqueEmail('roles');
      const response = await registerWith(ctx, registration(email, { roles: ['admin'] }));
      expectFieldError(response, 'roles', 'unknownField');
      expect(await usersWithEmail(ctx, email)).toBe(0);
      expect(await ctx.count('email_outbox', 'to_address = $1', [email])).toBe(0);
    });

    it('lists every invalid member at once', async () => {
      const response = await registerWith(ctx, { email: 'not-an-email', password: 'short', fullName: 'x' });
      expectProblem(response, 400, 'validation_failed');
      const fields = (response.body.errors as { field: string }[]).map((error) => error.field);
      expect(new Set(fields)).toEqual(new Set(['email', 'password', 'fullName', 'consent']));
    });
  });

  describe('resending the confirmation', () => {
    const confirm = (token: string) => ctx.http.post('/api/v1/auth/confirm-email').send({ token });

    it('lets an unconfirmed user sign in, see their status and get a new working confirmation email', async () => {
      const user = await ctx.newUser({ confirmed: false });
      const me = await ctx.http.get('/api/v1/users/me').set(...bearer(user));
      expect(me.status).toBe(200);
      expect(me.body).toMatchObject({ id: user.id, emailConfirmed: false });

      const response = await ctx.http
        .post('/api/v1/auth/resend-confirmation')
        .set(...bearer(user))
        .send({});
      expect(response.status).toBe(202);
      const mail = await ctx.mail.waitFor(user.email);
      expect(mail.subject).toBe(mailTemplate('en', 'confirm-email').subject);
      const { token } = linkIn(mail, '/confirm-email');
      await ctx.http.post('/api/v1/auth/confirm-email').send({ token }).expect(204);
      expect((await ctx.userRow(user.id)).emailConfirmedAt).not.toBeNull();
    });

    it('voids the earlier confirmation link when a new one is sent; the newest one works', async () => {
      const user = await ctx.newUser({ confirmed: false });
      const resend = () =>
        ctx.http
          .post('/api/v1/auth/resend-confirmation')
          .set(...bearer(user))
          .send({})
          .expect(202);
      await resend();
      const first = linkIn(await ctx.mail.waitFor(user.email, 1), '/confirm-email').token;
      await resend();
      const second = linkIn(await ctx.mail.waitFor(user.email, 2), '/confirm-email').token;

      expectProblem(await confirm(first), 401, 'invalid_token');
      expect((await ctx.userRow(user.id)).emailConfirmedAt).toBeNull();
      await confirm(second).expect(204);
    });

    it('voids every other live confirmation token of the account when one is used', async () => {
      const user = await ctx.newUser({ confirmed: false });
      await ctx.http
        .post('/api/v1/auth/resend-confirmation')
        .set(...bearer(user))
        .send({})
        .expect(202);
      const { token } = linkIn(await ctx.mail.waitFor(user.email), '/confirm-email');
      // A token issued before this rule existed (or by any other path): live at the same time.
      const older = randomBytes(32).toString('base64url');
      await ctx.db.query(
        `INSERT INTO email_tokens (user_id, purpose, token_hash, expires_at)
         VALUES ($1, 'confirm_email', $2, now() + interval '1 hour')`,
        [user.id, createHash('sha256').update(older).digest('hex')],
      );

      await confirm(token).expect(204);
      expectProblem(await confirm(older), 401, 'invalid_token');
      expect(await ctx.count('email_tokens', 'user_id = $1 AND used_at IS NULL', [user.id])).toBe(0);
    });

    it('refuses a resend for a confirmed user with 409 and sends nothing', async () => {
      const user = await ctx.newUser();
      const response = await ctx.http
        .post('/api/v1/auth/resend-confirmation')
        .set(...bearer(user))
        .send({});
      expectProblem(response, 409, 'email_already_confirmed');
      expect(await ctx.count('email_outbox', 'to_address = $1', [user.email])).toBe(0);
    });

    it('refuses a resend without a signed-in user with 401', async () => {
      const response = await ctx.http.post('/api/v1/auth/resend-confirmation').send({});
      expectProblem(response, 401, 'unauthenticated');
    });
  });
});

describe('registration rate limit per email', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await TestContext.start({ RATE_LIMIT_REGISTRATIONS_PER_EMAIL: '2' });
  });
  afterAll(() => ctx.close());

  it('answers 429 with Retry-After once an email passed its limit, in any letter case, and sends nothing more', async () => {
    const email = ctx.uniqueEmail('limited');
    await registerWith(ctx, registration(email)).expect(202);
    await registerWith(ctx, registration(email)).expect(202);

    const limited = await registerWith(ctx, registration(email.toUpperCase()));
    expectProblem(limited, 429, 'rate_limited');
    const retryAfter = Number(limited.headers['retry-after']);
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(3600);

    expect(await usersWithEmail(ctx, email)).toBe(1);
    expect(await ctx.count('email_outbox', 'to_address = $1', [email])).toBe(2);
    // Another address is not affected.
    await registerWith(ctx, registration(ctx.uniqueEmail('other'))).expect(202);
  });
});
