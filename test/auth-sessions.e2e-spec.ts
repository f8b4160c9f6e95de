import { createHash, createHmac, randomUUID } from 'node:crypto';
import { Response } from 'supertest';
import { bearer, TestContext, TestUser } from './support/test-app';
import { expectFieldError, expectProblem } from './support/assertions';

/** The JWT_SECRET the test context configures; tokens signed with it are the portal's own. */
const TEST_JWT_SECRET = 'test-jwt-secret-that-is-long-enough-0123456789';
const ISSUER = 'best-practice-portal';

interface TokenPair {
  accessToken: string;
  refreshToken: string;
}

function base64urlJson(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** Builds a JWT by hand, so the tests can forge every kind of bad token. */
function craftJwt(
  claims: Record<string, unknown>,
  options: { alg?: 'HS256' | 'HS512' | 'none'; secret?: string } = {},
): string {
  const alg = options.alg ?? 'HS256';
  const signingInput = `${base64urlJson({ alg, typ: 'JWT' })}.${base64urlJson(claims)}`;
  if (alg === 'none') {
    return `${signingInput}.`;
  }
  const signature = createHmac(alg === 'HS256' ? 'sha256' : 'sha512', options.secret ?? TEST_JWT_SECRET)
    .update(signingInput)
    .digest('base64url');
  return `${signingInput}.${signature}`;
}

function claimsFor(userId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const now = Math.floor(Date.now() / 1000);
  return { sub: userId, tv: 0, iss: ISSUER, aud: ISSUER, iat: now, exp: now + 300, ...overrides };
}

function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

describe('sessions: sign-in, refresh rotation, sign-out, access tokens', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await TestContext.start();
  });
  afterAll(() => ctx.close());

  const login = (email: string, password: string) =>
    ctx.http.post('/api/v1/auth/login').send({ email, password });
  const refresh = (refreshToken: string) => ctx.http.post('/api/v1/auth/refresh').send({ refreshToken });
  const me = (accessToken: string) => ctx.http.get('/api/v1/users/me').set(...bearer({ accessToken }));

  function refreshRow(
    refreshToken: string,
  ): Promise<{ family_id: string; used_at: Date | null; revoked_at: Date | null }> {
    return ctx.db
      .query('SELECT family_id, used_at, revoked_at FROM refresh_tokens WHERE token_hash = $1', [
        sha256Hex(refreshToken),
      ])
      .then((rows: { family_id: string; used_at: Date | null; revoked_at: Date | null }[]) => rows[0]);
  }

  async function rotate(refreshToken: string): Promise<TokenPair> {
    const response = await refresh(refreshToken);
    expect(response.status).toBe(200);
    return response.body as TokenPair;
  }

  describe('sign-in', () => {
    it('returns an access token, a refresh token and expiresIn; the access token opens /users/me', async () => {
      const user = await ctx.newUser();
      const response = await login(user.email.toUpperCase(), user.password);
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        accessToken: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
        refreshToken: expect.any(String),
        expiresIn: 900,
      });
      const profile = await me(response.body.accessToken).expect(200);
      expect(profile.body).toMatchObject({ id: user.id, email: user.email });
      expect(profile.body).not.toHaveProperty('passwordHash');
      const row = await refreshRow(response.body.refreshToken);
      expect(row).toMatchObject({ used_at: null, revoked_at: null });
    });

    it('answers a wrong password and an unknown email with the same 401 invalid_credentials', async () => {
      const user = await ctx.newUser();
      const wrongPassword = await login(user.email, 'not the right password at all');
      const unknownEmail = await login(ctx.uniqueEmail('nobody'), 'not the right password at all');
      expectProblem(wrongPassword, 401, 'invalid_credentials');
      expect(unknownEmail.status).toBe(wrongPassword.status);
      expect(unknownEmail.headers['content-type']).toBe(wrongPassword.headers['content-type']);
      expect(unknownEmail.body).toEqual(wrongPassword.body);
      expect(await ctx.count('refresh_tokens', 'user_id = $1', [user.id])).toBe(1); // newUser's own sign-in
    });

    it('refuses a sign-in without a password as a validation error', async () => {
      const response = await ctx.http.post('/api/v1/auth/login').send({ email: ctx.uniqueEmail() });
      expectProblem(response, 400, 'validation_failed');
      expect(response.body.errors).toEqual(
        expect.arrayContaining([expect.objectContaining({ field: 'password' })]),
      );
    });

    it('refuses a protected route without a token, or with a token that is not a JWT, with 401', async () => {
      expectProblem(await ctx.http.get('/api/v1/users/me'), 401, 'unauthenticated');
      expectProblem(await me('not-a-jwt'), 401, 'unauthenticated');
    });
  });

  describe('refresh rotation', () => {
    it('rotates: the new pair works, and the new refresh token can be rotated again', async () => {
      const user = await ctx.newUser();
      const second = await rotate(user.refreshToken);
      expect(second.refreshToken).not.toBe(user.refreshToken);
      await me(second.accessToken).expect(200);

      const third = await rotate(second.refreshToken);
      await me(third.accessToken).expect(200);
      const [first, next] = await Promise.all([
        refreshRow(user.refreshToken),
        refreshRow(third.refreshToken),
      ]);
      expect(first.used_at).not.toBeNull();
      expect(next.family_id).toBe(first.family_id);
    });

    it('refuses a reused refresh token and revokes its family, newer tokens included', async () => {
      const user = await ctx.newUser();
      const rotated = await rotate(user.refreshToken);

      expectProblem(await refresh(user.refreshToken), 401, 'invalid_token');
      expectProblem(await refresh(rotated.refreshToken), 401, 'invalid_token');
      const family = (await refreshRow(user.refreshToken)).family_id;
      expect(await ctx.count('refresh_tokens', 'family_id = $1', [family])).toBe(2);
      expect(await ctx.count('refresh_tokens', 'family_id = $1 AND revoked_at IS NULL', [family])).toBe(0);
    });

    it("ends only the session whose token was reused, not the user's other sessions", async () => {
      const user = await ctx.newUser();
      const otherSession = await ctx.login(user.email, user.password);
      await rotate(user.refreshToken);
      await refresh(user.refreshToken).expect(401);

      const stillAlive = await rotate(otherSession.refreshToken);
      await me(stillAlive.accessToken).expect(200);
    });

    it('refuses an unknown refresh token with 401 and a malformed body with 400', async () => {
      expectProblem(await refresh('a'.repeat(43)), 401, 'invalid_token');
      const missing = await ctx.http.post('/api/v1/auth/refresh').send({});
      expectProblem(missing, 400, 'validation_failed');
      expect(missing.body.errors).toEqual(
        expect.arrayContaining([expect.objectContaining({ field: 'refreshToken' })]),
      );
    });
  });

  describe('sign-out', () => {
    const logout = (user: TokenPair, refreshToken: string) =>
      ctx.http
        .post('/api/v1/auth/logout')
        .set(...bearer(user))
        .send({ refreshToken });

    it('answers 204 and the refresh token no longer works', async () => {
      const user = await ctx.newUser();
      const response = await logout(user, user.refreshToken);
      expect(response.status).toBe(204);
      expect(response.text).toBe('');
      expect((await refreshRow(user.refreshToken)).revoked_at).not.toBeNull();
      expectProblem(await refresh(user.refreshToken), 401, 'invalid_token');
    });

    it("changes nothing when given someone else's refresh token", async () => {
      const [caller, victim]: TestUser[] = [await ctx.newUser(), await ctx.newUser()];
      await logout(caller, victim.refreshToken).expect(204);
      expect((await refreshRow(victim.refreshToken)).revoked_at).toBeNull();
      await rotate(victim.refreshToken);
    });

    it('requires a signed-in caller', async () => {
      const user = await ctx.newUser();
      const response = await ctx.http.post('/api/v1/auth/logout').send({ refreshToken: user.refreshToken });
      expectProblem(response, 401, 'unauthenticated');
      expect((await refreshRow(user.refreshToken)).revoked_at).toBeNull();
    });
  });

  describe('access token verification', () => {
    let user: TestUser;
    beforeAll(async () => {
      user = await ctx.newUser();
    });

    it('accepts a hand-made token signed like the portal signs (so the forgeries below differ in one way only)', async () => {
      const response = await me(craftJwt(claimsFor(user.id)));
      expect(response.status).toBe(200);
      expect(response.body.id).toBe(user.id);
    });

    const forgeries: [string, () => string][] = [
      ['alg none', () => craftJwt(claimsFor(user.id), { alg: 'none' })],
      ['alg none and a bogus signature', () => `${craftJwt(claimsFor(user.id), { alg: 'none' })}x`],
      [
        'a different secret',
        () => craftJwt(claimsFor(user.id), { secret: 'another-secret-that-is-long-enough-000000' }),
      ],
      [
        'another HMAC algorithm (HS512) with the right secret',
        () => craftJwt(claimsFor(user.id), { alg: 'HS512' }),
      ],
      [
        'an expiry in the past',
        () => craftJwt(claimsFor(user.id, { iat: 1_700_000_000, exp: 1_700_000_600 })),
      ],
      ['another issuer', () => craftJwt(claimsFor(user.id, { iss: 'someone-else' }))],
      ['another audience', () => craftJwt(claimsFor(user.id, { aud: 'someone-else' }))],
      ['a stale token version', () => craftJwt(claimsFor(user.id, { tv: 1 }))],
      ['an unknown subject', () => craftJwt(claimsFor(randomUUID()))],
      ['a payload swapped after signing', () => swapPayload(user.accessToken, claimsFor(randomUUID()))],
    ];

    it.each(forgeries)('refuses a token with %s with 401', async (_, token) => {
      expectProblem(await me(token()), 401, 'unauthenticated');
    });
  });
});

