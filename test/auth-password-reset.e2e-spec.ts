import { createHash, randomBytes } from 'node:crypto';
import { Response } from 'supertest';
import { linkIn } from './support/smtp-sink';
import { bearer, TestContext, TestUser } from './support/test-app';
import { expectProblem, formIn } from './support/assertions';

const NEW_PASSWORD = 'a brand new password for spring';

/** The form of a portal page: where it posts and the names and values of its inputs. */

describe('password reset', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await TestContext.start();
  });
  afterAll(() => ctx.close());

  const forgot = (email: string) => ctx.http.post('/api/v1/auth/forgot-password').send({ email });
  const reset = (token: string, password: string) =>
    ctx.http.post('/api/v1/auth/reset-password').send({ token, password });
  const login = (email: string, password: string) =>
    ctx.http.post('/api/v1/auth/login').send({ email, password });

  /** Asks for a reset and follows the email: the n-th message to the user carries the link. */
  async function resetLink(user: TestUser, n = 1): Promise<{ path: string; token: string }> {
    await forgot(user.email).expect(202);
    const mail = await ctx.mail.waitFor(user.email, n);
    expect(mail.subject).toBe('Reset your password');
    const { url, token } = linkIn(mail, '/reset-password');
    expect(url.origin).toBe('http://portal.test');
    return { path: `${url.pathname}${url.search}`, token };
  }

  async function passwordHash(userId: string): Promise<string> {
    return (await ctx.userRow(userId)).passwordHash;
  }

  it('answers an unknown and a known email with the same 202 body; only the known one gets mail', async () => {
    const user = await ctx.newUser();
    const unknownEmail = ctx.uniqueEmail('nobody');
    const known = await forgot(user.email.toUpperCase());
    const unknown = await forgot(unknownEmail);
    expect(known.status).toBe(202);
    expect(unknown.status).toBe(202);
    expect(unknown.body).toEqual(known.body);
    expect(known.body).toEqual({ status: 'accepted', message: expect.any(String) });

    await ctx.mail.waitFor(user.email);
    expect(await ctx.count('email_outbox', 'to_address = $1', [unknownEmail])).toBe(0);
    expect(ctx.mail.to(unknownEmail)).toHaveLength(0);
  });

  it('resets through the emailed link, ends every session, and the new password signs in', async () => {
    const user = await ctx.newUser();
    const otherSession = await ctx.login(user.email, user.password);
    const { token } = await resetLink(user);

    const response = await reset(token, NEW_PASSWORD);
    expect(response.status).toBe(204);

    expectProblem(
      await ctx.http.post('/api/v1/auth/refresh').send({ refreshToken: user.refreshToken }),
      401,
      'invalid_token',
    );
    expectProblem(
      await ctx.http.post('/api/v1/auth/refresh').send({ refreshToken: otherSession.refreshToken }),
      401,
      'invalid_token',
    );
    expectProblem(await ctx.http.get('/api/v1/users/me').set(...bearer(user)), 401, 'unauthenticated');
    expectProblem(await login(user.email, user.password), 401, 'invalid_credentials');
    expect(await ctx.count('refresh_tokens', 'user_id = $1 AND revoked_at IS NULL', [user.id])).toBe(0);

    const signedIn = await login(user.email, NEW_PASSWORD);
    expect(signedIn.status).toBe(200);
    await ctx.http
      .get('/api/v1/users/me')
      .set(...bearer(signedIn.body))
      .expect(200);
  });

  it('accepts a reset token only once: the second use is 401 and does not change the password', async () => {
    const user = await ctx.newUser();
    const { token } = await resetLink(user);
    await reset(token, NEW_PASSWORD).expect(204);
    const hashAfterReset = await passwordHash(user.id);

    expectProblem(await reset(token, 'a second different password'), 401, 'invalid_token');
    expect(await passwordHash(user.id)).toBe(hashAfterReset);
    await login(user.email, 'a second different password').expect(401);
    await login(user.email, NEW_PASSWORD).expect(200);
  });

  it('voids the earlier reset link when a new one is sent; the newest one works', async () => {
    const user = await ctx.newUser();
    const first = await resetLink(user, 1);
    const second = await resetLink(user, 2);

    expectProblem(await reset(first.token, NEW_PASSWORD), 401, 'invalid_token');
    await reset(second.token, NEW_PASSWORD).expect(204);
  });

  it('voids every other live reset token of the account when one is used', async () => {
    const user = await ctx.newUser();
    const { token } = await resetLink(user);
    // A token issued before this rule existed (or by any other path): live at the same time.
    const older = randomBytes(32).toString('base64url');
    await ctx.db.query(
      `INSERT INTO email_tokens (user_id, purpose, token_hash, expires_at)
       VALUES ($1, 'reset_password', $2, now() + interval '1 hour')`,
      [user.id, createHash('sha256').update(older).digest('hex')],
    );

    await reset(token, NEW_PASSWORD).expect(204);
    expectProblem(await reset(older, 'a second different password'), 401, 'invalid_token');
    expect(await ctx.count('email_tokens', 'user_id = $1 AND used_at IS NULL', [user.id])).toBe(0);
  });

  it('refuses a weak new password with a field error and leaves the token usable', async () => {
    const user = await ctx.newUser();
    const { token } = await resetLink(user);
    const hashBefore = await passwordHash(user.id);

    for (const weak of ['too short', '1234567890', 'y'.repeat(129)]) {
      const response = await reset(token, weak);
      expectProblem(response, 400, 'validation_failed');
      expect(response.body.errors).toEqual(
        expect.arrayContaining([expect.objectContaining({ field: 'password' })]),
      );
    }
    expect(await passwordHash(user.id)).toBe(hashBefore);
    await reset(token, NEW_PASSWORD).expect(204);
  });

  it('refuses an unknown reset token with 401', async () => {
    expectProblem(await reset('z'.repeat(43), NEW_PASSWORD), 401, 'invalid_token');
  });

  it('does not accept a confirmation token as a reset token', async () => {
    const user = await ctx.newUser({ confirmed: false });
    await ctx.http
      .post('/api/v1/auth/resend-confirmation')
      .set(...bearer(user))
      .send({})
      .expect(202);
    const { token } = linkIn(await ctx.mail.waitFor(user.email), '/confirm-email');
    const hashBefore = await passwordHash(user.id);

    expectProblem(await reset(token, NEW_PASSWORD), 401, 'invalid_token');
    expect(await passwordHash(user.id)).toBe(hashBefore);
  });

  describe('the reset page at the root', () => {
    it('shows a new-password form on GET without using the token up; its post changes the password', async () => {
      const user = await ctx.newUser();
      const link = await resetLink(user);

      for (let i = 0; i < 2; i += 1) {
        const page = await ctx.http.get(link.path);
        expect(page.status).toBe(200);
        expect(page.headers['content-type']).toMatch(/^text\/html/);
        expect(page.headers['cache-control']).toBe('private, no-store');
        expect(page.headers['referrer-policy']).toBe('no-referrer');
        expect(page.text).toMatch(/<input[^>]*name="password"[^>]*type="password"/);
        expect(formIn(page.text)).toEqual({
          action: '/reset-password?lang=en',
          fields: { token: link.token, password: '' },
          button: true,
        });
      }
      expect(
        await ctx.count('email_tokens', "user_id = $1 AND purpose = 'reset_password' AND used_at IS NULL", [
          user.id,
        ]),
      ).toBe(1);
      await login(user.email, user.password).expect(200);

      const form = formIn((await ctx.http.get(link.path)).text);
      const done = await ctx.http
        .post(form.action)
        .type('form')
        .send({ ...form.fields, password: NEW_PASSWORD });
      expect(done.status).toBe(200);
      expect(done.text).toContain('Your password is changed');
      await login(user.email, NEW_PASSWORD).expect(200);

      expect((await ctx.http.get(link.path)).status).toBe(410);
    });

    it('shows the form again with the reason when the new password is too short, and the token survives', async () => {
      const user = await ctx.newUser();
      const link = await resetLink(user);
      const form = formIn((await ctx.http.get(link.path)).text);

      const refused = await ctx.http
        .post(form.action)
        .type('form')
        .send({ ...form.fields, password: 'short' });
      expect(refused.status).toBe(400);
      expect(refused.text).toContain('at least 10 characters');
      expect(formIn(refused.text).fields.token).toBe(link.token);
      await login(user.email, user.password).expect(200);

      await ctx.http
        .post(form.action)
        .type('form')
        .send({ ...form.fields, password: NEW_PASSWORD })
        .expect(200);
      await login(user.email, NEW_PASSWORD).expect(200);
    });

    it('answers a used or unknown token with 410 and no form', async () => {
      const page = await ctx.http.get('/reset-password?token=unknown-token-value&lang=en');
      expect(page.status).toBe(410);
      expect(page.text).toContain('This link cannot be used');
      expect(page.text).not.toContain('<form');
    });
  });
});

