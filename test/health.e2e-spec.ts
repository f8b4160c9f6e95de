import { TestContext } from './support/test-app';

describe('health', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await TestContext.start();
  });
  afterAll(() => ctx.close());

  it('answers liveness and readiness once migrations are applied', async () => {
    await ctx.http.get('/health').expect(200, { status: 'ok' });
    await ctx.http.get('/health/ready').expect(200, { status: 'ok' });
  });
});