describe('sign out everywhere and password change', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await TestContext.start();
  });
  afterAll(() => ctx.close());

  const NEW_PASSWORD = 'a fresh password for the account';
  const me = (session: { accessToken: string }) => ctx.http.get('/api/v1/users/me').set(...bearer(session));
  const refresh = (session: { refreshToken: string }) =>
    ctx.http.post('/api/v1/auth/refresh').send({ refreshToken: session.refreshToken });
  const changePassword = (caller: TestUser, body: Record<string, unknown>) =>
    ctx.http
      .post('/api/v1/auth/change-password')
      .set(...bearer(caller))
      .send(body);

  async function expectSessionEnded(session: TokenPair): Promise<void> {
    expectProblem(await me(session), 401, 'unauthenticated');
    expectProblem(await refresh(session), 401, 'invalid_token');
  }

  describe('POST /auth/logout-all', () => {
    it("ends every session of the caller (access and refresh tokens), audited, and no one else's", async () => {
      const user = await ctx.newUser();
      const otherSession = await ctx.login(user.email, user.password);
      const bystander = await ctx.newUser();

      await ctx.http
        .post('/api/v1/auth/logout-all')
        .set(...bearer(user))
        .expect(204); // no body needed

      await expectSessionEnded(user);
      await expectSessionEnded(otherSession);
      expect(await ctx.count('refresh_tokens', 'user_id = $1 AND revoked_at IS NULL', [user.id])).toBe(0);
      expect(
        await ctx.count(
          'audit_log',
          "action = 'user.signed_out_everywhere' AND actor_id = $1 AND object_id = $1::text",
          [user.id],
        ),
      ).toBe(1);
      await me(bystander).expect(200);
      await ctx.login(user.email, user.password); // the password still works: only sessions ended
    });

    it('requires a signed-in caller and refuses unknown body members', async () => {
      expectProblem(await ctx.http.post('/api/v1/auth/logout-all').send({}), 401, 'unauthenticated');
      const user = await ctx.newUser();
      expectProblem(
        await ctx.http
          .post('/api/v1/auth/logout-all')
          .set(...bearer(user))
          .send({ everyone: true }),
        400,
        'validation_failed',
      );
      await me(user).expect(200);
    });
  });

  describe('POST /auth/change-password', () => {
    it('sets the new password, ends every other session, and returns a fresh pair for the caller', async () => {
      const user = await ctx.newUser();
      const otherSession = await ctx.login(user.email, user.password);

      const response = await changePassword(user, {
        currentPassword: user.password,
        newPassword: NEW_PASSWORD,
      });

      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        accessToken: expect.any(String),
        refreshToken: expect.any(String),
        expiresIn: 900,
      });
      await me(response.body as TokenPair).expect(200);
      await rotateOk(response.body as TokenPair);
      await expectSessionEnded(user);
      await expectSessionEnded(otherSession);
      expectProblem(
        await ctx.http.post('/api/v1/auth/login').send({ email: user.email, password: user.password }),
        401,
        'invalid_credentials',
      );
      await ctx.login(user.email, NEW_PASSWORD);
      expect(
        await ctx.count('audit_log', "action = 'user.password_changed' AND object_id = $1", [user.id]),
      ).toBe(1);
    });

    it('refuses a wrong current password with 403 and changes nothing', async () => {
      const user = await ctx.newUser();
      const hashBefore = (await ctx.userRow(user.id)).passwordHash;

      const response = await changePassword(user, {
        currentPassword: 'not my password at all',
        newPassword: NEW_PASSWORD,
      });

      expectProblem(response, 403, 'current_password_wrong');
      expect((await ctx.userRow(user.id)).passwordHash).toBe(hashBefore);
      await me(user).expect(200);
      expect(await ctx.count('audit_log', 'object_id = $1', [user.id])).toBe(0);
    });

    it.each([
      ['no current password', { newPassword: NEW_PASSWORD }, 'currentPassword'],
      [
        'an over-long current password',
        { currentPassword: 'x'.repeat(1025), newPassword: NEW_PASSWORD },
        'currentPassword',
      ],
      ['no new password', {}, 'newPassword'],
      ['a short new password', { newPassword: 'too short' }, 'newPassword'],
      ['a common new password', { newPassword: '1234567890' }, 'newPassword'],
      ['an over-long new password', { newPassword: 'y'.repeat(129) }, 'newPassword'],
    ])(
      'refuses %s with a field error and changes nothing',
      async (_case, body: Record<string, string>, field) => {
        const user = await ctx.newUser();
        const hashBefore = (await ctx.userRow(user.id)).passwordHash;
        // The right current password unless the case is about it.
        const sent = field === 'currentPassword' ? body : { currentPassword: user.password, ...body };
        const response = await changePassword(user, sent);
        expectFieldError(response, field);
        expect((await ctx.userRow(user.id)).passwordHash).toBe(hashBefore);
        await me(user).expect(200);
      },
    );

    it('requires a signed-in caller', async () => {
      const response = await ctx.http
        .post('/api/v1/auth/change-password')
        .send({ currentPassword: 'whatever it is', newPassword: NEW_PASSWORD });
      expectProblem(response, 401, 'unauthenticated');
    });
  });

  async function rotateOk(session: TokenPair): Promise<void> {
    const response = await refresh(session);
    expect(response.status).toBe(200);
  }
});

