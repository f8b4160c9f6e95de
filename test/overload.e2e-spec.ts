import { TestContext } from './support/test-app';

describe('database overload', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await TestContext.start({ DATABASE_POOL_SIZE: '1', DATABASE_ACQUIRE_TIMEOUT_MS: '200' });
  });
  afterAll(() => ctx.close());

  it('answers 503 with Retry-After quickly when no pooled connection frees up', async () => {
    // Hold the only pooled connection for a second.
    const holder = ctx.db.query('SELECT pg_sleep(1)');
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = Date.now();
    const response = await ctx.http.get('/health/ready');
    const elapsed = Date.now() - started;
    await holder;

    expect(response.status).toBe(503);
    expect(response.headers['retry-after']).toBeDefined();
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(elapsed).toBeLessThan(900);
    await ctx.http.get('/health/ready').expect(200);
  });

  it('turns an acquire timeout inside an API call into 503 service_unavailable', async () => {
    const holder = ctx.db.query('SELECT pg_sleep(1)');
    await new Promise((resolve) => setTimeout(resolve, 50));
    const response = await ctx.http
      .post('/api/v1/auth/login')
      .send({ email: 'a@b.kg', password: 'whatever-password' });
    await holder;
    expect(response.status).toBe(503);
    expect(response.body.code).toBe('service_unavailable');
    expect(response.headers['retry-after']).toBe('5');
  });
});
