import { Response } from 'supertest';
import { AuthErrors } from '../src/auth/auth.errors';
import { CommonErrors } from '../src/common/errors/domain-error';
import { bearer, TestContext } from './support/test-app';
import { expectProblem } from './support/assertions';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const PROBLEM_MEMBERS = ['type', 'title', 'status', 'detail', 'code'];
const ALLOWED_ORIGIN = 'https://portal.example.kg';

describe('HTTP behaviour', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await TestContext.start({ CORS_ORIGINS: ALLOWED_ORIGIN });
  });
  afterAll(() => ctx.close());

  const badLogin = () =>
    ctx.http
      .post('/api/v1/auth/login')
      .send({ email: ctx.uniqueEmail('nobody'), password: 'wrong password here' });

  describe('problem details for errors raised before a controller runs', () => {
    it('answers a malformed JSON body with 400 malformed_body and creates nothing', async () => {
      const usersBefore = await ctx.count('users');
      const response = await ctx.http
        .post('/api/v1/auth/register')
        .set('Content-Type', 'application/json')
        .send('{"email": "broken@example.kg", "password": ');
      expectProblem(response, 400, 'malformed_body');
      expect(await ctx.count('users')).toBe(usersBefore);
    });

    it('answers a body over 1 MiB with 413 payload_too_large', async () => {
      const response = await ctx.http
        .post('/api/v1/auth/register')
        .set('Content-Type', 'application/json')
        .send(JSON.stringify({ email: 'big@example.kg', fullName: 'x'.repeat(1024 * 1024 + 10) }));
      expectProblem(response, 413, 'payload_too_large');
    });

    it('accepts a body just under 1 MiB as far as the validator (which then refuses it with 400)', async () => {
      const response = await ctx.http
        .post('/api/v1/auth/register')
        .set('Content-Type', 'application/json')
        .send(JSON.stringify({ email: 'big@example.kg', fullName: 'x'.repeat(1000 * 1000) }));
      expectProblem(response, 400, 'validation_failed');
    });

    it('answers a body of an unsupported type with 415', async () => {
      const response = await ctx.http
        .post('/api/v1/auth/login')
        .set('Content-Type', 'application/xml')
        .send('<login><email>a@b.kg</email></login>');
      expectProblem(response, 415, 'unsupported_media_type');
    });

    it.each(['/api/v1/no-such-route', '/api/v2/auth/login'])(
      'answers an unknown API route (%s) with 404 problem details',
      async (path) => {
        expectProblem(await ctx.http.get(path), 404, 'not_found');
      },
    );

    it('answers an unknown page of the website with the 404 page', async () => {
      const response = await ctx.http.get('/no-such-page').set('Accept-Language', 'en');
      expect(response.status).toBe(404);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      expect(response.text).toContain('Page not found');
    });
  });

  describe('a 500', () => {
    it('carries an errorId but never a stack trace or SQL', async () => {
      // Provoke a real failure without touching the code: the table the request needs disappears.
      await ctx.db.query('ALTER TABLE users RENAME TO users_hidden_by_test');
      let response: Response;
      try {
        response = await ctx.http.post('/api/v1/auth/forgot-password').send({ email: ctx.uniqueEmail() });
      } finally {
        await ctx.db.query('ALTER TABLE users_hidden_by_test RENAME TO users');
      }
      expectProblem(response, 500, 'internal_error');
      expect(Object.keys(response.body).sort()).toEqual([...PROBLEM_MEMBERS, 'errorId'].sort());
      expect(response.body.errorId).toMatch(UUID);
      expect(response.text).not.toMatch(/users_hidden|relation|SELECT|QueryFailed|stack|\.ts:\d+|at \w+ \(/i);
    });
  });

  describe('headers', () => {
    it.each([
      ['a JSON response', '/health'],
      ['a problem response', '/api/v1/no-such-route'],
      ['an HTML page', '/confirm-email?token=nothing-here'],
    ])('sets the security headers on %s', async (_, path) => {
      const response = await ctx.http.get(path);
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['x-frame-options']).toMatch(/^(SAMEORIGIN|DENY)$/);
      expect(response.headers['strict-transport-security']).toMatch(/max-age=\d+/);
      expect(response.headers['content-security-policy']).toContain("default-src 'self'");
      expect(response.headers['content-security-policy']).toContain("script-src 'self'");
      expect(response.headers['referrer-policy']).toEqual(expect.any(String));
      expect(response.headers['x-powered-by']).toBeUndefined();
    });

    it('gives every response its own X-Request-Id', async () => {
      const responses = await Promise.all([
        ctx.http.get('/health'),
        ctx.http.get('/health'),
        ctx.http.get('/api/v1/no-such-route'),
        badLogin(),
      ]);
      const ids = responses.map((response) => response.headers['x-request-id']);
      for (const id of ids) {
        expect(id).toMatch(UUID);
      }
      expect(new Set(ids).size).toBe(ids.length);
    });

    it('keeps a well-formed incoming X-Request-Id and replaces a malformed one', async () => {
      const kept = await ctx.http.get('/health').set('X-Request-Id', 'lb-trace.42_abc');
      expect(kept.headers['x-request-id']).toBe('lb-trace.42_abc');
      for (const bad of ['has spaces in it', 'x'.repeat(65), 'inject\\r\\nheader']) {
        const replaced = await ctx.http.get('/health').set('X-Request-Id', bad);
        expect(replaced.headers['x-request-id']).toMatch(UUID);
      }
    });

    it('answers CORS only for the configured origins', async () => {
      const allowed = await ctx.http.get('/health').set('Origin', ALLOWED_ORIGIN);
      expect(allowed.headers['access-control-allow-origin']).toBe(ALLOWED_ORIGIN);
      const other = await ctx.http.get('/health').set('Origin', 'https://evil.example.com');
      expect(other.headers['access-control-allow-origin']).toBeUndefined();
    });
  });

  describe('language of problem titles', () => {
    const titles = AuthErrors.invalidCredentials().title;

    it('has three different titles to choose from', () => {
      expect(new Set([titles.ky, titles.ru, titles.en]).size).toBe(3);
    });

    it('answers in Russian when nothing says otherwise', async () => {
      expect((await badLogin()).body.title).toBe(titles.ru);
    });

    it('follows ?lang=ky', async () => {
      const response = await ctx.http
        .post('/api/v1/auth/login?lang=ky')
        .send({ email: ctx.uniqueEmail(), password: 'wrong password here' });
      expectProblem(response, 401, 'invalid_credentials');
      expect(response.body.title).toBe(titles.ky);
    });

    it('follows Accept-Language: en, and its first supported language by quality', async () => {
      expect((await badLogin().set('Accept-Language', 'en')).body.title).toBe(titles.en);
      expect((await badLogin().set('Accept-Language', 'fr-FR, ky;q=0.8, en;q=0.5')).body.title).toBe(
        titles.ky,
      );
    });

    it('lets ?lang= win over Accept-Language', async () => {
      const response = await ctx.http
        .post('/api/v1/auth/login?lang=ky')
        .set('Accept-Language', 'en')
        .send({ email: ctx.uniqueEmail(), password: 'wrong password here' });
      expect(response.body.title).toBe(titles.ky);
    });

    it("uses the signed-in user's language when the request names none", async () => {
      const user = await ctx.newUser({ locale: 'ky' });
      const validation = CommonErrors.validation([]).title;
      const response = await ctx.http
        .patch('/api/v1/users/me')
        .set(...bearer(user))
        .send({ bogus: true });
      expectProblem(response, 400, 'validation_failed');
      expect(response.body.title).toBe(validation.ky);
      const english = await ctx.http
        .patch('/api/v1/users/me')
        .set(...bearer(user))
        .set('Accept-Language', 'en')
        .send({ bogus: true });
      expect(english.body.title).toBe(validation.en);
    });
  });
});
