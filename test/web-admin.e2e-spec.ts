import { randomUUID } from 'node:crypto';
import { Response } from 'supertest';
import { Role } from '../src/common/auth/role';
import { LOCALES } from '../src/common/i18n/locale';
import { MessageCatalog } from '../src/web/i18n/message-catalog';
import { bearer, TestContext, TestUser } from './support/test-app';
import { SignedInWeb } from './support/signed-in-web';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitUntil(probe: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) {
      throw new Error(`condition not met within ${timeoutMs} ms`);
    }
    await sleep(50);
  }
}

/** The text of every user row on a users page (their names, in the order shown). */
function namesOn(html: string): string[] {
  return [
    ...html.matchAll(
      /<a class="govuk-link govuk-!-font-weight-bold" href="\/admin\/users\/[^"]+">([^<]+)<\/a>/g,
    ),
  ].map((match) => match[1]);
}

const catalog = MessageCatalog.load();

/**
 * The banner the page after a post/redirect/get shows: the catalog key of its flash cookie, which
 * must have a message in every language (the renderer drops a key it does not know).
 */
function flashOf(response: Response): string | undefined {
  const cookies = ([] as string[]).concat(response.headers['set-cookie'] ?? []);
  const key = cookies
    .find((cookie) => cookie.startsWith('flash='))
    ?.slice('flash='.length)
    .split(';')[0];
  for (const locale of LOCALES) {
    expect({ locale, key, known: key !== undefined && catalog.has(locale, key) }).toEqual({
      locale,
      key,
      known: true,
    });
  }
  return key;
}

function nextHrefOf(html: string): string | undefined {
  return /href="([^"]+)" rel="next"/.exec(html)?.[1].replace(/&amp;/g, '&');
}