function swapPayload(token: string, claims: Record<string, unknown>): string {
  const [header, , signature] = token.split('.');
  return `${header}.${base64urlJson(claims)}.${signature}`;
}

describe('sign-in rate limit per account', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await TestContext.start({ RATE_LIMIT_LOGIN_FAILURES_PER_ACCOUNT: '3' });
  });
  afterAll(() => ctx.close());

  const login = (email: string, password: string) =>
    ctx.http.post('/api/v1/auth/login').send({ email, password });

  function expectLimited(response: Response): void {
    expectProblem(response, 429, 'rate_limited');
    const retryAfter = Number(response.headers['retry-after']);
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
  }

  it('refuses the 4th attempt after 3 failures with 429 and Retry-After, even with the right password', async () => {
    const user = await ctx.newUser();
    for (let i = 0; i < 3; i += 1) {
      expectProblem(await login(user.email, `wrong password number ${i}`), 401, 'invalid_credentials');
    }
    const sessionsBefore = await ctx.count('refresh_tokens', 'user_id = $1', [user.id]);
    expectLimited(await login(user.email, user.password));
    expectLimited(await login(user.email.toUpperCase(), user.password));
    expect(await ctx.count('refresh_tokens', 'user_id = $1', [user.id])).toBe(sessionsBefore);
  });

  it('counts wrong current passwords of a password change on the same per-account limit', async () => {
    const user = await ctx.newUser();
    const change = (currentPassword: string) =>
      ctx.http
        .post('/api/v1/auth/change-password')
        .set(...bearer(user))
        .send({ currentPassword, newPassword: 'a fresh password for the account' });
    expectProblem(await login(user.email, 'wrong password number 1'), 401, 'invalid_credentials');
    expectProblem(await change('wrong password number 2'), 403, 'current_password_wrong');
    expectProblem(await change('wrong password number 3'), 403, 'current_password_wrong');
    expectLimited(await change(user.password));
    expectLimited(await login(user.email, user.password));
  });

  it('limits an unknown email the same way, so the limit reveals nothing', async () => {
    const email = ctx.uniqueEmail('nobody');
    for (let i = 0; i < 3; i += 1) {
      await login(email, 'some password here').expect(401);
    }
    expectLimited(await login(email, 'some password here'));
  });

  it('does not limit other accounts', async () => {
    const limited = await ctx.newUser();
    for (let i = 0; i < 4; i += 1) {
      await login(limited.email, 'wrong password again');
    }
    const other = await ctx.newUser();
    const response = await login(other.email, other.password);
    expect(response.status).toBe(200);
  });
});

