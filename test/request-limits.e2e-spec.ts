import { Role } from '../src/common/auth/role';
import { expectProblem } from './support/assertions';
import { bearer, TestContext, TestUser } from './support/test-app';

/**
 * Issue 8 finding 14: each representative or verification request emails every moderator, so each is
 * limited per user (default 3 a day); past it 429 with Retry-After, nothing stored and nobody emailed.
 */
describe('request limits per user', () => {
  let ctx: TestContext;
  let municipalities: string[];

  const moderatorAlerts = (template: string) => ctx.count('email_outbox', 'template = $1', [template]);

  beforeAll(async () => {
    ctx = await TestContext.start(); // the defaults: 3 a day each
    await ctx.newUser({ roles: [Role.Moderator] }); // someone to email
    municipalities = await Promise.all(
      ['M-DOSTUK', 'M-SADOVOE', 'M-KOSHDOBO', 'M-KARAKOL'].map((code) => ctx.idOf('municipalities', code)),
    );
  }, 60_000);
  afterAll(() => ctx.close());

  it('answers the fourth representative request of a day with 429 and Retry-After, storing and emailing nothing', async () => {
    const citizen = await ctx.newUser();
    const requestFor = (municipalityId: string) =>
      ctx.http
        .post(`/api/v1/municipalities/${municipalityId}/representatives`)
        .set(...bearer(citizen))
        .send();
    for (const municipalityId of municipalities.slice(0, 3)) {
      expect((await requestFor(municipalityId)).status).toBe(201);
    }
    const alerts = await moderatorAlerts('representative-requested');

    const fourth = await requestFor(municipalities[3]);
    expectProblem(fourth, 429, 'rate_limited');
    expect(Number(fourth.headers['retry-after'])).toBeGreaterThan(23 * 3600);
    expect(await ctx.count('representative_memberships', 'user_id = $1', [citizen.id])).toBe(3);
    expect(await moderatorAlerts('representative-requested')).toBe(alerts);

    // The limit is per user: someone else still may ask.
    const other = await ctx.newUser();
    const response = await ctx.http
      .post(`/api/v1/municipalities/${municipalities[3]}/representatives`)
      .set(...bearer(other))
      .send();
    expect(response.status).toBe(201);
  });

  it('answers the fourth verification request of a day with 429 and Retry-After, storing and emailing nothing', async () => {
    const citizen: TestUser = await ctx.newUser();
    const ask = () =>
      ctx.http
        .post('/api/v1/users/me/voter-verification')
        .set(...bearer(citizen))
        .send({ phone: '+996555123456', municipalityId: municipalities[0] });
    for (let attempt = 1; attempt <= 3; attempt += 1) {
      expect((await ask()).status).toBe(201);
      // As a moderator's refusal would: the citizen may ask again.
      await ctx.db.query(
        "UPDATE voter_verifications SET status = 'refused', decided_at = now(), reason = 'нечитаемо' WHERE user_id = $1",
        [citizen.id],
      );
    }
    const alerts = await moderatorAlerts('verification-requested');

    const fourth = await ask();
    expectProblem(fourth, 429, 'rate_limited');
    expect(Number(fourth.headers['retry-after'])).toBeGreaterThan(23 * 3600);
    expect(await ctx.count('voter_verifications', 'user_id = $1', [citizen.id])).toBe(3);
    expect(await moderatorAlerts('verification-requested')).toBe(alerts);
  });
});