describe('password reset rate limits', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await TestContext.start({
      RATE_LIMIT_REGISTRATIONS_PER_EMAIL: '2',
      RATE_LIMIT_TOKEN_USES_PER_ADDRESS: '3',
    });
  });
  afterAll(() => ctx.close());

  const forgot = (email: string) => ctx.http.post('/api/v1/auth/forgot-password').send({ email });

  function expectLimited(response: Response): void {
    expectProblem(response, 429, 'rate_limited');
    expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
  }

  it('limits reset requests per email: past the limit 429 with Retry-After, and no more mail', async () => {
    const user = await ctx.newUser();
    await forgot(user.email).expect(202);
    await forgot(user.email).expect(202);
    expectLimited(await forgot(user.email.toUpperCase()));
    expect(await ctx.count('email_outbox', 'to_address = $1', [user.email])).toBe(2);
  });

  it('limits token uses per address: past the limit even a valid token is refused with 429', async () => {
    const user = await ctx.newUser();
    await forgot(user.email).expect(202);
    const { token } = linkIn(await ctx.mail.waitFor(user.email), '/reset-password');
    for (let i = 0; i < 3; i += 1) {
      const guess = await ctx.http
        .post('/api/v1/auth/reset-password')
        .send({ token: `guessed-token-number-${i}`, password: NEW_PASSWORD });
      expectProblem(guess, 401, 'invalid_token');
    }
    const hashBefore = (await ctx.userRow(user.id)).passwordHash;

    expectLimited(await ctx.http.post('/api/v1/auth/reset-password').send({ token, password: NEW_PASSWORD }));
    const page = await ctx.http
      .post('/reset-password?lang=en')
      .type('form')
      .send({ token, password: NEW_PASSWORD });
    expect(page.status).toBe(429);
    expect(page.text).toContain('Too many attempts');
    expect((await ctx.userRow(user.id)).passwordHash).toBe(hashBefore);
    expect(
      await ctx.count('email_tokens', "user_id = $1 AND purpose = 'reset_password' AND used_at IS NULL", [
        user.id,
      ]),
    ).toBe(1);
  });
});
