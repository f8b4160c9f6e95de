import { bishkekParts } from '../src/web/forms/bishkek-date-time';
import { csrfTokenOf, WebBrowser } from './support/admin-contests-web';
import { newVoter } from './support/contests';
import { bearer, TestContext, TestUser } from './support/test-app';
import { castVote, closeAndPublish, HOUR, iso, votingContest } from './support/voting-helpers';

const DAY = 24 * HOUR;

/** A window's four form fields for a moment `msFromNow` ahead, typed as Bishkek time. */
function windowFields(field: string, msFromNow: number): Record<string, string> {
  const parts = bishkekParts(new Date(Date.now() + msFromNow));
  return {
    [`${field}-day`]: parts.day,
    [`${field}-month`]: parts.month,
    [`${field}-year`]: parts.year,
    [`${field}-time`]: parts.time,
  };
}

/** A complete, valid new-contest form with two nominations. */
function contestFields(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    'title.ky': 'Мыкты тажрыйба 2027',
    'title.ru': 'Лучшая практика 2027',
    'title.en': 'Best practice 2027',
    'description.ru': 'Ежегодный конкурс.',
    'rules.ru': 'Один голос за практику.',
    'nominations.0.title.ru': 'Бюджет',
    'nominations.0.title.en': 'Budget',
    'nominations.0.winnersCount': '2',
    'nominations.1.title.ky': 'Жарандардын катышуусу',
    'nominations.1.winnersCount': '1',
    ...windowFields('entriesOpenAt', 10 * DAY),
    ...windowFields('entriesCloseAt', 20 * DAY),
    ...windowFields('votingOpensAt', 25 * DAY),
    ...windowFields('votingClosesAt', 30 * DAY),
    votesLimit: 'limited',
    votesPerVoter: '3',
    voterPolicy: 'verified',
    allowRetract: 'true',
    intent: 'save',
    ...overrides,
  };
}

/** The edit form's fields as the page shows them (every input and checked control), to change a few. */
function formFieldsOf(html: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const match of html.matchAll(/<input\b[^>]*>/g)) {
    const tag = match[0];
    const name = /name="([^"]+)"/.exec(tag)?.[1];
    const value = /value="([^"]*)"/.exec(tag)?.[1] ?? '';
    const type = /type="([^"]+)"/.exec(tag)?.[1] ?? 'text';
    if (
      !name ||
      name === '_csrf' ||
      ((type === 'radio' || type === 'checkbox') && !/\bchecked\b/.test(tag))
    ) {
      continue;
    }
    fields[name] = value.replace(/&amp;/g, '&').replace(/&quot;/g, '"');
  }
  for (const match of html.matchAll(/<textarea\b[^>]*name="([^"]+)"[^>]*>([^<]*)<\/textarea>/g)) {
    fields[match[1]] = match[2].replace(/^\n/, '');
  }
  return fields;
}

