import { UnsubscribeTokens } from '../src/notifications/unsubscribe-tokens';
import { formIn } from './support/assertions';
import { TestContext, TestUser } from './support/test-app';

/** The unsubscribe link of notification emails, on the website's layout in the visitor's language. */
describe('/unsubscribe on the website', () => {
  let ctx: TestContext;
  let staff: TestUser;
  let token: string;

  beforeAll(async () => {
    ctx = await TestContext.start();
    staff = await ctx.newModerator();
    token = ctx.app.get(UnsubscribeTokens).sign({ userId: staff.id, preference: 'moderationAlerts' });
  });

  afterAll(async () => {
    await ctx?.close();
  });

  const preferences = async () => (await ctx.userRow(staff.id)).notificationPreferences;

  it("asks on the layout in the visitor's language, never cached, and changes nothing on a GET", async () => {
    const page = await ctx.http.get('/unsubscribe').query({ token }).set('Accept-Language', 'ky').expect(200);
    expect(page.text).toContain('<html lang="ky"');
    expect(page.text).toContain('<title>Бул каттардан баш тартасызбы? — ');
    expect(page.text).toContain('<h1 class="govuk-heading-l">Бул каттардан баш тартасызбы?</h1>');
    expect(page.text).toContain('class="portal-header"');
    expect(page.text).toContain('class="portal-footer"');
    expect(page.headers['cache-control']).toBe('private, no-store');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    const form = formIn(page.text);
    expect(form).toEqual({ action: '/unsubscribe', fields: { token }, button: true });
    expect(page.text).toMatch(/<button[^>]*>\s*Баш тартуу\s*<\/button>/);
    // A language link keeps the token: the same question in Russian.
    const russian = await ctx.http.get('/unsubscribe').query({ token, lang: 'ru' }).expect(200);
    expect(russian.text).toContain('<h1 class="govuk-heading-l">Отписаться от этих писем?</h1>');
    expect(await preferences()).toEqual({ contestNews: true, moderationAlerts: true });
  });

  it("unsubscribes on the button's POST without a CSRF token or a session", async () => {
    const done = await ctx.http
      .post('/unsubscribe')
      .set('Accept-Language', 'en')
      .type('form')
      .send({ token })
      .expect(200);
    expect(done.text).toContain('<h1 class="govuk-heading-l">You are unsubscribed</h1>');
    expect(done.headers['cache-control']).toBe('private, no-store');
    expect(await preferences()).toEqual({ contestNews: true, moderationAlerts: false });
    // Twice is harmless.
    await ctx.http.post('/unsubscribe').type('form').send({ token }).expect(200);
  });

  it("takes a mail client's one-click POST (RFC 8058): the token in the link, another Origin", async () => {
    const news = ctx.app.get(UnsubscribeTokens).sign({ userId: staff.id, preference: 'contestNews' });
    await ctx.http
      .post(`/unsubscribe?token=${encodeURIComponent(news)}`)
      .set('Origin', 'https://mail.example.com')
      .type('form')
      .send('List-Unsubscribe=One-Click')
      .expect(200);
    expect(await preferences()).toEqual({ contestNews: false, moderationAlerts: false });
  });

  it('answers a missing, repeated or forged token with a 410 page in the language, changing nothing', async () => {
    const other = await ctx.newModerator();
    const forged = `${other.id}.moderationAlerts.${'0'.repeat(64)}`;
    const missing = await ctx.http.get('/unsubscribe').set('Accept-Language', 'ru').expect(410);
    expect(missing.text).toContain('<h1 class="govuk-heading-l">Эту ссылку нельзя использовать</h1>');
    expect(missing.text).not.toContain('<form method="post" action="/unsubscribe"');
    await ctx.http.get(`/unsubscribe?token=${forged}&token=${forged}`).expect(410);
    const posted = await ctx.http
      .post('/unsubscribe')
      .set('Accept-Language', 'en')
      .type('form')
      .send({ token: forged });
    expect(posted.status).toBe(410);
    expect(posted.text).toContain('<h1 class="govuk-heading-l">This link cannot be used</h1>');
    expect((await ctx.userRow(other.id)).notificationPreferences).toEqual({
      contestNews: true,
      moderationAlerts: true,
    });
  });
});
