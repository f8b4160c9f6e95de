import { Response } from 'supertest';
import { newContest } from './support/contests';
import { decide, practiceState } from './support/practice-helpers';
import { bearer, TestContext, TestRepresentative, TestUser } from './support/test-app';
import { decideEntry, enterPractice } from './support/voting-helpers';
import { csrfTokenIn, SignedInWeb } from './support/signed-in-web';

let pinSequence = 0;
const newPin = () => `3${String(Date.now()).slice(-8)}${String((pinSequence += 1)).padStart(5, '0')}`;

/** The page's error summary and its links, in order. */
function errorSummary(response: Response): { text: string; href: string }[] {
  const summary = /<div class="govuk-error-summary"[\s\S]*?<\/ul>/.exec(response.text)?.[0] ?? '';
  return [...summary.matchAll(/<a href="([^"]+)">([^<]+)<\/a>/g)].map((m) => ({ href: m[1], text: m[2] }));
}

/** Item links of a queue page, in the order shown. */
function queueIds(response: Response, tab: string): string[] {
  return [...response.text.matchAll(new RegExp(`href="/moderation/${tab}/([0-9a-f-]{36})"`, 'g'))].map(
    (m) => m[1],
  );
}

function nextHref(response: Response): string | undefined {
  return /href="([^"]+)" rel="next"/.exec(response.text)?.[1].replace(/&amp;/g, '&');
}