describe('website: the admin contest pages', () => {
  let ctx: TestContext;
  let admin: TestUser;
  let browser: WebBrowser;

  beforeAll(async () => {
    ctx = await TestContext.start();
    admin = await ctx.newUser({ roles: ['admin' as never] });
    browser = await WebBrowser.signIn(ctx, admin);
  });

  afterAll(async () => {
    await ctx.close();
  });

  it('gives moderators and citizens the 403 page on every route, and sends visitors to sign in', async () => {
    const contest = await votingContest(ctx, admin, {}, 1);
    const paths = [
      '/admin/contests',
      '/admin/contests/new',
      `/admin/contests/${contest.id}`,
      `/admin/contests/${contest.id}/signals`,
      `/admin/contests/${contest.id}/publish`,
    ];
    for (const user of [await ctx.newModerator(), await ctx.newUser()]) {
      const other = await WebBrowser.signIn(ctx, user);
      for (const path of paths) {
        const page = await other.get(path);
        expect(page.status).toBe(403);
        expect(page.headers['content-type']).toMatch(/^text\/html/);
      }
      const page = await other.get('/account');
      const post = await other.postWithToken(`/admin/contests/${contest.id}/publish`, {
        _csrf: csrfTokenOf(page.text),
      });
      expect(post.status).toBe(403);
    }
    const visitor = await ctx.http.get('/admin/contests');
    expect(visitor.status).toBe(303);
    expect(visitor.headers.location).toMatch(/^\/login\?returnTo=/);
  });

  it('lists contests with their phase and a link to create one', async () => {
    const contest = await votingContest(ctx, admin, {}, 1);
    const page = await browser.get('/admin/contests');
    expect(page.status).toBe(200);
    expect(page.text).toContain('href="/admin/contests/new"');
    expect(page.text).toContain(`href="/admin/contests/${contest.id}"`);
    expect(page.text).toContain('Voting closes on');
  });

  it('shows every error of a new contest and keeps everything typed, all nomination rows included', async () => {
    const before = await ctx.count('contests');
    const response = await browser.post('/admin/contests/new', '/admin/contests/new', {
      ...contestFields({
        'title.ky': '',
        'title.ru': '',
        'title.en': '',
        'description.ru': 'Описание, которое нельзя потерять',
        'nominations.1.winnersCount': '0',
        'nominations.2.title.en': 'Third, with no winners count',
        'nominations.2.winnersCount': '',
        'entriesOpenAt-day': '31',
        'entriesOpenAt-month': '2',
        'votingClosesAt-time': '25:00',
      }),
    });
    expect(response.status).toBe(400);
    expect(response.text).toContain('<title>Error: Create a contest');
    expect(response.text).toContain('Enter the title in at least one language');
    expect(response.text).toContain('href="#title-ky"');
    expect(response.text).toContain(
      'Nomination 2: Enter the number of winners as a whole number from 1 to 100',
    );
    expect(response.text).toContain('href="#nominations-2-winnersCount"');
    expect(response.text).toContain('Enter a real date, for example 15 4 2026');
    expect(response.text).toContain('href="#entriesOpenAt-day"');
    expect(response.text).toContain('Enter the time as hours and minutes, for example 09:00');
    expect(response.text).toContain('Описание, которое нельзя потерять');
    expect(response.text).toContain('value="Жарандардын катышуусу"');
    expect(response.text).toContain('value="Third, with no winners count"');
    expect(response.text).toContain('value="25:00"');
    expect(response.text).toMatch(/name="entriesOpenAt-day"[^>]*value="31"/);
    expect(await ctx.count('contests')).toBe(before);
  });

  it("says plainly when the windows are out of order (the service's rule), keeping the dates typed", async () => {
    const response = await browser.post('/admin/contests/new', '/admin/contests/new', {
      ...contestFields(),
      ...windowFields('votingOpensAt', 15 * DAY),
    });
    expect(response.status).toBe(400);
    expect(response.text).toContain('The dates must follow each other');
    expect(response.text).toContain('href="#votingClosesAt-day"');
    expect(formFieldsOf(response.text)['votingOpensAt-day']).toBe(
      bishkekParts(new Date(Date.now() + 15 * DAY)).day,
    );
  });

  it('adds and removes nomination rows without JavaScript, losing nothing typed', async () => {
    const before = await ctx.count('contests');
    const typed = contestFields({ 'nominations.1.title.ru': 'Вторая номинация', intent: 'add' });
    const added = await browser.post('/admin/contests/new', '/admin/contests/new', typed);
    expect(added.status).toBe(200);
    expect(added.text).toContain('Nomination 3');
    expect(added.text).toContain('name="nominations.2.title.ky"');
    expect(added.text).toMatch(/id="nominations-2-title-ky"[^>]*autofocus/);
    expect(added.text).toContain('value="Вторая номинация"');
    expect(added.text).toContain('value="Лучшая практика 2027"');
    expect(added.text).not.toContain('govuk-error-summary');

    const removed = await browser.post('/admin/contests/new', '/admin/contests/new', {
      ...formFieldsOf(added.text),
      intent: 'remove-0',
    });
    expect(removed.status).toBe(200);
    expect(removed.text).not.toContain('value="Бюджет"');
    expect(removed.text).toContain('value="Вторая номинация"');
    expect(removed.text).toContain('Nomination 2');
    expect(removed.text).not.toContain('Nomination 3');
    expect(removed.text).toContain('value="Best practice 2027"');
    expect(await ctx.count('contests')).toBe(before);
  });

  it('takes times in Bishkek time and shows them back so (09:00 in Bishkek is 03:00 UTC)', async () => {
    const response = await browser.post('/admin/contests/new', '/admin/contests/new', {
      ...contestFields(),
      'entriesOpenAt-day': '15',
      'entriesOpenAt-month': '4',
      'entriesOpenAt-year': '2099',
      'entriesOpenAt-time': '09:00',
      'entriesCloseAt-day': '1',
      'entriesCloseAt-month': '5',
      'entriesCloseAt-year': '2099',
      'entriesCloseAt-time': '00:30',
      'votingOpensAt-day': '10',
      'votingOpensAt-month': '5',
      'votingOpensAt-year': '2099',
      'votingClosesAt-day': '20',
      'votingClosesAt-month': '5',
      'votingClosesAt-year': '2099',
    });
    expect(response.status).toBe(303);
    const id = /\/admin\/contests\/([0-9a-f-]{36})$/.exec(response.headers.location)![1];
    const [row] = await ctx.db.query(
      'SELECT entries_open_at, entries_close_at, votes_per_voter, title FROM contests WHERE id = $1',
      [id],
    );
    expect((row.entries_open_at as Date).toISOString()).toBe('2099-04-15T03:00:00.000Z');
    expect((row.entries_close_at as Date).toISOString()).toBe('2099-04-30T18:30:00.000Z');
    expect(row.votes_per_voter).toBe(3);
    expect(row.title).toEqual({
      ky: 'Мыкты тажрыйба 2027',
      ru: 'Лучшая практика 2027',
      en: 'Best practice 2027',
    });
    const nominations = await ctx.db.query(
      'SELECT title, winners_count FROM nominations WHERE contest_id = $1 ORDER BY position',
      [id],
    );
    expect(nominations.map((n: { winners_count: number }) => n.winners_count)).toEqual([2, 1]);

    const edit = await browser.get(response.headers.location);
    expect(edit.text).toContain('The contest has been created.');
    const shown = formFieldsOf(edit.text);
    expect(shown).toMatchObject({
      'entriesOpenAt-day': '15',
      'entriesOpenAt-month': '4',
      'entriesOpenAt-year': '2099',
      'entriesOpenAt-time': '09:00',
      'entriesCloseAt-day': '1',
      'entriesCloseAt-month': '5',
      'entriesCloseAt-time': '00:30',
    });
  });

  it('moves a future window, and refuses plainly to move one that has passed once votes exist', async () => {
    const contest = await votingContest(ctx, admin, {}, 1);
    const voter = await newVoter(ctx);
    expect((await castVote(ctx, voter, contest.id, contest.entries[0])).status).toBe(201);
    const path = `/admin/contests/${contest.id}`;
    const [before] = await ctx.db.query('SELECT * FROM contests WHERE id = $1', [contest.id]);

    const fields = formFieldsOf((await browser.get(path)).text);
    const refused = await browser.post(path, path, {
      ...fields,
      ...windowFields('entriesOpenAt', -2 * DAY),
      'title.en': 'A title typed in the refused edit',
    });
    expect(refused.status).toBe(409);
    expect(refused.text).toContain('This date has passed and votes have been cast: it can no longer change');
    expect(refused.text).toContain('href="#entriesOpenAt-day"');
    expect(refused.text).toContain('value="A title typed in the refused edit"');
    const [unchanged] = await ctx.db.query('SELECT * FROM contests WHERE id = $1', [contest.id]);
    expect(unchanged).toEqual(before);

    const locked = await browser.post(path, path, { ...fields, votesPerVoter: '5' });
    expect(locked.status).toBe(409);
    expect(locked.text).toContain('Voting has opened: the number of votes per voter can no longer change');

    const moved = await browser.post(path, path, {
      ...fields,
      ...windowFields('votingClosesAt', 5 * DAY),
      allowRetract: '',
    });
    expect(moved.status).toBe(303);
    const [after] = await ctx.db.query('SELECT voting_closes_at, allow_retract FROM contests WHERE id = $1', [
      contest.id,
    ]);
    expect(Math.abs((after.voting_closes_at as Date).getTime() - (Date.now() + 5 * DAY))).toBeLessThan(
      120_000,
    );
    expect(after.allow_retract).toBe(false);
  });

  it('keeps allowing retraction when the box stays ticked, and saves untouched past dates without a refusal', async () => {
    const contest = await votingContest(ctx, admin, { allowRetract: false }, 1);
    const voter = await newVoter(ctx);
    await castVote(ctx, voter, contest.id, contest.entries[0]);
    const path = `/admin/contests/${contest.id}`;
    const fields = formFieldsOf((await browser.get(path)).text);
    expect(fields.allowRetract).toBeUndefined();
    const saved = await browser.post(path, path, { ...fields, allowRetract: 'true' });
    expect(saved.status).toBe(303);
    const [row] = await ctx.db.query('SELECT allow_retract FROM contests WHERE id = $1', [contest.id]);
    expect(row.allow_retract).toBe(true);
    const retract = await ctx.http
      .delete(`/api/v1/contests/${contest.id}/entries/${contest.entries[0]}/vote`)
      .set(...bearer(voter));
    expect(retract.status).toBe(204);
  });

  it('publishes only after voting closed, with a confirmation, then recounts with a verdict', async () => {
    const contest = await votingContest(ctx, admin, {}, 2);
    for (const entry of [contest.entries[0], contest.entries[0], contest.entries[1]]) {
      await castVote(ctx, await newVoter(ctx), contest.id, entry);
    }
    const path = `/admin/contests/${contest.id}/publish`;
    const early = await browser.post(`/admin/contests/${contest.id}`, path, {});
    expect(early.status).toBe(409);
    expect(early.text).toContain(
      'The results can be published only after voting has closed. The contest is now: Voting.',
    );
    expect(await ctx.count('contest_results', 'contest_id = $1', [contest.id])).toBe(0);

    await ctx.http
      .patch(`/api/v1/contests/${contest.id}`)
      .set(...bearer(admin))
      .send({ votingClosesAt: iso(-1) })
      .expect(200);
    const confirm = await browser.get(path);
    expect(confirm.text).toContain('This cannot be undone');
    const published = await browser.postWithToken(path, { _csrf: csrfTokenOf(confirm.text) });
    expect(published.status).toBe(303);
    expect(published.headers.location).toBe(`/admin/contests/${contest.id}`);
    const page = await browser.get(published.headers.location);
    expect(page.text).toContain('The results have been published.');
    expect(page.text).toContain(`href="/contests/${contest.id}/results"`);
    expect(page.text).toContain(`href="/admin/contests/${contest.id}/recount"`);

    const again = await browser.post(`/admin/contests/${contest.id}`, path, {});
    expect(again.status).toBe(409);
    expect(again.text).toContain('The results are published: the contest can no longer change');

    const recount = await browser.get(`/admin/contests/${contest.id}/recount`);
    expect(recount.status).toBe(200);
    expect(recount.text).toContain('The recount agrees with the published results');
    expect(recount.text).toMatch(/Votes counted\s*<\/dt>\s*<dd[^>]*>\s*3\s*</);

    // A vote changed behind the portal's back: the recount says so, with the numbers.
    await ctx.db.query(
      `UPDATE votes SET annulled_at = now(), annul_reason = 'tampered' WHERE id =
         (SELECT id FROM votes WHERE contest_id = $1 ORDER BY cast_at LIMIT 1)`,
      [contest.id],
    );
    const differs = await browser.get(`/admin/contests/${contest.id}/recount`);
    expect(differs.text).toContain('The recount differs from the published results');
    expect(differs.text).toMatch(/1:2:true,2:1:true → \S+/);
  });

  it('shows the fraud signals and annuls a vote only with a reason, refusing a second time plainly', async () => {
    const contest = await votingContest(ctx, admin, {}, 1);
    const voter = await newVoter(ctx);
    const cast = await castVote(ctx, voter, contest.id, contest.entries[0]);
    const voteId = cast.body.voteId as string;
    const signals = await browser.get(`/admin/contests/${contest.id}/signals?kind=young`);
    expect(signals.status).toBe(200);
    expect(signals.text).toContain('Votes from new accounts');
    expect(signals.text).toContain(`href="/admin/contests/${contest.id}/votes/${voteId}"`);
    expect(signals.text).not.toContain('Many voters from one network');

    const votePath = `/admin/contests/${contest.id}/votes/${voteId}`;
    const annulPath = `${votePath}/annul`;
    const empty = await browser.post(votePath, annulPath, { reason: '  ' });
    expect(empty.status).toBe(400);
    expect(empty.text).toContain('Enter the reason for annulment (at least 3 characters)');
    expect(empty.text).toContain('href="#reason"');
    const [still] = await ctx.db.query('SELECT annulled_at FROM votes WHERE id = $1', [voteId]);
    expect(still.annulled_at).toBeNull();

    const form = await browser.get(votePath);
    const done = await browser.postWithToken(annulPath, {
      _csrf: csrfTokenOf(form.text),
      reason: 'Twelve votes from one network in a minute',
    });
    expect(done.status).toBe(303);
    expect(done.headers.location).toBe(votePath);
    const shown = await browser.get(votePath);
    expect(shown.text).toContain('The vote has been annulled.');
    expect(shown.text).toContain('Annulled');
    expect(shown.text).toContain('Twelve votes from one network in a minute');
    expect(shown.text).not.toContain('name="reason"');
    const listed = await browser.get(`/admin/contests/${contest.id}/signals`);
    expect(listed.text).toContain('Twelve votes from one network in a minute');

    // The same form submitted twice (a double click): the second is refused, and says why.
    const twice = await browser.postWithToken(annulPath, {
      _csrf: csrfTokenOf(form.text),
      reason: 'A second try',
    });
    expect(twice.status).toBe(409);
    expect(twice.text).toContain('This vote is already annulled');
    const [row] = await ctx.db.query('SELECT annul_reason FROM votes WHERE id = $1', [voteId]);
    expect(row.annul_reason).toBe('Twelve votes from one network in a minute');
  });

  it('refuses annulment after publication plainly, and a vote of another contest is a 404 page', async () => {
    const contest = await votingContest(ctx, admin, {}, 1);
    const other = await votingContest(ctx, admin, {}, 1);
    const cast = await castVote(ctx, await newVoter(ctx), contest.id, contest.entries[0]);
    const votePath = `/admin/contests/${contest.id}/votes/${cast.body.voteId}`;
    const form = await browser.get(votePath);
    expect((await closeAndPublish(ctx, admin, contest.id)).status).toBe(201);
    const refused = await browser.postWithToken(`${votePath}/annul`, {
      _csrf: csrfTokenOf(form.text),
      reason: 'Too late for this',
    });
    expect(refused.status).toBe(409);
    expect(refused.text).toContain('The results are published: the contest can no longer change');
    expect((await browser.get(votePath)).text).toContain(
      'The results are published: votes can no longer be annulled.',
    );
    expect((await browser.get(`/admin/contests/${other.id}/votes/${cast.body.voteId}`)).status).toBe(404);
  });

  it('refuses a post without a CSRF token with the 403 page, changing nothing', async () => {
    const before = await ctx.count('contests');
    const create = await browser.postWithToken('/admin/contests/new', contestFields());
    expect(create.status).toBe(403);
    expect(await ctx.count('contests')).toBe(before);

    const contest = await votingContest(ctx, admin, {}, 1);
    const cast = await castVote(ctx, await newVoter(ctx), contest.id, contest.entries[0]);
    const annul = await browser.postWithToken(
      `/admin/contests/${contest.id}/votes/${cast.body.voteId}/annul`,
      {
        reason: 'no token here',
      },
    );
    expect(annul.status).toBe(403);
    const [vote] = await ctx.db.query('SELECT annulled_at FROM votes WHERE id = $1', [cast.body.voteId]);
    expect(vote.annulled_at).toBeNull();
    const publish = await browser.postWithToken(`/admin/contests/${contest.id}/publish`, { _csrf: 'forged' });
    expect(publish.status).toBe(403);
  });
});
