import { Role } from '../src/common/auth/role';
import { encodeCatalogCursor } from '../src/practices/catalog.repository';
import { expectFieldError, expectProblem } from './support/assertions';
import { bearer, TestContext, TestUser } from './support/test-app';

/** Inputs PostgreSQL would refuse are refused first, with a 400 problem that names the member. */
describe('inputs the database cannot take', () => {
  let ctx: TestContext;
  let user: TestUser;

  beforeAll(async () => {
    ctx = await TestContext.start();
    user = await ctx.newUser({ fullName: 'Nurlan Ismailov' });
  });

  afterAll(() => ctx.close());

  const cursorOf = (text: string) => Buffer.from(text).toString('base64url');
  const uuid = '00000000-0000-4000-8000-000000000001';

  it('refuses a NUL character in a query string', async () => {
    const response = await ctx.http.get('/api/v1/practices?q=ab%00');
    expectFieldError(response, 'q', 'nulCharacter');
  });

  it('refuses a NUL character anywhere in a JSON body, nested members too, and changes nothing', async () => {
    const name = await ctx.http
      .patch('/api/v1/users/me')
      .set(...bearer(user))
      .send({ fullName: 'Nur\u0000lan' });
    expectFieldError(name, 'fullName', 'nulCharacter');
    const admin = await ctx.newUser({ roles: [Role.Admin] });
    const nested = await ctx.http
      .post('/api/v1/admin/municipalities')
      .set(...bearer(admin))
      .send({ code: 'M-NUL', kind: 'aiyl_aimak', regionId: uuid, names: { ru: 'a\u0000' } });
    expectFieldError(nested, 'names.ru', 'nulCharacter');
    expect((await ctx.userRow(user.id)).fullName).toBe('Nurlan Ismailov');
  });

  it('refuses null for a member whose column is NOT NULL, in every PATCH', async () => {
    const profile = await ctx.http
      .patch('/api/v1/users/me')
      .set(...bearer(user))
      .send({ fullName: null });
    expectFieldError(profile, 'fullName');
    const locale = await ctx.http
      .patch('/api/v1/users/me')
      .set(...bearer(user))
      .send({ locale: null });
    expectFieldError(locale, 'locale');
    expect((await ctx.userRow(user.id)).fullName).toBe('Nurlan Ismailov');

    const author = await ctx.newRepresentative();
    const practice = await ctx.newPractice(author);
    const title = await ctx.http
      .patch(`/api/v1/practices/${practice.id}`)
      .set(...bearer(author))
      .send({ version: practice.version, title: null });
    expectFieldError(title, 'title');
    // A nullable member still takes null: an ongoing practice has no end year.
    await ctx.http
      .patch(`/api/v1/practices/${practice.id}`)
      .set(...bearer(author))
      .send({ version: practice.version, endYear: null })
      .expect(200);
  });

  it('refuses a cursor holding a date that does not exist', async () => {
    const catalog = await ctx.http.get(
      `/api/v1/practices?sort=new&cursor=${encodeCatalogCursor('2024-02-30 10:00:00.123456+00', uuid)}`,
    );
    expectFieldError(catalog, 'cursor', 'invalidCursor');
    const moderator = await ctx.newModerator();
    const queue = await ctx.http
      .get(`/api/v1/moderation/queue?cursor=${cursorOf(`2024-02-30T10:00:00.000Z|${uuid}`)}`)
      .set(...bearer(moderator));
    expectFieldError(queue, 'cursor', 'invalidCursor');
  });

  it('refuses a body nested past 32 levels, and a body that is not an object, with 400', async () => {
    const deep = `{"fullName":${'['.repeat(5000)}${']'.repeat(5000)}}`;
    const nested = await ctx.http
      .patch('/api/v1/users/me')
      .set(...bearer(user))
      .set('Content-Type', 'application/json')
      .send(deep);
    expectProblem(nested, 400, 'validation_failed');
    expect(nested.body.errors).toEqual([expect.objectContaining({ code: 'tooDeep' })]);
    const empty = await ctx.http
      .patch('/api/v1/users/me')
      .set(...bearer(user))
      .set('Content-Type', 'application/json')
      .send('null');
    expectFieldError(empty, 'body', 'notAnObject');
  });

  it('answers an overlong path id with a 404 problem, like any malformed id', async () => {
    const response = await ctx.http.get(`/api/v1/practices/${'x'.repeat(200)}`);
    expectProblem(response, 404, 'not_found');
  });

  it('answers a repeated link token with the invalid-link page, not a 500', async () => {
    for (const page of ['/confirm-email', '/reset-password', '/unsubscribe']) {
      const response = await ctx.http.get(`${page}?token=aaaaaaaaaaaa&token=bbbbbbbbbbbb`);
      expect({ page, status: response.status }).toEqual({ page, status: 410 });
      expect(response.headers['content-type']).toMatch(/^text\/html/);
    }
  });

  it('takes a municipality update that changes nothing as a no-op', async () => {
    const admin = await ctx.newUser({ roles: [Role.Admin] });
    const id = await ctx.idOf('municipalities', 'M-DOSTUK');
    for (const body of [{}, { names: {} }]) {
      const response = await ctx.http
        .patch(`/api/v1/admin/municipalities/${id}`)
        .set(...bearer(admin))
        .send(body);
      expect(response.status).toBe(200);
      expect(response.body.id).toBe(id);
    }
  });

  it('still pages with the cursors it hands out', async () => {
    const cursor = encodeCatalogCursor('2024-02-29 23:59:59.999999+00', uuid);
    await ctx.http.get(`/api/v1/practices?sort=new&cursor=${cursor}`).expect(200);
  });
});
