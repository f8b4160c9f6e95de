import { expectProblem } from './support/assertions';
import { TestContext } from './support/test-app';

/** A shared rate-limit store (Redis) that cannot be reached: limited requests wait, never pass or fail. */
describe('when the rate-limit store is down', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    // Nothing listens on port 1: every connection to this Redis is refused.
    ctx = await TestContext.start({ REDIS_URL: 'redis://127.0.0.1:1' });
  });
  afterAll(() => ctx.close());

  it('answers a rate-limited request with 503 service_unavailable and Retry-After, not 500', async () => {
    const response = await ctx.http
      .post('/api/v1/auth/login')
      .set('Accept-Language', 'ru')
      .send({ email: 'someone@example.kg', password: 'a long enough password' });
    expectProblem(response, 503, 'service_unavailable');
    expect(response.headers['retry-after']).toBe('5');
    expect(response.body.title).toBe('Портал временно недоступен; повторите через минуту');
    expect(response.body.errorId).toEqual(expect.any(String));
  });

  it('still serves what no limit guards', async () => {
    await ctx.http.get('/health/ready').expect(200);
  });
});