describe('sign-in rate limit under concurrency', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await TestContext.start({ RATE_LIMIT_LOGIN_FAILURES_PER_ACCOUNT: '10' });
  });
  afterAll(() => ctx.close());

  it('verifies at most 10 of 50 simultaneous wrong sign-ins for one account; the rest get 429', async () => {
    const user = await ctx.newUser();
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        ctx.http.post('/api/v1/auth/login').send({ email: user.email, password: `wrong password ${i}` }),
      ),
    );
    const statuses = responses.map((response) => response.status);
    const verified = statuses.filter((status) => status === 401).length;
    expect(statuses.filter((status) => status === 429)).toHaveLength(50 - verified);
    expect(verified).toBeLessThanOrEqual(10);
    expect(verified).toBeGreaterThan(0);
  });

  it('does not count a successful sign-in against the limit', async () => {
    const user = await ctx.newUser();
    for (let i = 0; i < 12; i += 1) {
      await ctx.login(user.email, user.password);
    }
    await ctx.http
      .post('/api/v1/auth/login')
      .send({ email: user.email, password: 'wrong password' })
      .expect(401);
  });
});

describe('sign-in rate limit per network address', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    // The test client is the proxy, so X-Forwarded-For can play clients on other networks.
    ctx = await TestContext.start({
      RATE_LIMIT_LOGIN_FAILURES_PER_ADDRESS: '4',
      TRUSTED_PROXIES: '127.0.0.1,::1',
    });
  });
  afterAll(() => ctx.close());

  const loginFrom = (forwardedFor: string, email: string, password: string) =>
    ctx.http.post('/api/v1/auth/login').set('X-Forwarded-For', forwardedFor).send({ email, password });

  it('counts every IPv6 address of one /64 as one client, and other /64s apart', async () => {
    const user = await ctx.newUser();
    for (let i = 0; i < 4; i += 1) {
      await loginFrom(`2001:db8:7:9::${i + 1}`, ctx.uniqueEmail('v6'), 'password spraying attempt').expect(
        401,
      );
    }
    expectProblem(await loginFrom('2001:db8:7:9:abcd::99', user.email, user.password), 429, 'rate_limited');
    await loginFrom('2001:db8:7:a::1', user.email, user.password).expect(200);
  });

  it('counts an IPv4-mapped IPv6 address as the IPv4 address', async () => {
    const user = await ctx.newUser();
    for (let i = 0; i < 4; i += 1) {
      await loginFrom('198.51.100.20', ctx.uniqueEmail('v4'), 'password spraying attempt').expect(401);
    }
    expectProblem(await loginFrom('::ffff:198.51.100.20', user.email, user.password), 429, 'rate_limited');
  });

  it('refuses every sign-in from an address with 429 once it had 4 failures, across accounts', async () => {
    const user = await ctx.newUser();
    for (let i = 0; i < 4; i += 1) {
      await ctx.http
        .post('/api/v1/auth/login')
        .send({ email: ctx.uniqueEmail('spray'), password: 'password spraying attempt' })
        .expect(401);
    }
    const response = await ctx.http
      .post('/api/v1/auth/login')
      .send({ email: user.email, password: user.password });
    expectProblem(response, 429, 'rate_limited');
    expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
  });
});
