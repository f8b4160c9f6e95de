import { bearer, TestContext, TestRepresentative, TestUser } from './support/test-app';
import { decide, practiceState } from './support/practice-helpers';
import { csrfTokenIn, SignedInWeb } from './support/signed-in-web';

const LONG = 'Жители не знали, как расходуется бюджет села.';

/** The typed values of every section after the first, valid by the API's rules. */
const SECTION_VALUES: Record<string, Record<string, string>> = {
  story: { problem: LONG, solution: 'Ежегодные слушания и голосование за проекты в каждом селе.' },
  outcome: {
    results: 'Явка на слушания выросла с 40 до 600 человек.',
    resources: '1,2 млн сомов, 3 сотрудника.',
  },
  replicability: { replicability: 'Достаточно положения о слушаниях и простого бюллетеня.' },
  contact: { contactName: 'Айбек Осмонов', contactPhone: '+996555000111', contactEmail: '' },
};

function practiceIdOf(location: string | undefined): string {
  const match = /^\/my\/practices\/([0-9a-f-]{36})$/.exec(location ?? '');
  if (!match) {
    throw new Error(`not a practice page: ${location}`);
  }
  return match[1];
}

function versionIn(html: string): string {
  return /name="version" value="(\d+)"/.exec(html)?.[1] ?? '';
}

/** What a section's form posts besides its fields, as the browser sends its hidden inputs. */
function baseIn(html: string): { version: string; digest: string } {
  return { version: versionIn(html), digest: /name="digest" value="([\w-]+)"/.exec(html)?.[1] ?? '' };
}

