import { Response } from 'supertest';
import { Role } from '../src/common/auth/role';
import { CatalogCache } from '../src/common/catalog-cache/catalog-cache';
import { countStatements, decide, idsOf } from './support/practice-helpers';
import { bearer, TestContext, TestRepresentative, TestUser } from './support/test-app';

/**
 * The catalog's page cache: a burst of identical requests costs one statement, and a moderator's
 * decision or an admin's rename shows at once. The TTL is long here so that anything served stale
 * is visibly stale.
 */
describe('catalog page cache', () => {
  let ctx: TestContext;
  let rep: TestRepresentative;
  let moderator: TestUser;
  let first: string;

  const catalog = (query: Record<string, string> = {}): Promise<Response> =>
    ctx.http.get('/api/v1/practices').query(query).expect(200);

  beforeAll(async () => {
    // No outbox worker: nothing else talks to the database while statements are counted.
    ctx = await TestContext.start({ CATALOG_CACHE_TTL_MS: '60000' }, { worker: false });
    rep = await ctx.newRepresentative('M-DOSTUK');
    moderator = await ctx.newModerator();
    first = (await ctx.newPractice(rep, 'published', { title: 'Чистая вода в каждом дворе' })).id;
  });

  afterAll(() => ctx.close());

  it('answers a burst of identical requests with one SQL statement and the same page', async () => {
    ctx.app.get(CatalogCache).clear();
    let pages: Response[] = [];
    const burst = await countStatements(async () => {
      pages = await Promise.all(Array.from({ length: 20 }, () => catalog({ q: 'вода', limit: '5' })));
    });
    expect(burst.count).toBe(1);
    expect(new Set(pages.map((page) => page.text)).size).toBe(1);
    expect(idsOf(pages[0])).toEqual([first]);
  });

  it('keeps pages of different languages apart', async () => {
    const [ky, en] = await Promise.all([catalog({ lang: 'ky' }), catalog({ lang: 'en' })]);
    const names = [ky, en].map((page) => page.body.items[0].municipality.name as string);
    expect(names[0]).not.toBe(names[1]);
  });

  it('serves a page from memory within the TTL, even when the table changed behind its back', async () => {
    const before = await catalog();
    expect(before.body.items[0].title).toBe('Чистая вода в каждом дворе');
    await ctx.db.query(`UPDATE practices SET title = 'Changed by SQL' WHERE id = $1`, [first]);
    const after = await catalog();
    expect(after.body.items[0].title).toBe('Чистая вода в каждом дворе');
    await ctx.db.query(`UPDATE practices SET title = 'Чистая вода в каждом дворе' WHERE id = $1`, [first]);
  });

  it('shows a renamed municipality at once', async () => {
    const before = await catalog({ lang: 'en' });
    const municipality = before.body.items[0].municipality as { id: string; name: string };
    const admin = await ctx.newUser({ roles: [Role.Admin] });
    const renamed = await ctx.http
      .patch(`/api/v1/admin/municipalities/${municipality.id}`)
      .set(...bearer(admin))
      .send({ names: { en: 'Dostuk renamed' } });
    expect(renamed.status).toBe(200);
    expect((await catalog({ lang: 'en' })).body.items[0].municipality.name).toBe('Dostuk renamed');
  });

  it('shows an approved practice at once and drops an archived one at once', async () => {
    expect(idsOf(await catalog())).toEqual([first]);
    const second = (await ctx.newPractice(rep, 'submitted', { title: 'Мусор по расписанию' })).id;
    expect(idsOf(await catalog())).toEqual([first]);

    expect((await decide(ctx, moderator, second, { action: 'approve' })).status).toBe(200);
    expect(idsOf(await catalog())).toEqual([second, first]);

    expect((await decide(ctx, moderator, first, { action: 'archive' })).status).toBe(200);
    expect(idsOf(await catalog())).toEqual([second]);
  });
});