describe('moderation pages (WEB.md §3 Moderator, issue 10)', () => {
  let ctx: TestContext;
  let moderator: TestUser;
  let moderatorWeb: SignedInWeb;
  let owner: TestRepresentative;

  beforeAll(async () => {
    ctx = await TestContext.start();
    moderator = await ctx.newModerator({ fullName: 'Модератор Первый' });
    moderatorWeb = await SignedInWeb.signIn(ctx, moderator);
    owner = await ctx.newRepresentative('M-DOSTUK', { fullName: 'Автор Практики' });
  });

  afterAll(async () => {
    await ctx.close();
  });

  async function askVerification(pin?: string): Promise<{ user: TestUser; id: string }> {
    const user = await ctx.newUser({ fullName: 'Жарандын Аты' });
    const response = await ctx.http
      .post('/api/v1/users/me/voter-verification')
      .set(...bearer(user))
      .send({ phone: '+996555123456', municipalityId: owner.municipalityId, ...(pin && { pin }) })
      .expect(201);
    return { user, id: response.body.id as string };
  }

  async function askRepresentation(): Promise<{ user: TestUser; id: string }> {
    const user = await ctx.newUser({ fullName: 'Будущий Представитель' });
    const response = await ctx.http
      .post(`/api/v1/municipalities/${owner.municipalityId}/representatives`)
      .set(...bearer(user))
      .send({})
      .expect(201);
    return { user, id: response.body.id as string };
  }

  async function pendingEntry(): Promise<{ contestId: string; id: string; practiceId: string }> {
    const admin = await ctx.newUser({ roles: ['admin' as never] });
    const contest = await newContest(ctx, admin);
    const practice = await ctx.newPractice(owner, 'published', { title: 'Практика для конкурса' });
    const entry = await enterPractice(ctx, owner, contest.id, {
      practiceId: practice.id,
      nominationId: contest.nominationIds[0],
    });
    expect(entry.status).toBe(201);
    return { contestId: contest.id, id: entry.body.id as string, practiceId: practice.id };
  }

  describe('who may open the pages', () => {
    it('sends a signed-out visitor to sign in and back', async () => {
      const response = await ctx.http.get('/moderation/practices');
      expect(response.status).toBe(303);
      expect(response.headers.location).toBe(
        `/login?returnTo=${encodeURIComponent('/moderation/practices')}`,
      );
    });

    it('shows a citizen and a representative the 403 page, on the queue and on an item', async () => {
      const citizen = await SignedInWeb.signIn(ctx, await ctx.newUser());
      const representative = await SignedInWeb.signIn(ctx, owner);
      const { id } = await askVerification();
      for (const agent of [citizen, representative]) {
        for (const path of ['/moderation', '/moderation/verifications', `/moderation/verifications/${id}`]) {
          const response = await agent.get(path);
          expect(response.status).toBe(403);
          expect(response.headers['content-type']).toMatch(/^text\/html/);
        }
      }
    });

    it("refuses a citizen's decision with the 403 page and changes nothing", async () => {
      const citizen = await SignedInWeb.signIn(ctx, await ctx.newUser());
      const { id } = await askVerification();
      const page = await citizen.get('/account');
      const response = await citizen.post(
        `/moderation/verifications/${id}`,
        { action: 'approve' },
        csrfTokenIn(page.text),
      );
      expect(response.status).toBe(403);
      const [row] = await ctx.db.query('SELECT status FROM voter_verifications WHERE id = $1', [id]);
      expect(row.status).toBe('pending');
    });

    it('lets an admin in (roles are additive)', async () => {
      const admin = await SignedInWeb.signIn(ctx, await ctx.newUser({ roles: ['admin' as never] }));
      expect((await admin.get('/moderation/practices')).status).toBe(200);
    });

    it('answers an unknown tab, a malformed id and an unknown id with the 404 page', async () => {
      expect((await moderatorWeb.get('/moderation/everything')).status).toBe(404);
      expect((await moderatorWeb.get('/moderation/practices/not-an-id')).status).toBe(404);
      const unknown = '00000000-0000-4000-8000-000000000000';
      for (const tab of ['practices', 'entries', 'representatives', 'verifications']) {
        expect((await moderatorWeb.get(`/moderation/${tab}/${unknown}`)).status).toBe(404);
      }
    });
  });

  describe('the queue', () => {
    it('opens on the first tab; each tab is a link with its count, items oldest first', async () => {
      const landing = await moderatorWeb.get('/moderation');
      expect(landing.status).toBe(303);
      expect(landing.headers.location).toBe('/moderation/practices');
      const first = await askRepresentation();
      const second = await askRepresentation();
      const page = await moderatorWeb.get('/moderation/representatives');
      expect(page.status).toBe(200);
      expect(page.headers['cache-control']).toBe('private, no-store');
      expect(page.text).toMatch(/<title>Moderation queue: Representative requests — /);
      for (const tab of ['practices', 'entries', 'representatives', 'verifications']) {
        expect(page.text).toContain(`href="/moderation/${tab}"`);
      }
      expect(page.text).toMatch(/href="\/moderation\/representatives" aria-current="page"/);
      const [counts] = await ctx.db.query(
        `SELECT count(*)::int AS n FROM representative_memberships WHERE status = 'pending'`,
      );
      expect(page.text).toMatch(
        new RegExp(
          `Representative requests<span class="govuk-visually-hidden">: </span><span class="moderation-tabs__count">${counts.n}</span>`,
        ),
      );
      const ids = queueIds(page, 'representatives');
      expect(ids.indexOf(first.id)).toBeLessThan(ids.indexOf(second.id));
      expect(ids.indexOf(first.id)).toBeGreaterThanOrEqual(0);
    });

    it('pages by cursor: every waiting item once, oldest first, with a link back to the first page', async () => {
      // 23 requests straight in the table (the queue reads them; no email, no rate limit needed).
      const rows: { id: string }[] = await ctx.db.query(
        `WITH people AS (
           INSERT INTO users (email, password_hash, full_name, consent_version, consent_at, email_confirmed_at,
                              notification_preferences)
           SELECT 'paging.' || g || '.' || $2 || '@example.kg', 'x', 'Paging ' || g, 'test', now(), now(), '{}'::jsonb
             FROM generate_series(1, 23) g
           RETURNING id, full_name)
         INSERT INTO voter_verifications (user_id, phone, municipality_id, created_at)
         SELECT id, '+996555000000', $1, now() - interval '10 days' + (substring(full_name from 8)::int * interval '1 minute')
           FROM people
         RETURNING id`,
        [owner.municipalityId, Date.now()],
      );
      const created = rows.map((row) => row.id);
      const seen: string[] = [];
      let path: string | undefined = '/moderation/verifications';
      for (let pages = 0; path && pages < 10; pages += 1) {
        const page = await moderatorWeb.get(path);
        expect(page.status).toBe(200);
        const ids = queueIds(page, 'verifications');
        expect(ids.length).toBeLessThanOrEqual(20);
        if (pages > 0) {
          expect(page.text).toContain('rel="first"');
        }
        seen.push(...ids);
        path = nextHref(page);
      }
      expect(new Set(seen).size).toBe(seen.length);
      const mine = seen.filter((id) => created.includes(id));
      expect(mine).toHaveLength(23);
      const [{ ordered }] = await ctx.db.query(
        `SELECT array_agg(id::text ORDER BY created_at, id) AS ordered FROM voter_verifications WHERE id = ANY($1::uuid[])`,
        [created],
      );
      expect(mine).toEqual(ordered);
    });

    it('answers a forged cursor with an error page, not a crash', async () => {
      const response = await moderatorWeb.get('/moderation/verifications?cursor=garbage');
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
    });
  });

  describe('deciding each kind through the page', () => {
    it('asks for changes on a practice, then shows what changed in the revision and approves it', async () => {
      const practice = await ctx.newPractice(owner, 'submitted', { title: 'Чистая вода для села' });
      const path = `/moderation/practices/${practice.id}`;
      const first = await moderatorWeb.get(path);
      expect(first.status).toBe(200);
      expect(first.text).toContain('the first submission');
      expect(first.text).not.toContain('moderation-details__row--changed');

      const asked = await moderatorWeb.submit(path, {
        action: 'request_changes',
        'reason-request_changes': 'Добавьте результаты в цифрах.',
        'reason-reject': '',
      });
      expect(asked.status).toBe(303);
      expect(asked.headers.location).toBe('/moderation/practices');
      // The queue's success banner: a message key in the flash cookie (the browser tier sees it shown).
      expect(String(asked.headers['set-cookie'])).toContain('flash=moderation.flash.request_changes');
      expect((await practiceState(ctx, practice.id)).status).toBe('changes_requested');
      const [transition] = await ctx.db.query(
        `SELECT reason FROM practice_transitions WHERE practice_id = $1 AND action = 'request_changes'`,
        [practice.id],
      );
      expect(transition.reason).toBe('Добавьте результаты в цифрах.');

      // The representative edits one field and resubmits (their pages are another area: the API).
      const { version } = (await ctx.http.get(`/api/v1/practices/${practice.id}`).set(...bearer(owner))).body;
      await ctx.http
        .patch(`/api/v1/practices/${practice.id}`)
        .set(...bearer(owner))
        .send({ version, results: 'Воду получили 1 200 жителей в 4 сёлах.' })
        .expect(200);
      await ctx.http
        .post(`/api/v1/practices/${practice.id}/submit`)
        .set(...bearer(owner))
        .send({})
        .expect(200);

      const revised = await moderatorWeb.get(path);
      expect(revised.text).toContain('Revision 2 compared with revision 1');
      expect(revised.text).toMatch(/Changes asked for on [^<]+ by Модератор Первый/);
      expect(revised.text).toContain('Добавьте результаты в цифрах.');
      const changedRows = [
        ...revised.text.matchAll(/moderation-details__row--changed"[^>]*>\s*<dt[^>]*>\s*([^<]+?)\s*</g),
      ];
      expect(changedRows.map((m) => m[1])).toEqual(['Results']);
      expect(revised.text).toContain('<a class="govuk-link" href="#field-results">Results</a>');
      expect(revised.text).toContain('href="#decision"');
      expect(revised.text).toContain('Воду получили 1 200 жителей в 4 сёлах.');
      expect(revised.text).toContain('Previous value');

      const approved = await moderatorWeb.submit(path, { action: 'approve' });
      expect(approved.status).toBe(303);
      expect((await practiceState(ctx, practice.id)).status).toBe('published');
    });

    it('approves a voter verification', async () => {
      const { user, id } = await askVerification();
      const path = `/moderation/verifications/${id}`;
      const page = await moderatorWeb.get(path);
      expect(page.text).toContain('+996555123456');
      expect(page.text).not.toContain('govuk-warning-text');
      const response = await moderatorWeb.submit(path, { action: 'approve' });
      expect(response.status).toBe(303);
      expect(response.headers.location).toBe('/moderation/verifications');
      expect((await ctx.userRow(user.id)).voterVerifiedAt).not.toBeNull();
    });

    it('refuses a representative request with its reason', async () => {
      const { id } = await askRepresentation();
      const path = `/moderation/representatives/${id}`;
      const page = await moderatorWeb.get(path);
      expect(page.text).toContain('Будущий Представитель');
      const response = await moderatorWeb.submit(path, {
        action: 'refuse',
        'reason-refuse': 'Не подтверждена должность в айыл окмоту.',
      });
      expect(response.status).toBe(303);
      const [row] = await ctx.db.query(
        'SELECT status, reason FROM representative_memberships WHERE id = $1',
        [id],
      );
      expect(row).toEqual({ status: 'refused', reason: 'Не подтверждена должность в айыл окмоту.' });
    });

    it('accepts a contest entry, showing its practice and nomination', async () => {
      const entry = await pendingEntry();
      const path = `/moderation/entries/${entry.id}`;
      const page = await moderatorWeb.get(path);
      expect(page.text).toContain('Практика для конкурса');
      expect(page.text).toContain('Budget');
      expect(page.text).toContain(`href="/practices/${entry.practiceId}"`);
      const response = await moderatorWeb.submit(path, { action: 'accept' });
      expect(response.status).toBe(303);
      expect(response.headers.location).toBe('/moderation/entries');
      const [row] = await ctx.db.query('SELECT status, number FROM contest_entries WHERE id = $1', [
        entry.id,
      ]);
      expect(row.status).toBe('accepted');
      expect(row.number).toBeGreaterThan(0);
    });
  });

  describe('refusals', () => {
    it('requires a reason where the service does, keeping the choice and what was typed', async () => {
      const practice = await ctx.newPractice(owner, 'submitted');
      const path = `/moderation/practices/${practice.id}`;
      const before = await practiceState(ctx, practice.id);
      const response = await moderatorWeb.submit(path, {
        action: 'reject',
        'reason-reject': '  ',
        'reason-request_changes': 'Черновик другой причины',
      });
      expect(response.status).toBe(400);
      expect(response.text).toMatch(/<title>Error: /);
      expect(errorSummary(response)).toEqual([
        { href: '#reason-reject', text: 'Give a reason: the person concerned will receive it' },
      ]);
      expect(response.text).toMatch(/value="reject" checked/);
      expect(response.text).toContain('Черновик другой причины');
      expect(await practiceState(ctx, practice.id)).toEqual(before);
    });

    it('says a decision must be chosen, and that a reason is too short, keeping it', async () => {
      const { id } = await askVerification();
      const path = `/moderation/verifications/${id}`;
      const none = await moderatorWeb.submit(path, { 'reason-refuse': 'ab' });
      expect(none.status).toBe(400);
      expect(errorSummary(none)).toEqual([{ href: '#action', text: 'Choose a decision' }]);
      const short = await moderatorWeb.submit(path, { action: 'refuse', 'reason-refuse': 'ab' });
      expect(short.status).toBe(400);
      expect(errorSummary(short)).toEqual([{ href: '#reason-refuse', text: 'Enter at least 3 characters' }]);
      expect(short.text).toMatch(/<textarea[^>]*id="reason-refuse"[^>]*>ab<\/textarea>/);
      const [row] = await ctx.db.query('SELECT status FROM voter_verifications WHERE id = $1', [id]);
      expect(row.status).toBe('pending');
    });

    it("shows an item of the moderator's own municipality without a form, and refuses its decision (403)", async () => {
      const colleague = await ctx.newModerator();
      await ctx.db.query(
        `INSERT INTO representative_memberships (user_id, municipality_id, status, decided_at) VALUES ($1, $2, 'approved', now())`,
        [colleague.id, owner.municipalityId],
      );
      const web = await SignedInWeb.signIn(ctx, colleague);
      const practice = await ctx.newPractice(owner, 'submitted');
      const path = `/moderation/practices/${practice.id}`;
      const page = await web.get(path);
      expect(page.status).toBe(200);
      expect(page.text).toContain('another moderator must decide it');
      expect(page.text).not.toContain('name="action"');
      expect(page.text).not.toContain('href="#decision"');
      const before = await practiceState(ctx, practice.id);
      const queue = await web.get('/moderation/practices');
      const row = new RegExp(
        `href="${path}">[^<]*</a>\\s*<p class="moderation-queue__tags">\\s*<strong class="govuk-tag govuk-tag--grey">([^<]+)<`,
      );
      expect(row.exec(queue.text)?.[1]).toBe('Your municipality');
      const refused = await web.post(path, { action: 'approve' }, csrfTokenIn(queue.text));
      expect(refused.status).toBe(403);
      expect(refused.text).toContain('Your decision was not recorded');
      expect(refused.text).toContain('You represent this municipality');
      expect(await practiceState(ctx, practice.id)).toEqual(before);
      // The same for a verification of a resident of that municipality.
      const { id } = await askVerification();
      expect((await web.get(`/moderation/verifications/${id}`)).text).not.toContain('name="action"');
    });

    it('answers a decision already made by a colleague, or a double submit, with a clear 409 page', async () => {
      const practice = await ctx.newPractice(owner, 'submitted');
      const path = `/moderation/practices/${practice.id}`;
      const opened = await moderatorWeb.get(path);
      const token = csrfTokenIn(opened.text);
      const colleague = await ctx.newModerator();
      expect((await decide(ctx, colleague, practice.id, { action: 'approve' })).status).toBe(200);
      const late = await moderatorWeb.post(path, { action: 'reject', 'reason-reject': 'Поздно' }, token);
      expect(late.status).toBe(409);
      expect(late.text).toContain('This item was already decided');
      expect(late.text).toContain('Published');
      expect(late.text).not.toContain('name="action"');

      const entry = await pendingEntry();
      const entryPath = `/moderation/entries/${entry.id}`;
      const form = await moderatorWeb.get(entryPath);
      const token2 = csrfTokenIn(form.text);
      expect((await moderatorWeb.post(entryPath, { action: 'accept' }, token2)).status).toBe(303);
      const again = await moderatorWeb.post(entryPath, { action: 'accept' }, token2);
      expect(again.status).toBe(409);
      expect(again.text).toContain('This item was already decided');
      const [row] = await ctx.db.query('SELECT count(*)::int AS n FROM audit_log WHERE object_id = $1', [
        entry.id,
      ]);
      expect(row.n).toBe(1);
    });

    it('refuses a form without its CSRF token with the 403 page, changing nothing', async () => {
      const { id } = await askRepresentation();
      const response = await moderatorWeb.post(
        `/moderation/representatives/${id}`,
        { action: 'approve' },
        null,
      );
      expect(response.status).toBe(403);
      expect(response.text).toContain('The form could not be accepted');
      const [row] = await ctx.db.query('SELECT status FROM representative_memberships WHERE id = $1', [id]);
      expect(row.status).toBe('pending');
    });

    it('warns of a PIN clash and explains the refused approval', async () => {
      const pin = newPin();
      const first = await askVerification(pin);
      const { id } = await askVerification(pin);
      const path = `/moderation/verifications/${id}`;
      const page = await moderatorWeb.get(path);
      expect(page.text).toContain('Another account gave the same PIN');
      expect(page.text).toContain(`href="/moderation/verifications/${first.id}"`);
      const response = await moderatorWeb.submit(path, { action: 'approve' });
      expect(response.status).toBe(409);
      expect(response.text).toContain('Another account with this PIN is verified or waiting');
      const [row] = await ctx.db.query('SELECT status FROM voter_verifications WHERE id = $1', [id]);
      expect(row.status).toBe('pending');
    });

    it('keeps a decided entry decided when its contest moved on (no crash on the page)', async () => {
      const entry = await pendingEntry();
      await decideEntry(ctx, moderator, entry.contestId, entry.id, {
        action: 'reject',
        reason: 'Не подходит',
      });
      const page = await moderatorWeb.get(`/moderation/entries/${entry.id}`);
      expect(page.status).toBe(200);
      expect(page.text).toContain('Не подходит');
      expect(page.text).toContain('This item has been decided');
    });
  });
});