describe('administration pages (website)', () => {
  let ctx: TestContext;
  let admin: TestUser;
  let adminWeb: SignedInWeb;

  beforeAll(async () => {
    ctx = await TestContext.start({ MAIL_MAX_ATTEMPTS: '1' });
    admin = await ctx.newUser({ roles: [Role.Admin], fullName: 'Chief Admin' });
    adminWeb = await SignedInWeb.signIn(ctx, admin);
  });

  afterAll(async () => {
    await ctx.close();
  });

  /**
   * Accounts inserted directly (no password hashing), for search and paging: a second apart, the
   * last one newest, so the newest-first order never rests on random ids.
   */
  async function insertPeople(tag: string, count: number): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < count; i += 1) {
      const rows: { id: string }[] = await ctx.db.query(
        `INSERT INTO users (email, password_hash, full_name, locale, consent_version, consent_at, notification_preferences, created_at)
         VALUES ($1, 'x', $2, 'ru', 'test', now(), '{"contestNews":true,"moderationAlerts":true}', now() - make_interval(secs => $3))
         RETURNING id`,
        [`${tag}.${i}@example.kg`, `Person ${tag} ${String(i).padStart(2, '0')}`, count - i],
      );
      ids.push(rows[0].id);
    }
    return ids;
  }

  describe('who may open them', () => {
    const pages = ['/admin', '/admin/users', '/admin/outbox', '/admin/audit'];

    it('sends a signed-out visitor to sign in and back', async () => {
      for (const path of pages) {
        const response = await ctx.http.get(path);
        expect(response.status).toBe(303);
        expect(response.headers.location).toBe(`/login?returnTo=${encodeURIComponent(path)}`);
      }
    });

    it('shows a moderator and a citizen the 403 page', async () => {
      for (const user of [await ctx.newModerator(), await ctx.newUser()]) {
        const web = await SignedInWeb.signIn(ctx, user);
        for (const path of [...pages, `/admin/users/${admin.id}`]) {
          const response = await web.get(path);
          expect(response.status).toBe(403);
          expect(response.text).toContain('<h1');
        }
      }
    });

    it('refuses a moderator’s post before anything changes', async () => {
      const moderator = await ctx.newModerator();
      const target = await ctx.newUser();
      const web = await SignedInWeb.signIn(ctx, moderator);
      const response = await web.submit('/account', {}, `/admin/users/${target.id}/block`);
      expect(response.status).toBe(403);
      expect((await ctx.userRow(target.id)).blockedAt).toBeNull();
    });
  });

  it('links the landing page to every administration section, with the failed-email count', async () => {
    const response = await adminWeb.get('/admin');
    expect(response.status).toBe(200);
    for (const href of ['/admin/contests', '/admin/users', '/admin/outbox', '/admin/audit', '/moderation']) {
      expect(response.text).toContain(`href="${href}"`);
    }
    expect(response.text).toMatch(/No failed emails|\d+ failed emails?/);
    expect(response.text).toContain('<title>Administration — ');
  });

  describe('users', () => {
    it('finds people by part of an email or a name, and filters by role', async () => {
      const tag = `find${Date.now()}`;
      await insertPeople(tag, 2);
      const moderator = await ctx.newModerator({ fullName: `Moderator ${tag}` });
      const byName = await adminWeb.get(`/admin/users?q=${tag}`);
      expect(namesOn(byName.text)).toEqual([`Moderator ${tag}`, `Person ${tag} 01`, `Person ${tag} 00`]);
      const byEmail = await adminWeb.get(`/admin/users?q=${tag}.1@`);
      expect(namesOn(byEmail.text)).toEqual([`Person ${tag} 01`]);
      const moderators = await adminWeb.get(`/admin/users?q=${tag}&role=moderator`);
      expect(namesOn(moderators.text)).toEqual([`Moderator ${tag}`]);
      expect(moderators.text).toContain(`href="/admin/users/${moderator.id}"`);
      const none = await adminWeb.get('/admin/users?q=nobody-has-this-name');
      expect(none.text).toContain('Nobody matches this search.');
    });

    it('pages by cursor, keeping the search', async () => {
      const tag = `page${Date.now()}`;
      await insertPeople(tag, 23);
      const first = await adminWeb.get(`/admin/users?q=${tag}`);
      expect(namesOn(first.text)).toHaveLength(20);
      const next = nextHrefOf(first.text);
      expect(next).toMatch(new RegExp(`^/admin/users\\?q=${tag}&cursor=`));
      const second = await adminWeb.get(next!);
      expect(namesOn(second.text)).toEqual([`Person ${tag} 02`, `Person ${tag} 01`, `Person ${tag} 00`]);
      expect(nextHrefOf(second.text)).toBeUndefined();
      expect(second.text).toContain(`href="/admin/users?q=${tag}" rel="first"`);
    });

    it('shows a search that is too long in the error pattern, keeping what was typed', async () => {
      const typed = 'x'.repeat(201);
      const response = await adminWeb.get(`/admin/users?q=${typed}`);
      expect(response.status).toBe(400);
      expect(response.text).toContain('<title>Error: Users — ');
      expect(response.text).toContain('class="govuk-error-summary"');
      expect(response.text).toContain('href="#q"');
      expect(response.text).toContain(`value="${typed}"`);
    });

    it('shows a user’s roles, confirmation, voter verification and block', async () => {
      const [id] = await insertPeople(`show${Date.now()}`, 1);
      await ctx.db.query(
        `UPDATE users SET roles = '{moderator}', voter_verified_at = now(), blocked_at = now() WHERE id = $1`,
        [id],
      );
      const list = await adminWeb.get(`/admin/users?q=show`);
      for (const tag of ['Moderator', 'Blocked', 'Email not confirmed', 'Verified voter']) {
        expect(list.text).toContain(tag);
      }
      const page = await adminWeb.get(`/admin/users/${id}`);
      expect(page.status).toBe(200);
      expect(page.text).toContain('Roles now: Moderator.');
      expect(page.text).toContain('Unblock this user');
      expect(page.text).toContain(`action="/admin/users/${id}/unblock"`);
      expect(page.text).toContain('Remove the moderator role');
      expect(page.text).toContain(`action="/admin/users/${id}/roles"`);
    });

    it('answers an unknown or malformed user id with the 404 page', async () => {
      expect((await adminWeb.get(`/admin/users/${randomUUID()}`)).status).toBe(404);
      expect((await adminWeb.get('/admin/users/not-an-id')).status).toBe(404);
      const post = await adminWeb.submit('/admin', {}, `/admin/users/${randomUUID()}/block`);
      expect(post.status).toBe(404);
    });

    it('grants and revokes the moderator role, with a banner; the service audits each change once', async () => {
      const user = await ctx.newUser();
      const grant = await adminWeb.submit(
        `/admin/users/${user.id}`,
        {
          role: 'moderator',
          change: 'grant',
        },
        `/admin/users/${user.id}/roles`,
      );
      expect(grant.status).toBe(303);
      expect(grant.headers.location).toBe(`/admin/users/${user.id}`);
      expect(flashOf(grant)).toBe('admin.user.done.grant.moderator');
      expect((await ctx.userRow(user.id)).roles).toEqual(['moderator']);

      // A second click changes nothing and records nothing.
      await adminWeb.submit(
        `/admin/users/${user.id}`,
        {
          role: 'moderator',
          change: 'grant',
        },
        `/admin/users/${user.id}/roles`,
      );
      const audited = () =>
        ctx.count('audit_log', `object_id = $1 AND action = 'user.roles_changed'`, [user.id]);
      expect(await audited()).toBe(1);

      const revoke = await adminWeb.submit(
        `/admin/users/${user.id}`,
        {
          role: 'moderator',
          change: 'revoke',
        },
        `/admin/users/${user.id}/roles`,
      );
      expect(flashOf(revoke)).toBe('admin.user.done.revoke.moderator');
      expect((await ctx.userRow(user.id)).roles).toEqual([]);
      expect(await audited()).toBe(2);
    });

    it('refuses a role that does not exist', async () => {
      const user = await ctx.newUser();
      const response = await adminWeb.submit(
        `/admin/users/${user.id}`,
        {
          role: 'superuser',
          change: 'grant',
        },
        `/admin/users/${user.id}/roles`,
      );
      expect(response.status).toBe(400);
      expect((await ctx.userRow(user.id)).roles).toEqual([]);
    });

    it('blocks a user: their website session and API tokens end at once; unblocking lets them back', async () => {
      const user = await ctx.newUser();
      const web = await SignedInWeb.signIn(ctx, user);
      expect((await web.get('/account')).status).toBe(200);

      const block = await adminWeb.submit(`/admin/users/${user.id}`, {}, `/admin/users/${user.id}/block`);
      expect(block.status).toBe(303);
      expect(flashOf(block)).toBe('admin.user.done.blocked');
      expect((await ctx.userRow(user.id)).blockedAt).not.toBeNull();
      expect(await ctx.count('audit_log', `object_id = $1 AND action = 'user.blocked'`, [user.id])).toBe(1);

      const account = await web.get('/account');
      expect(account.status).toBe(303);
      expect(account.headers.location).toMatch(/^\/login/);
      expect((await ctx.http.get('/api/v1/users/me').set(...bearer(user))).status).toBe(401);
      const refreshed = await ctx.http.post('/api/v1/auth/refresh').send({ refreshToken: user.refreshToken });
      expect(refreshed.status).toBe(401);

      const unblock = await adminWeb.submit(`/admin/users/${user.id}`, {}, `/admin/users/${user.id}/unblock`);
      expect(flashOf(unblock)).toBe('admin.user.done.unblocked');
      expect((await ctx.userRow(user.id)).blockedAt).toBeNull();
      await SignedInWeb.signIn(ctx, user);
    });

    it('refuses to block yourself or remove your own admin role, saying so in the error pattern', async () => {
      const own = await adminWeb.get(`/admin/users/${admin.id}`);
      expect(own.text).toContain('This is your own account');
      expect(own.text).not.toContain('Block this user');
      expect(own.text).not.toContain('Remove the administrator role');

      const block = await adminWeb.submit(`/admin/users/${admin.id}`, {}, `/admin/users/${admin.id}/block`);
      expect(block.status).toBe(409);
      expect(block.text).toContain('<title>Error: Chief Admin — ');
      expect(block.text).toContain('You cannot block yourself or remove your own administrator role.');
      expect(block.text).toContain('href="#access"');
      const demote = await adminWeb.submit(
        `/admin/users/${admin.id}`,
        {
          role: 'admin',
          change: 'revoke',
        },
        `/admin/users/${admin.id}/roles`,
      );
      expect(demote.status).toBe(409);
      const row = await ctx.userRow(admin.id);
      expect(row.blockedAt).toBeNull();
      expect(row.roles).toEqual(['admin']);
    });

    it('refuses a post without a CSRF token or with a forged one, changing nothing', async () => {
      const user = await ctx.newUser();
      const missing = await adminWeb.post(`/admin/users/${user.id}/block`, {}, null);
      expect(missing.status).toBe(403);
      expect(missing.text).toContain('The form could not be accepted');
      const forged = await adminWeb.post(
        `/admin/users/${user.id}/roles`,
        { role: 'admin', change: 'grant' },
        'a-token-of-another-session',
      );
      expect(forged.status).toBe(403);
      const row = await ctx.userRow(user.id);
      expect(row.blockedAt).toBeNull();
      expect(row.roles).toEqual([]);
      expect(await ctx.count('audit_log', 'object_id = $1', [user.id])).toBe(0);
    });
  });

  describe('email outbox', () => {
    /** A message the SMTP server refuses (550, quoting the address): with one attempt allowed, it dies. */
    async function deadEmail(): Promise<{ id: string; address: string }> {
      const address = ctx.uniqueEmail('bounce');
      ctx.mail.rejectedRecipients.add(address);
      const rows: { id: string }[] = await ctx.db.query(
        `INSERT INTO email_outbox (to_address, template, locale, subject, text_body, html_body)
         VALUES ($1, 'password-reset', 'en', 'Reset', 'text', '<p>html</p>') RETURNING id`,
        [address],
      );
      const id = rows[0].id;
      await waitUntil(async () => (await statusOf(id)) === 'dead');
      return { id, address };
    }

    async function statusOf(id: string): Promise<string> {
      const rows: { status: string }[] = await ctx.db.query('SELECT status FROM email_outbox WHERE id = $1', [
        id,
      ]);
      return rows[0].status;
    }

    it('lists failed messages first, masked, with the SMTP code but not its text', async () => {
      const dead = await deadEmail();
      const page = await adminWeb.get('/admin/outbox');
      expect(page.status).toBe(200);
      expect(page.text).toContain(`action="/admin/outbox/${dead.id}/retry"`);
      expect(page.text).toContain(`b***@example.kg`);
      expect(page.text).not.toContain(dead.address);
      expect(page.text).toContain('550');
      expect(page.text).not.toContain('mailbox unavailable');
      expect(page.text).toContain('password-reset');
      expect(page.text).toMatch(/Failed \(\d+\)/);
      expect((await adminWeb.get('/admin')).text).toMatch(/\d+ failed emails?/);

      const sent = await adminWeb.get('/admin/outbox?status=sent');
      expect(sent.text).not.toContain(`/admin/outbox/${dead.id}/retry`);
      expect(sent.text).toContain('aria-current="page">Sent<');
    });

    it('retries one message (audited), which is then delivered; a second retry is refused plainly', async () => {
      const dead = await deadEmail();
      ctx.mail.rejectedRecipients.delete(dead.address);
      const retry = await adminWeb.submit('/admin/outbox', {}, `/admin/outbox/${dead.id}/retry`);
      expect(retry.status).toBe(303);
      expect(flashOf(retry)).toBe('admin.outbox.done.single');
      expect(
        await ctx.count('audit_log', `action = 'email.retried' AND object_id = $1 AND actor_id = $2`, [
          dead.id,
          admin.id,
        ]),
      ).toBe(1);
      await ctx.mail.waitFor(dead.address);

      const again = await adminWeb.submit('/admin/outbox', {}, `/admin/outbox/${dead.id}/retry`);
      expect(again.status).toBe(409);
      expect(again.text).toContain('This message is not waiting for a retry');
      expect(again.text).toContain('class="govuk-error-summary"');
    });

    it('retries every failed message at once (audited with how many)', async () => {
      const first = await deadEmail();
      const second = await deadEmail();
      ctx.mail.rejectedRecipients.clear();
      const retry = await adminWeb.submit('/admin/outbox', {}, '/admin/outbox/retry-all');
      expect(flashOf(retry)).toBe('admin.outbox.done.all');
      const [audited] = await ctx.db.query(
        `SELECT details FROM audit_log WHERE action = 'email.retried_all' AND actor_id = $1 ORDER BY created_at DESC LIMIT 1`,
        [admin.id],
      );
      expect(audited.details.count).toBeGreaterThanOrEqual(2);
      await ctx.mail.waitFor(first.address);
      await ctx.mail.waitFor(second.address);
      const none = await adminWeb.submit('/admin/outbox', {}, '/admin/outbox/retry-all');
      expect(flashOf(none)).toBe('admin.outbox.done.none');
    });

    it('refuses a retry without a CSRF token, leaving the message failed', async () => {
      const dead = await deadEmail();
      const response = await adminWeb.post(`/admin/outbox/${dead.id}/retry`, {}, null);
      expect(response.status).toBe(403);
      expect(await statusOf(dead.id)).toBe('dead');
      ctx.mail.rejectedRecipients.delete(dead.address);
    });
  });

  describe('audit log', () => {
    let target: TestUser;
    let otherAdmin: TestUser;

    beforeAll(async () => {
      target = await ctx.newUser({ fullName: 'Audited Person' });
      otherAdmin = await ctx.newUser({ roles: [Role.Admin], fullName: 'Other Admin' });
      const otherWeb = await SignedInWeb.signIn(ctx, otherAdmin);
      await otherWeb.submit('/admin', {}, `/admin/users/${target.id}/block`);
      await otherWeb.submit('/admin', {}, `/admin/users/${target.id}/unblock`);
      await adminWeb.submit(
        '/admin',
        {
          role: 'moderator',
          change: 'grant',
        },
        `/admin/users/${target.id}/roles`,
      );
    });

    it('filters by actor (email or id), action (exact or prefix) and object', async () => {
      const byEmail = await adminWeb.get(`/admin/audit?actor=${encodeURIComponent(otherAdmin.email)}`);
      expect(byEmail.status).toBe(200);
      expect(byEmail.text).toContain('<code>user.blocked</code>');
      expect(byEmail.text).toContain('<code>user.unblocked</code>');
      expect(byEmail.text).not.toContain('<code>user.roles_changed</code>');
      expect(byEmail.text).toContain('Other Admin');

      const byId = await adminWeb.get(`/admin/audit?actor=${admin.id}&objectType=user&objectId=${target.id}`);
      expect(byId.text).toContain('<code>user.roles_changed</code>');
      expect(byId.text).not.toContain('<code>user.blocked</code>');

      const prefix = await adminWeb.get(`/admin/audit?action=user.&objectId=${target.id}`);
      expect((prefix.text.match(/<code>user\./g) ?? []).length).toBe(3);
      const exact = await adminWeb.get(`/admin/audit?action=user.blocked&objectId=${target.id}`);
      expect((exact.text.match(/<code>user\./g) ?? []).length).toBe(1);
    });

    it('filters by a period of whole days in Bishkek time', async () => {
      const bishkekToday = new Date(Date.now() + 6 * 3_600_000);
      const [day, month, year] = [
        bishkekToday.getUTCDate(),
        bishkekToday.getUTCMonth() + 1,
        bishkekToday.getUTCFullYear(),
      ];
      const today = `from-day=${day}&from-month=${month}&from-year=${year}&to-day=${day}&to-month=${month}&to-year=${year}`;
      const within = await adminWeb.get(`/admin/audit?objectId=${target.id}&${today}`);
      expect(within.text).toContain('<code>user.blocked</code>');
      const past = await adminWeb.get(
        `/admin/audit?objectId=${target.id}&from-day=1&from-month=1&from-year=2020&to-day=31&to-month=12&to-year=2020`,
      );
      expect(past.text).not.toContain('<code>user.blocked</code>');
      expect(past.text).toContain('No entries match these filters.');
    });

    it('shows a bad date and an unknown actor in the error pattern, keeping what was typed', async () => {
      const response = await adminWeb.get(
        '/admin/audit?actor=nobody%40example.kg&action=user.&from-day=30&from-month=2&from-year=2026&to-day=1&to-month=&to-year=2026',
      );
      expect(response.status).toBe(400);
      expect(response.text).toContain('<title>Error: Audit log — ');
      expect(response.text).toContain('class="govuk-error-summary"');
      expect(response.text).toContain('href="#actor"');
      expect(response.text).toContain('href="#from-day"');
      expect(response.text).toContain('href="#to-day"');
      expect(response.text).toContain('No account has this email address');
      expect(response.text).toContain('Enter a real start date, for example 27 3 2026');
      expect(response.text).toContain('Enter the end date with a day, a month and a year');
      expect(response.text).toContain('value="nobody@example.kg"');
      expect(response.text).toContain('value="user."');
      expect(response.text).toContain('id="from-day" name="from-day" type="text" value="30"');
      expect(response.text).not.toContain('<code>user.');
    });

    it('refuses a period that ends before it starts', async () => {
      const response = await adminWeb.get(
        '/admin/audit?from-day=2&from-month=3&from-year=2026&to-day=1&to-month=3&to-year=2026',
      );
      expect(response.status).toBe(400);
      expect(response.text).toContain('The end date must be the same as or after the start date');
    });

    it('pages by cursor, keeping the filters', async () => {
      const objectId = `paging-${Date.now()}`;
      for (let i = 0; i < 27; i += 1) {
        await ctx.db.query(
          `INSERT INTO audit_log (actor_id, action, object_type, object_id) VALUES ($1, 'contest.updated', 'contest', $2)`,
          [admin.id, objectId],
        );
      }
      const first = await adminWeb.get(`/admin/audit?objectType=contest&objectId=${objectId}`);
      expect((first.text.match(/<code>contest\.updated/g) ?? []).length).toBe(25);
      const next = nextHrefOf(first.text);
      expect(next).toMatch(new RegExp(`objectType=contest&objectId=${objectId}&cursor=`));
      const second = await adminWeb.get(next!);
      expect((second.text.match(/<code>contest\.updated/g) ?? []).length).toBe(2);
      expect(nextHrefOf(second.text)).toBeUndefined();
    });
  });
});
