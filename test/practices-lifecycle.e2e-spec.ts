import request from 'supertest';
import { ViewCounter } from '../src/practices/view-counter';
import { expectFieldError, expectProblem } from './support/assertions';
import { decide, practiceState } from './support/practice-helpers';
import { bearer, TestContext, TestRepresentative, TestUser } from './support/test-app';

type Status =
  | 'draft'
  | 'submitted'
  | 'in_review'
  | 'changes_requested'
  | 'published'
  | 'rejected'
  | 'withdrawn'
  | 'archived';

/** §2: the practice state machine, and the counters that hang off published practices. */
describe('practice lifecycle', () => {
  let ctx: TestContext;
  let moderator: TestUser;
  let rep: TestRepresentative;

  beforeAll(async () => {
    ctx = await TestContext.start();
    moderator = await ctx.newModerator();
    rep = await ctx.newRepresentative('M-DOSTUK');
  });
  afterAll(() => ctx.close());

  async function expectDecision(id: string, body: Record<string, unknown>): Promise<void> {
    const response = await decide(ctx, moderator, id, body);
    expect({ action: body.action, status: response.status }).toEqual({ action: body.action, status: 200 });
  }

  async function ownerAction(id: string, action: 'submit' | 'withdraw') {
    return ctx.http
      .post(`/api/v1/practices/${id}/${action}`)
      .set(...bearer(rep))
      .send({});
  }

  /** A practice of Dostuk brought to `status` through the API (withdrawn after it was submitted). */
  async function practiceIn(status: Status, overrides: Record<string, unknown> = {}): Promise<string> {
    const base = status === 'draft' ? 'draft' : status === 'archived' ? 'published' : 'submitted';
    const { id } = await ctx.newPractice(rep, base, overrides);
    if (status === 'in_review') {
      await expectDecision(id, { action: 'claim' });
    } else if (status === 'changes_requested') {
      await expectDecision(id, { action: 'request_changes', reason: 'Добавьте цифры о расходах' });
    } else if (status === 'published' && base !== 'published') {
      await expectDecision(id, { action: 'approve' });
    } else if (status === 'rejected') {
      await expectDecision(id, { action: 'reject', reason: 'Это не практика самоуправления' });
    } else if (status === 'archived') {
      await expectDecision(id, { action: 'archive' });
    } else if (status === 'withdrawn') {
      expect((await ownerAction(id, 'withdraw')).status).toBe(200);
    }
    expect((await practiceState(ctx, id)).status).toBe(status);
    return id;
  }

  const edit = (id: string, body: Record<string, unknown>) =>
    ctx.http
      .patch(`/api/v1/practices/${id}`)
      .set(...bearer(rep))
      .send(body);

  // First: the outbox delivers in order, and later tests queue many emails.
  describe('emails', () => {
    it('reject a practice with the reason emailed to the author; a rejected practice stays closed', async () => {
      const id = await practiceIn('submitted');
      const rejected = await decide(ctx, moderator, id, {
        action: 'reject',
        reason: 'Практика не относится к местному самоуправлению',
      });
      expect(rejected.status).toBe(200);
      expect(rejected.body.status).toBe('rejected');
      await ctx.mail.waitForContaining(rep.email, 'Практика не относится к местному самоуправлению');
      expectProblem(await decide(ctx, moderator, id, { action: 'approve' }), 409, 'wrong_status');
    });
  });

  describe('edits', () => {
    it('edit a draft without changing its status; a stale version is 409 and changes nothing', async () => {
      const id = await practiceIn('draft');
      const { version } = await practiceState(ctx, id);
      const first = await edit(id, { version, title: 'Слушания по бюджету, версия 2' });
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ status: 'draft', version: version + 1 });
      const before = await practiceState(ctx, id);

      const stale = await edit(id, { version, title: 'Кто-то другой правил раньше' });
      expectProblem(stale, 409, 'stale_version');
      expect(await practiceState(ctx, id)).toEqual(before);
      expect(before.title).toBe('Слушания по бюджету, версия 2');
    });

    it.each(['submitted', 'in_review', 'published', 'rejected', 'withdrawn', 'archived'] as const)(
      'are refused with 409 wrong_status while %s, leaving the practice untouched',
      async (status) => {
        const id = await practiceIn(status);
        const before = await practiceState(ctx, id);
        const response = await edit(id, { version: before.version, title: 'Правка не вовремя' });
        expectProblem(response, 409, 'wrong_status');
        expect(await practiceState(ctx, id)).toEqual(before);
      },
    );

    it('are allowed while changes are requested; resubmitting keeps both revisions as submitted', async () => {
      const id = await practiceIn('changes_requested', { title: 'Первая редакция практики' });
      const { version } = await practiceState(ctx, id);
      const edited = await edit(id, { version, title: 'Вторая редакция практики' });
      expect(edited.status).toBe(200);
      expect(edited.body.status).toBe('changes_requested');
      expect((await ownerAction(id, 'submit')).status).toBe(200);
      const revisions = await ctx.http
        .get(`/api/v1/practices/${id}/revisions`)
        .set(...bearer(rep))
        .expect(200);
      expect(
        revisions.body.map((r: { revision: number; content: { title: string } }) => r.content.title),
      ).toEqual(['Вторая редакция практики', 'Первая редакция практики']);
    });
  });

  describe('owner transitions', () => {
    it.each(['draft', 'submitted', 'changes_requested'] as const)('withdraw from %s', async (status) => {
      const id = await practiceIn(status);
      const response = await ownerAction(id, 'withdraw');
      expect(response.status).toBe(200);
      expect(response.body.status).toBe('withdrawn');
      const history = await ctx.http
        .get(`/api/v1/practices/${id}/history`)
        .set(...bearer(rep))
        .expect(200);
      expect(history.body.at(-1)).toMatchObject({
        action: 'withdraw',
        fromStatus: status,
        toStatus: 'withdrawn',
      });
    });

    it.each(['in_review', 'published', 'rejected', 'withdrawn', 'archived'] as const)(
      'refuse withdrawing from %s with 409, changing nothing',
      async (status) => {
        const id = await practiceIn(status);
        const before = await practiceState(ctx, id);
        expectProblem(await ownerAction(id, 'withdraw'), 409, 'wrong_status');
        expect(await practiceState(ctx, id)).toEqual(before);
      },
    );

    it.each(['submitted', 'in_review', 'published', 'rejected', 'withdrawn', 'archived'] as const)(
      'refuse submitting from %s with 409, changing nothing',
      async (status) => {
        const id = await practiceIn(status);
        const before = await practiceState(ctx, id);
        expectProblem(await ownerAction(id, 'submit'), 409, 'wrong_status');
        expect(await practiceState(ctx, id)).toEqual(before);
      },
    );
  });

  describe('moderator decisions', () => {
    it.each(['submitted', 'in_review', 'changes_requested', 'rejected', 'withdrawn'] as const)(
      'refuse archiving a practice that is %s (409): only a published one is archived',
      async (status) => {
        const id = await practiceIn(status);
        const before = await practiceState(ctx, id);
        expectProblem(await decide(ctx, moderator, id, { action: 'archive' }), 409, 'wrong_status');
        expect(await practiceState(ctx, id)).toEqual(before);
      },
    );

    it('archive a published practice, which then leaves the public catalog', async () => {
      const id = await practiceIn('published');
      await ctx.http.get(`/api/v1/practices/${id}`).expect(200);
      const archived = await decide(ctx, moderator, id, { action: 'archive' });
      expect(archived.status).toBe(200);
      expect(archived.body.status).toBe('archived');
      expectProblem(await ctx.http.get(`/api/v1/practices/${id}`), 404, 'practice_not_found');
      const catalog = await ctx.http.get('/api/v1/practices').query({ limit: 100 }).expect(200);
      expect(catalog.body.items.map((p: { id: string }) => p.id)).not.toContain(id);
      expectProblem(await decide(ctx, moderator, id, { action: 'archive' }), 409, 'wrong_status');
    });

    it.each(['reject', 'request_changes'] as const)(
      'refuse %s without a reason (400), changing and recording nothing',
      async (action) => {
        const id = await practiceIn('submitted');
        const before = await practiceState(ctx, id);
        expectFieldError(await decide(ctx, moderator, id, { action }), 'reason');
        expectFieldError(await decide(ctx, moderator, id, { action, reason: '' }), 'reason');
        expect(await practiceState(ctx, id)).toEqual(before);
      },
    );

    it('refuse an unknown action or an unknown member with 400', async () => {
      const id = await practiceIn('submitted');
      const before = await practiceState(ctx, id);
      expectFieldError(await decide(ctx, moderator, id, { action: 'publish' }), 'action');
      expectFieldError(
        await decide(ctx, moderator, id, { action: 'approve', status: 'published' }),
        'status',
        'unknownField',
      );
      expect(await practiceState(ctx, id)).toEqual(before);
    });

    it('claim only from submitted: a second claim is 409', async () => {
      const id = await practiceIn('submitted');
      await expectDecision(id, { action: 'claim' });
      const before = await practiceState(ctx, id);
      expectProblem(await decide(ctx, moderator, id, { action: 'claim' }), 409, 'wrong_status');
      expect(await practiceState(ctx, id)).toEqual(before);
    });
  });

  describe('counters', () => {
    it("count anonymous reads of a published practice after the buffered flush, not its owners' reads", async () => {
      const owned = await ctx.newPractice(rep, 'published');
      const views = ctx.app.get(ViewCounter);
      await views.flush();
      const viewCount = async () =>
        Number(
          (await ctx.db.query('SELECT view_count FROM practices WHERE id = $1', [owned.id]))[0].view_count,
        );
      const before = await viewCount();

      for (let i = 0; i < 3; i++) {
        await ctx.http
          .get(`/api/v1/practices/${owned.id}`)
          .set(...bearer(rep))
          .expect(200);
      }
      await views.flush();
      expect(await viewCount()).toBe(before);

      for (let i = 0; i < 4; i++) {
        await ctx.http.get(`/api/v1/practices/${owned.id}`).set('User-Agent', `viewer ${i}`).expect(200);
      }
      await views.flush();
      expect(await viewCount()).toBe(before + 4);
      const read = await ctx.http
        .get(`/api/v1/practices/${owned.id}`)
        .set('User-Agent', 'viewer 0')
        .expect(200);
      expect(read.body.viewCount).toBe(before + 4);
    });

    it('count a viewer (network and user agent) once a day, across reloads and instances, keeping only a keyed hash', async () => {
      const practice = await ctx.newPractice(rep, 'published');
      const views = ctx.app.get(ViewCounter);
      const viewCount = async () =>
        Number(
          (await ctx.db.query('SELECT view_count FROM practices WHERE id = $1', [practice.id]))[0].view_count,
        );
      const before = await viewCount();
      const readAs = (userAgent: string, http = ctx.http) =>
        http.get(`/api/v1/practices/${practice.id}`).set('User-Agent', userAgent).expect(200);

      for (let i = 0; i < 5; i++) {
        await readAs('Reloading Browser/1.0');
      }
      await views.flush();
      expect(await viewCount()).toBe(before + 1);

      // A second instance has its own buffer; PostgreSQL's primary key still counts the viewer once.
      const other = await ctx.startInstance({ worker: false });
      await readAs('Reloading Browser/1.0', request(other.getHttpServer()));
      await other.get(ViewCounter).flush();
      await readAs('Reloading Browser/1.0');
      await views.flush();
      expect(await viewCount()).toBe(before + 1);

      await readAs('Another Browser/2.0');
      await views.flush();
      expect(await viewCount()).toBe(before + 2);
      const rows: { viewer_hash: string }[] = await ctx.db.query(
        'SELECT viewer_hash FROM practice_views WHERE practice_id = $1',
        [practice.id],
      );
      expect(rows).toHaveLength(2);
      expect(JSON.stringify(rows)).not.toMatch(/127\.0\.0|Browser/);
    });

    it('purge views of days before yesterday, keeping the rest', async () => {
      const practice = await ctx.newPractice(rep, 'published');
      await ctx.db.query(
        `INSERT INTO practice_views (practice_id, day, viewer_hash)
         SELECT $1, (now() AT TIME ZONE 'UTC')::date - d, 'hash-' || d FROM generate_series(0, 3) AS d`,
        [practice.id],
      );
      await ctx.app.get(ViewCounter).purge();
      const days: { age: number }[] = await ctx.db.query(
        `SELECT (now() AT TIME ZONE 'UTC')::date - day AS age FROM practice_views WHERE practice_id = $1 ORDER BY age`,
        [practice.id],
      );
      expect(days.map((d) => d.age)).toEqual([0, 1]);
    });

    it('order the popular sort by view count', async () => {
      const bishkekRep = await ctx.newRepresentative('M-GB');
      const bishkek = await ctx.idOf('municipalities', 'M-GB');
      const practices = [];
      for (const title of ['Мало просмотров', 'Больше всех просмотров', 'Средне просмотров']) {
        practices.push((await ctx.newPractice(bishkekRep, 'published', { title })).id);
      }
      const reads = [1, 5, 3];
      for (const [index, id] of practices.entries()) {
        for (let i = 0; i < reads[index]; i++) {
          await ctx.http.get(`/api/v1/practices/${id}`).set('User-Agent', `viewer ${i}`).expect(200);
        }
      }
      await ctx.app.get(ViewCounter).flush();
      const popular = await ctx.http
        .get('/api/v1/practices')
        .query({ municipalityId: bishkek, sort: 'popular' })
        .expect(200);
      expect(popular.body.items.map((p: { id: string; viewCount: number }) => [p.id, p.viewCount])).toEqual([
        [practices[1], 5],
        [practices[2], 3],
        [practices[0], 1],
      ]);
    });

    it('count only published practices in the statistics, by region, category and start year', async () => {
      const koshDoboRep = await ctx.newRepresentative('M-KOSHDOBO');
      const region = await ctx.idOf('regions', 'KG-J');
      const category = await ctx.idOf('categories', 'health');
      const asMaps = (body: {
        practicesByRegion: { regionId: string; count: number }[];
        practicesByCategory: { categoryId: string; count: number }[];
        practicesByYear: { year: number; count: number }[];
      }) => ({
        region: Object.fromEntries(body.practicesByRegion.map((r) => [r.regionId, r.count])),
        category: Object.fromEntries(body.practicesByCategory.map((c) => [c.categoryId, c.count])),
        year: Object.fromEntries(body.practicesByYear.map((y) => [String(y.year), y.count])),
      });
      const before = asMaps((await ctx.http.get('/api/v1/stats').expect(200)).body);

      const body = { categoryId: category, startYear: 2003, endYear: 2005 };
      await ctx.newPractice(koshDoboRep, 'draft', body);
      await ctx.newPractice(koshDoboRep, 'submitted', body);
      await ctx.newPractice(koshDoboRep, 'published', body);
      const archived = await ctx.newPractice(koshDoboRep, 'published', body);
      await expectDecision(archived.id, { action: 'archive' });

      const after = asMaps((await ctx.http.get('/api/v1/stats').expect(200)).body);
      const plusOne = (map: Record<string, number>, key: string) => ({ ...map, [key]: (map[key] ?? 0) + 1 });
      expect(after).toEqual({
        region: plusOne(before.region, region),
        category: plusOne(before.category, category),
        year: plusOne(before.year, '2003'),
      });
    });
  });
});