describe('representative pages (/my)', () => {
  let ctx: TestContext;
  let rep: TestRepresentative;
  let web: SignedInWeb;
  let moderator: TestUser;
  let budget: string;

  beforeAll(async () => {
    ctx = await TestContext.start();
    rep = await ctx.newRepresentative('M-DOSTUK', { locale: 'en' });
    web = await SignedInWeb.signIn(ctx, rep);
    moderator = await ctx.newModerator();
    budget = await ctx.idOf('categories', 'budget');
  });

  afterAll(async () => {
    await ctx.close();
  });

  async function startDraft(session = web, title = 'Open village budget'): Promise<string> {
    const created = await session.submit('/my/practices/new?lang=en', {
      title,
      summary: 'Residents decide together how part of the village budget is spent.',
      categoryId: budget,
      language: 'ru',
      startYear: '2019',
      endYear: '',
      tags: 'budget, participation',
    });
    expect(created.status).toBe(303);
    return practiceIdOf(created.headers.location);
  }

  async function saveSection(id: string, section: string, values: Record<string, string>, session = web) {
    const page = await session.get(`/my/practices/${id}/sections/${section}`);
    expect(page.status).toBe(200);
    return session.post(
      `/my/practices/${id}/sections/${section}`,
      { ...baseIn(page.text), ...values },
      csrfTokenIn(page.text),
    );
  }

  /** Another representative of the municipality saves through the API; returns the version they saved over. */
  async function colleagueSaves(id: string, changes: Record<string, string>): Promise<number> {
    const colleague = await ctx.newRepresentative('M-DOSTUK');
    const current = await ctx.http.get(`/api/v1/practices/${id}`).set(...bearer(colleague));
    await ctx.http
      .patch(`/api/v1/practices/${id}`)
      .set(...bearer(colleague))
      .send({ version: current.body.version, ...changes })
      .expect(200);
    return current.body.version as number;
  }

  async function completeDraft(session = web): Promise<string> {
    const id = await startDraft(session);
    for (const [section, values] of Object.entries(SECTION_VALUES)) {
      expect((await saveSection(id, section, values, session)).status).toBe(303);
    }
    return id;
  }

  it('sends a visitor to sign in and back', async () => {
    const response = await ctx.http.get('/my');
    expect(response.status).toBe(303);
    expect(response.headers.location).toBe('/login?returnTo=%2Fmy');
  });

  it('explains to a signed-in user who represents no municipality how to ask, instead of an error', async () => {
    const citizen = await SignedInWeb.signIn(ctx, await ctx.newUser());
    for (const path of ['/my?lang=en', '/my/practices/new?lang=en']) {
      const page = await citizen.get(path);
      expect(page.status).toBe(200);
      expect(page.text).toContain('You do not represent a municipality yet');
      expect(page.text).toContain('href="/account/representation"');
    }
    const account = await citizen.get('/account?lang=en');
    expect(account.text).not.toContain('href="/my"');
    expect((await web.get('/account?lang=en')).text).toContain('href="/my"');
  });

  it('keeps everything typed on a new practice with errors, and names each field in the summary', async () => {
    const page = await web.get('/my/practices/new?lang=en');
    const response = await web.post(
      '/my/practices/new',
      {
        title: '',
        summary: 'Typed summary that must survive the error',
        categoryId: budget,
        language: 'ru',
        startYear: 'twenty',
        endYear: '2018',
        tags: `ok, ${'x'.repeat(51)}`,
      },
      csrfTokenIn(page.text),
    );
    expect(response.status).toBe(400);
    expect(response.text).toContain('<title>Error: ');
    expect(response.text).toContain('href="#title"');
    expect(response.text).toContain('Enter the title of the practice');
    expect(response.text).toContain('Enter the start year as a number, for example 2021');
    expect(response.text).toContain('Each tag can have no more than 50 characters');
    expect(response.text).toContain('Typed summary that must survive the error');
    expect(response.text).toContain('value="twenty"');
    expect(await ctx.count('practices', 'municipality_id = $1', [rep.municipalityId])).toBe(0);
  });

  it('refuses an end year before the start year at the field, as the service does', async () => {
    const page = await web.get('/my/practices/new?lang=en');
    const response = await web.post(
      '/my/practices/new',
      {
        title: 'Years in the wrong order',
        summary: 'Residents decide together how part of the budget is spent.',
        categoryId: budget,
        language: 'ky',
        startYear: '2020',
        endYear: '2019',
        tags: '',
      },
      csrfTokenIn(page.text),
    );
    expect(response.status).toBe(400);
    expect(response.text).toContain('The end year cannot be before the start year');
  });

  it('creates a draft from the first section, shows the task list, and saves each section', async () => {
    const id = await startDraft();
    const taskList = await web.get(`/my/practices/${id}?lang=en`);
    expect(taskList.status).toBe(200);
    expect(taskList.text).toContain('govuk-task-list');
    expect(taskList.text).toContain('Completed');
    expect(taskList.text).toContain('Not started');
    expect(taskList.text).toContain(`href="/my/practices/${id}/attachments"`);
    expect(taskList.text).toContain(`href="/my/practices/${id}/contests"`);

    const story = await web.get(`/my/practices/${id}/sections/story?lang=en`);
    expect(story.text).toContain('govuk-character-count');
    expect(story.text).toContain('20000');

    const short = await saveSection(id, 'story', { problem: 'too short', solution: '' });
    expect(short.status).toBe(400);
    expect(short.text).toContain('too short');
    expect(short.text).toContain('Enter at least 20 characters');

    for (const [section, values] of Object.entries(SECTION_VALUES)) {
      const saved = await saveSection(id, section, values);
      expect(saved.status).toBe(303);
      expect(saved.headers.location).toBe(`/my/practices/${id}`);
    }
    const practice = await ctx.db.query('SELECT problem, contact_email, tags FROM practices WHERE id = $1', [
      id,
    ]);
    expect(practice[0]).toEqual({ problem: LONG, contact_email: null, tags: ['budget', 'participation'] });
    expect((await web.get(`/my/practices/${id}?lang=en`)).text).not.toContain('Not started');
  });

  it('refuses to submit an incomplete draft from the check page and through the API', async () => {
    const id = await startDraft();
    const check = await web.get(`/my/practices/${id}/check?lang=en`);
    expect(check.text).toContain('Not filled in');
    const refused = await web.post(`/my/practices/${id}/check`, {}, csrfTokenIn(check.text));
    expect(refused.status).toBe(400);
    expect(refused.text).toContain(`href="/my/practices/${id}/sections/story"`);
    const api = await ctx.http
      .post(`/api/v1/practices/${id}/submit`)
      .set(...bearer(rep))
      .send({});
    expect(api.status).toBe(400);
    expect(api.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'problem' })]));
    expect((await practiceState(ctx, id)).status).toBe('draft');
  });

  it('submits from check answers once, however often the button is pressed', async () => {
    const id = await completeDraft();
    const check = await web.get(`/my/practices/${id}/check?lang=en`);
    expect(check.text).toContain(`href="/my/practices/${id}/sections/story#problem"`);
    const token = csrfTokenIn(check.text);
    const [first, second] = await Promise.all([
      web.post(`/my/practices/${id}/check`, {}, token),
      web.post(`/my/practices/${id}/check`, {}, token),
    ]);
    expect([first.status, second.status]).toEqual([303, 303]);
    const third = await web.post(`/my/practices/${id}/check`, {}, token);
    expect(third.status).toBe(303);
    expect((await practiceState(ctx, id)).status).toBe('submitted');
    expect(await ctx.count('practice_revisions', 'practice_id = $1', [id])).toBe(1);
  });

  it('shows the moderator’s reason, lets the representative revise and resubmit, and keeps the history', async () => {
    const id = await completeDraft();
    await web.submit(`/my/practices/${id}/check`, {});
    const reason = 'Add the figures of 2023, please.';
    expect((await decide(ctx, moderator, id, { action: 'request_changes', reason })).status).toBe(200);

    const list = await web.get('/my?lang=en');
    expect(list.text).toContain('Changes requested');
    expect(list.text).toContain(reason);
    const section = await web.get(`/my/practices/${id}/sections/outcome?lang=en`);
    expect(section.text).toContain('The moderator asked for changes');
    expect(section.text).toContain(reason);

    const revised = await saveSection(id, 'outcome', {
      results: 'In 2023 turnout reached 650 people and 14 objects were built.',
      resources: '1,2 млн сомов, 3 сотрудника.',
    });
    expect(revised.status).toBe(303);
    const check = await web.get(`/my/practices/${id}/check?lang=en`);
    expect(check.text).toContain('Send the changes for review');
    expect((await web.post(`/my/practices/${id}/check`, {}, csrfTokenIn(check.text))).status).toBe(303);
    expect((await practiceState(ctx, id)).status).toBe('submitted');

    const history = await web.get(`/my/practices/${id}/history?lang=en`);
    expect(history.status).toBe(200);
    expect(history.text).toContain('Changes requested');
    expect(history.text).toContain(reason);
    expect(history.text).toContain('revision 2');
    expect(history.text).toContain('Bishkek time');
  });

  it('keeps what was typed when a colleague saved first, shows their version, and saves deliberately after', async () => {
    const id = await completeDraft();
    const page = await web.get(`/my/practices/${id}/sections/story?lang=en`);
    const { version: staleVersion, digest } = baseIn(page.text);
    await colleagueSaves(id, { problem: 'The colleague wrote this problem text first.' });

    const mine = 'My own long problem text, typed while the colleague was saving.';
    const stale = await web.post(
      `/my/practices/${id}/sections/story`,
      { version: staleVersion, digest, problem: mine, solution: SECTION_VALUES.story.solution },
      csrfTokenIn(page.text),
    );
    expect(stale.status).toBe(409);
    expect(stale.text).toContain('A colleague saved this section while you were editing it');
    expect(stale.text).toContain(mine);
    expect(stale.text).toContain('The colleague wrote this problem text first.');
    const newVersion = versionIn(stale.text);
    expect(Number(newVersion)).toBeGreaterThan(Number(staleVersion));
    expect((await practiceState(ctx, id)).version).toBe(Number(newVersion));
    const rows = await ctx.db.query('SELECT problem FROM practices WHERE id = $1', [id]);
    expect(rows[0].problem).toBe('The colleague wrote this problem text first.');

    const again = await web.post(
      `/my/practices/${id}/sections/story`,
      { ...baseIn(stale.text), problem: mine, solution: SECTION_VALUES.story.solution },
      csrfTokenIn(stale.text),
    );
    expect(again.status).toBe(303);
    expect((await ctx.db.query('SELECT problem FROM practices WHERE id = $1', [id]))[0].problem).toBe(mine);
  });

  it('saves a section over a colleague’s save of another section, keeping both', async () => {
    const id = await completeDraft();
    const page = await web.get(`/my/practices/${id}/sections/outcome?lang=en`);
    const theirs = 'The colleague rewrote the problem meanwhile, in another section.';
    const loadedVersion = await colleagueSaves(id, { problem: theirs });

    const mine = 'Turnout grew from 40 to 600 people over three years.';
    const saved = await web.post(
      `/my/practices/${id}/sections/outcome`,
      { ...baseIn(page.text), results: mine, resources: SECTION_VALUES.outcome.resources },
      csrfTokenIn(page.text),
    );
    expect(saved.status).toBe(303);
    expect(saved.headers.location).toBe(`/my/practices/${id}`);
    const [row] = await ctx.db.query('SELECT problem, results, version FROM practices WHERE id = $1', [id]);
    expect(row).toMatchObject({ problem: theirs, results: mine, version: loadedVersion + 2 });
  });

  it('refuses a save whose section fingerprint does not match, as a stale one: the conflict page, nothing saved', async () => {
    const id = await completeDraft();
    const page = await web.get(`/my/practices/${id}/sections/story?lang=en`);
    await colleagueSaves(id, { problem: 'The colleague’s problem text, saved first.' });

    const stale = await web.post(
      `/my/practices/${id}/sections/story`,
      {
        ...baseIn(page.text),
        digest: 'AAAAAAAAAAAAAAAAAAAAAA',
        problem: 'Mine, typed meanwhile.',
        solution: SECTION_VALUES.story.solution,
      },
      csrfTokenIn(page.text),
    );
    expect(stale.status).toBe(409);
    const [row] = await ctx.db.query('SELECT problem FROM practices WHERE id = $1', [id]);
    expect(row.problem).toBe('The colleague’s problem text, saved first.');
  });

  it('makes one draft of a new-practice form posted twice, one after the other or at once', async () => {
    const page = await web.get('/my/practices/new?lang=en');
    const draftKey = /name="draftKey" value="([\w-]+)"/.exec(page.text)?.[1];
    expect(draftKey).toMatch(/^[0-9a-f-]{36}$/);
    const fields = {
      draftKey: draftKey!,
      title: 'Posted twice by a double tap',
      summary: 'The second post of the same form must not make a second draft of it.',
      categoryId: budget,
      language: 'ru',
      startYear: '2020',
    };
    const one = await web.post('/my/practices/new', fields, csrfTokenIn(page.text));
    const two = await web.post('/my/practices/new', fields, csrfTokenIn(page.text));
    expect([one.status, two.status]).toEqual([303, 303]);
    expect(two.headers.location).toBe(one.headers.location);

    const again = await web.get('/my/practices/new?lang=en');
    const atOnce = {
      ...fields,
      title: 'Posted twice at once',
      draftKey: /name="draftKey" value="([\w-]+)"/.exec(again.text)![1],
    };
    const both = await Promise.all(
      [1, 2].map(() => web.post('/my/practices/new', atOnce, csrfTokenIn(again.text))),
    );
    expect(both.map((response) => response.status)).toEqual([303, 303]);
    expect(both[1].headers.location).toBe(both[0].headers.location);

    const rows = await ctx.db.query(`SELECT title FROM practices WHERE title LIKE 'Posted twice%'`);
    expect(rows).toHaveLength(2);
  });

  it('takes a section saved twice by a double click as one save, not as a colleague’s conflict', async () => {
    const id = await completeDraft();
    const page = await web.get(`/my/practices/${id}/sections/replicability`);
    const fields = {
      ...baseIn(page.text),
      replicability: 'Положение о слушаниях и бюллетень, шаблоны приложены.',
    };
    const first = await web.post(
      `/my/practices/${id}/sections/replicability`,
      fields,
      csrfTokenIn(page.text),
    );
    const second = await web.post(
      `/my/practices/${id}/sections/replicability`,
      fields,
      csrfTokenIn(page.text),
    );
    expect([first.status, second.status]).toEqual([303, 303]);
    expect(second.headers.location).toBe(`/my/practices/${id}`);
  });

  it('answers another municipality’s practice, draft or published, with the 404 page and changes nothing', async () => {
    const draft = await startDraft();
    const published = (await ctx.newPractice(rep, 'published')).id;
    const other = await SignedInWeb.signIn(ctx, await ctx.newRepresentative('M-SADOVOE'));
    const token = csrfTokenIn((await other.get('/my')).text);
    for (const id of [draft, published]) {
      for (const path of ['', '/sections/about', '/check', '/withdraw', '/history']) {
        const page = await other.get(`/my/practices/${id}${path}?lang=en`);
        expect({ path, status: page.status }).toEqual({ path, status: 404 });
        expect(page.text).toContain('Page not found');
      }
      const before = await practiceState(ctx, id);
      const posts = [
        other.post(
          `/my/practices/${id}/sections/about`,
          { version: String(before.version), title: 'Hijacked' },
          token,
        ),
        other.post(`/my/practices/${id}/check`, {}, token),
        other.post(`/my/practices/${id}/withdraw`, {}, token),
      ];
      for (const response of await Promise.all(posts)) {
        expect(response.status).toBe(404);
      }
      expect(await practiceState(ctx, id)).toEqual(before);
    }
    expect((await other.get('/my/practices/not-a-uuid')).status).toBe(404);
    expect((await web.get(`/my/practices/${draft}/sections/nonsense`)).status).toBe(404);
  });

  it('says clearly that a practice cannot be edited in its status (409) and changes nothing', async () => {
    const { id, version } = await ctx.newPractice(rep, 'submitted');
    const page = await web.get(`/my/practices/${id}/sections/story?lang=en`);
    expect(page.status).toBe(409);
    expect(page.text).toContain('This practice cannot be changed now');
    const token = csrfTokenIn((await web.get('/my')).text);
    const post = await web.post(
      `/my/practices/${id}/sections/story`,
      { version: String(version), problem: 'Edited after submitting, which is not allowed.' },
      token,
    );
    expect(post.status).toBe(409);
    expect((await practiceState(ctx, id)).version).toBe(version);
    const taskList = await web.get(`/my/practices/${id}?lang=en`);
    expect(taskList.text).toContain('cannot be changed in its current status');
    expect(taskList.text).not.toContain(`/my/practices/${id}/sections/story"`);
  });

  it('refuses a form without its CSRF token with the 403 page and changes nothing', async () => {
    const id = await startDraft();
    const before = await practiceState(ctx, id);
    const section = await web.post(
      `/my/practices/${id}/sections/about?lang=en`,
      { version: String(before.version), title: 'Changed without a token' },
      null,
    );
    expect(section.status).toBe(403);
    expect(section.text).toContain('The form could not be accepted');
    expect((await web.post(`/my/practices/${id}/withdraw`, {}, null)).status).toBe(403);
    expect((await web.post('/my/practices/new', { title: 'No token' }, null)).status).toBe(403);
    expect(await practiceState(ctx, id)).toEqual(before);
  });

  it('withdraws after a confirmation, and a second withdrawal is harmless', async () => {
    const id = await startDraft();
    const confirm = await web.get(`/my/practices/${id}/withdraw?lang=en`);
    expect(confirm.text).toContain('Withdraw the practice?');
    const token = csrfTokenIn(confirm.text);
    const first = await web.post(`/my/practices/${id}/withdraw`, {}, token);
    expect(first.status).toBe(303);
    expect((await practiceState(ctx, id)).status).toBe('withdrawn');
    const second = await web.post(`/my/practices/${id}/withdraw`, {}, token);
    expect(second.status).toBe(303);
    expect((await web.get(`/my/practices/${id}/withdraw?lang=en`)).status).toBe(409);
    expect((await web.get('/my?lang=en')).text).toContain('Withdrawn or archived');
  });

  it('lets a representative of several municipalities pick which, when listing and when creating', async () => {
    const both = await ctx.newRepresentative('M-DOSTUK');
    const sadovoe = await ctx.idOf('municipalities', 'M-SADOVOE');
    await ctx.db.query(
      `INSERT INTO representative_memberships (user_id, municipality_id, status, decided_at) VALUES ($1, $2, 'approved', now())`,
      [both.id, sadovoe],
    );
    const session = await SignedInWeb.signIn(ctx, both);
    const list = await session.get('/my?lang=en');
    expect(list.text).toContain('name="municipality"');
    const fields = {
      title: 'A practice of Sadovoe',
      summary: 'Residents decide together how part of the budget is spent.',
      categoryId: budget,
      language: 'ru',
      startYear: '2021',
      endYear: '',
      tags: '',
    };
    const missing = await session.submit('/my/practices/new?lang=en', { ...fields, municipalityId: '' });
    expect(missing.status).toBe(400);
    expect(missing.text).toContain('Choose the municipality of this practice');
    expect(missing.text).toContain('A practice of Sadovoe');
    const created = await session.submit('/my/practices/new', { ...fields, municipalityId: sadovoe });
    expect(created.status).toBe(303);
    expect((await session.get(`/my?municipality=${sadovoe}`)).text).toContain('A practice of Sadovoe');
    expect((await session.get(`/my?municipality=${both.municipalityId}`)).text).not.toContain(
      'A practice of Sadovoe',
    );
  });
});
