import sharp from 'sharp';
import { linkIn } from './support/smtp-sink';
import { bearer, TestContext, TestUser } from './support/test-app';

/** The heart of the portal, end to end: a municipality's practice from request to public catalog. */
describe('practice flow', () => {
  let ctx: TestContext;
  let moderator: TestUser;

  beforeAll(async () => {
    ctx = await TestContext.start();
    moderator = await ctx.newModerator({ locale: 'ru' });
  });
  afterAll(() => ctx.close());

  it('goes from a representative request to a practice found in the catalog', async () => {
    // A citizen asks to represent Dostuk; the moderator is told and approves; the citizen is emailed.
    const citizen = await ctx.newUser({ locale: 'ky' });
    const dostuk = await ctx.idOf('municipalities', 'M-DOSTUK');
    const request = await ctx.http
      .post(`/api/v1/municipalities/${dostuk}/representatives`)
      .set(...bearer(citizen))
      .send({})
      .expect(201);
    const alert = await ctx.mail.waitFor(moderator.email);
    expect(alert.text).toContain('Test User');
    linkIn(alert, '/unsubscribe');
    const queue = await ctx.http
      .get('/api/v1/moderation/queue')
      .set(...bearer(moderator))
      .expect(200);
    expect(queue.body.counts.representative).toBe(1);
    await ctx.http
      .post(`/api/v1/moderation/representatives/${request.body.id}/decision`)
      .set(...bearer(moderator))
      .send({ action: 'approve' })
      .expect(200);
    await ctx.mail.waitForContaining(citizen.email, 'өкүлсүз');

    // A draft with a photo (its GPS position must not survive) and a PDF.
    const draft = await ctx.http
      .post('/api/v1/practices')
      .set(...bearer(citizen))
      .send(await ctx.practiceBody({ title: 'Бюджетные слушания в каждом селе' }))
      .expect(201);
    const id = draft.body.id as string;
    expect(draft.body).toMatchObject({ status: 'draft', version: 1, revision: 0 });
    const photo = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#3a7' } })
      .jpeg()
      .withExif({ IFD0: { Copyright: 'secret-camera-owner' } })
      .toBuffer();
    const uploaded = await ctx.http
      .post(`/api/v1/practices/${id}/attachments`)
      .set(...bearer(citizen))
      .attach('file', photo, 'photo.jpg')
      .expect(201);
    expect(uploaded.body).toMatchObject({ kind: 'image', mimeType: 'image/jpeg', width: 64, height: 48 });
    const served = await ctx.http
      .get(uploaded.body.url)
      .set(...bearer(citizen))
      .expect(200);
    expect(served.headers['content-type']).toBe('image/jpeg');
    expect(served.headers['x-content-type-options']).toBe('nosniff');
    expect((await sharp(served.body as Buffer).metadata()).exif).toBeUndefined();
    await ctx.http
      .post(`/api/v1/practices/${id}/attachments`)
      .set(...bearer(citizen))
      .attach('file', Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n'), 'report.pdf')
      .expect(201);

    // Submit: a revision is kept; the author and the moderator are emailed.
    await ctx.http
      .post(`/api/v1/practices/${id}/submit`)
      .set(...bearer(citizen))
      .send({})
      .expect(200);
    await ctx.mail.waitFor(citizen.email, 2);
    await ctx.mail.waitFor(moderator.email, 2);

    // Changes requested, with the reason in the author's email.
    await ctx.http
      .post(`/api/v1/moderation/practices/${id}/decision`)
      .set(...bearer(moderator))
      .send({ action: 'request_changes', reason: 'Добавьте цифры о расходах' })
      .expect(200);
    await ctx.mail.waitForContaining(citizen.email, 'Добавьте цифры о расходах');

    // Edit with the version read, resubmit, approve.
    const current = await ctx.http
      .get(`/api/v1/practices/${id}`)
      .set(...bearer(citizen))
      .expect(200);
    await ctx.http
      .patch(`/api/v1/practices/${id}`)
      .set(...bearer(citizen))
      .send({
        version: current.body.version,
        results: 'Расходы: 1,2 млн сомов; построено 12 объектов, явка 600 человек.',
      })
      .expect(200);
    await ctx.http
      .post(`/api/v1/practices/${id}/submit`)
      .set(...bearer(citizen))
      .send({})
      .expect(200);
    await ctx.http
      .post(`/api/v1/moderation/practices/${id}/decision`)
      .set(...bearer(moderator))
      .send({ action: 'approve' })
      .expect(200);
    await ctx.mail.waitForContaining(citizen.email, 'жарыяланды');

    // Public, searchable in another grammatical form, and its history and revisions are kept.
    const anonymous = await ctx.http.get(`/api/v1/practices/${id}`).expect(200);
    expect(anonymous.body).toMatchObject({ status: 'published', revision: 2 });
    expect(anonymous.body.attachments).toHaveLength(2);
    const found = await ctx.http.get('/api/v1/practices').query({ q: 'бюджетных слушаний' }).expect(200);
    expect(found.body.items.map((item: { id: string }) => item.id)).toContain(id);
    expect(found.body.items[0].thumbnailUrl).toMatch(/\/thumbnail$/);
    const history = await ctx.http
      .get(`/api/v1/practices/${id}/history`)
      .set(...bearer(citizen))
      .expect(200);
    expect(history.body.map((h: { action: string }) => h.action)).toEqual([
      'create',
      'submit',
      'request_changes',
      'submit',
      'approve',
    ]);
    expect(history.body[2].reason).toBe('Добавьте цифры о расходах');
    const revisions = await ctx.http
      .get(`/api/v1/practices/${id}/revisions`)
      .set(...bearer(moderator))
      .expect(200);
    expect(revisions.body.map((r: { revision: number }) => r.revision)).toEqual([2, 1]);
    expect(await ctx.count('audit_log', "object_id = $1 AND action LIKE 'practice.%'", [id])).toBe(2);
  });
});
