import { Role } from '../src/common/auth/role';
import { seedReferenceData } from '../src/database/seeds/reference-data.seeder';
import { bearer, TestContext, TestUser } from './support/test-app';

describe('geography and categories', () => {
  let ctx: TestContext;
  let admin: TestUser;

  beforeAll(async () => {
    ctx = await TestContext.start();
    admin = await ctx.newUser({ roles: [Role.Admin] });
  });
  afterAll(() => ctx.close());

  async function regionByCode(code: string): Promise<{ id: string; name: string }> {
    const regions = await ctx.http.get('/api/v1/regions').expect(200);
    return regions.body.find((r: { code: string }) => r.code === code);
  }

  it('lists the seeded regions with names in the requested language, Russian by default', async () => {
    const ru = await ctx.http.get('/api/v1/regions').expect(200);
    expect(ru.body).toHaveLength(9);
    expect(ru.body.find((r: { code: string }) => r.code === 'KG-C').name).toBe('Чуйская область');
    const ky = await ctx.http.get('/api/v1/regions?lang=ky').set('Accept-Language', 'en').expect(200);
    expect(ky.body.find((r: { code: string }) => r.code === 'KG-C').name).toBe('Чүй облусу');
    const en = await ctx.http.get('/api/v1/regions').set('Accept-Language', 'en-GB,en;q=0.9').expect(200);
    expect(en.body.find((r: { code: string }) => r.code === 'KG-C').name).toBe('Chuy Region');
  });

  it("uses the signed-in user's locale when neither ?lang nor Accept-Language is given", async () => {
    const kyUser = await ctx.newUser({ locale: 'ky' });
    const response = await ctx.http
      .get('/api/v1/categories')
      .set(...bearer(kyUser))
      .expect(200);
    expect(response.body[0]).toMatchObject({ code: 'budget', name: 'Бюджет жана каржы' });
  });

  it('lists districts of a region and 404s for an unknown region', async () => {
    const chuy = await regionByCode('KG-C');
    const districts = await ctx.http.get(`/api/v1/regions/${chuy.id}/districts?lang=en`).expect(200);
    expect(districts.body.map((d: { name: string }) => d.name)).toContain('Alamudun District');
    await ctx.http.get('/api/v1/regions/00000000-0000-4000-8000-000000000000/districts').expect(404);
    await ctx.http.get('/api/v1/regions/not-a-uuid/districts').expect(404);
  });

  it('finds municipalities by district and by part of a name in any language', async () => {
    const byName = await ctx.http.get('/api/v1/municipalities?q=dostuk&lang=en').expect(200);
    expect(byName.body).toEqual([expect.objectContaining({ code: 'M-DOSTUK', name: 'Dostuk aiyl aimak' })]);
    const byDistrict = await ctx.http
      .get(`/api/v1/municipalities?districtId=${byName.body[0].districtId}`)
      .expect(200);
    expect(
      byDistrict.body.every((m: { districtId: string }) => m.districtId === byName.body[0].districtId),
    ).toBe(true);
    const cities = await ctx.http.get('/api/v1/municipalities?q=шаары&lang=ky').expect(200);
    expect(cities.body.every((m: { districtId: string | null }) => m.districtId === null)).toBe(true);
    await ctx.http.get('/api/v1/municipalities?regionId=nope').expect(400);
  });

  it('seeds idempotently: running the seed again duplicates nothing', async () => {
    const before = await ctx.count('municipalities');
    await seedReferenceData(ctx.db);
    expect(await ctx.count('municipalities')).toBe(before);
    expect(await ctx.count('categories')).toBe(12);
    expect(await ctx.count('districts')).toBe(40);
  });

  it('lets an admin add and rename a municipality, keeping the rename across a re-seed', async () => {
    const chuy = await regionByCode('KG-C');
    const created = await ctx.http
      .post('/api/v1/admin/municipalities')
      .set(...bearer(admin))
      .send({
        code: 'M-TEST-NEW',
        kind: 'aiyl_aimak',
        regionId: chuy.id,
        names: { ru: 'Новый айылный аймак' },
      })
      .expect(201);
    expect(created.body).toMatchObject({
      name: 'Новый айылный аймак',
      names: { ky: null, ru: 'Новый айылный аймак', en: null },
    });
    const kyFallback = await ctx.http.get(`/api/v1/municipalities/${created.body.id}?lang=ky`).expect(200);
    expect(kyFallback.body.name).toBe('Новый айылный аймак');

    const dostuk = (await ctx.http.get('/api/v1/municipalities?q=dostuk').expect(200)).body[0];
    await ctx.http
      .patch(`/api/v1/admin/municipalities/${dostuk.id}`)
      .set(...bearer(admin))
      .send({ names: { en: 'Dostuk municipality' } })
      .expect(200);
    await seedReferenceData(ctx.db);
    const renamed = await ctx.http.get(`/api/v1/municipalities/${dostuk.id}?lang=en`).expect(200);
    expect(renamed.body.name).toBe('Dostuk municipality');
  });

  it('refuses bad municipality input and non-admins, changing nothing', async () => {
    const before = await ctx.count('municipalities');
    const chuy = await regionByCode('KG-C');
    const osh = await regionByCode('KG-O');
    const oshDistrict = (await ctx.http.get(`/api/v1/regions/${osh.id}/districts`)).body[0];
    const attempts = [
      { body: { code: 'M-X', kind: 'village', regionId: chuy.id, names: { ru: 'X' } }, status: 400 },
      { body: { code: 'M-X', kind: 'city', regionId: chuy.id, names: {} }, status: 400 },
      {
        body: {
          code: 'M-X',
          kind: 'city',
          regionId: chuy.id,
          districtId: oshDistrict.id,
          names: { ru: 'X' },
        },
        status: 400,
      },
      { body: { code: 'M-DOSTUK', kind: 'city', regionId: chuy.id, names: { ru: 'X' } }, status: 409 },
    ];
    for (const attempt of attempts) {
      await ctx.http
        .post('/api/v1/admin/municipalities')
        .set(...bearer(admin))
        .send(attempt.body)
        .expect(attempt.status);
    }
    const citizen = await ctx.newUser();
    await ctx.http
      .post('/api/v1/admin/municipalities')
      .set(...bearer(citizen))
      .send({ code: 'M-Y', kind: 'city', regionId: chuy.id, names: { ru: 'Y' } })
      .expect(403);
    expect(await ctx.count('municipalities')).toBe(before);
  });
});
