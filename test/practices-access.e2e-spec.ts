import sharp from 'sharp';
import { Test } from 'supertest';
import { Role } from '../src/common/auth/role';
import { expectFieldError, expectProblem } from './support/assertions';
import { decide, practiceState } from './support/practice-helpers';
import { bearer, TestContext, TestRepresentative, TestUser } from './support/test-app';

/** §1: access is checked by role and by ownership; what a caller may not see is a 404. */
describe('practice access', () => {
  let ctx: TestContext;
  let moderator: TestUser;
  let dostukRep: TestRepresentative;
  let sadovoeRep: TestRepresentative;

  beforeAll(async () => {
    ctx = await TestContext.start();
    moderator = await ctx.newModerator();
    dostukRep = await ctx.newRepresentative('M-DOSTUK');
    sadovoeRep = await ctx.newRepresentative('M-SADOVOE');
  });
  afterAll(() => ctx.close());

  const png = () =>
    sharp({ create: { width: 8, height: 8, channels: 3, background: '#123' } })
      .png()
      .toBuffer();

  /** Every owner-only request on a practice, as `caller`; returns the responses by name. */
  async function ownerRequests(caller: TestUser, id: string, version: number) {
    const auth = bearer(caller);
    return {
      read: await ctx.http.get(`/api/v1/practices/${id}`).set(...auth),
      edit: await ctx.http
        .patch(`/api/v1/practices/${id}`)
        .set(...auth)
        .send({ version, title: 'Захваченная практика' }),
      submit: await ctx.http
        .post(`/api/v1/practices/${id}/submit`)
        .set(...auth)
        .send({}),
      withdraw: await ctx.http
        .post(`/api/v1/practices/${id}/withdraw`)
        .set(...auth)
        .send({}),
      history: await ctx.http.get(`/api/v1/practices/${id}/history`).set(...auth),
      revisions: await ctx.http.get(`/api/v1/practices/${id}/revisions`).set(...auth),
      upload: await ctx.http
        .post(`/api/v1/practices/${id}/attachments`)
        .set(...auth)
        .attach('file', await png(), 'photo.png'),
    };
  }

  describe('a representative of another municipality', () => {
    it.each(['draft', 'submitted'] as const)(
      "gets 404 for every read and change of another municipality's %s practice, which stays untouched",
      async (status) => {
        const practice = await ctx.newPractice(sadovoeRep, status);
        const before = await practiceState(ctx, practice.id);
        const responses = await ownerRequests(dostukRep, practice.id, practice.version);
        for (const response of Object.values(responses)) {
          expectProblem(response, 404, 'practice_not_found');
        }
        expect(await practiceState(ctx, practice.id)).toEqual(before);
      },
    );

    it("reads another municipality's published practice but gets 403 when changing it", async () => {
      const practice = await ctx.newPractice(sadovoeRep, 'published');
      const before = await practiceState(ctx, practice.id);
      await ctx.http
        .get(`/api/v1/practices/${practice.id}`)
        .set(...bearer(dostukRep))
        .expect(200);
      const edit = await ctx.http
        .patch(`/api/v1/practices/${practice.id}`)
        .set(...bearer(dostukRep))
        .send({ version: practice.version, title: 'Захваченная практика' });
      expectProblem(edit, 403, 'not_practice_owner');
      const withdraw = await ctx.http
        .post(`/api/v1/practices/${practice.id}/withdraw`)
        .set(...bearer(dostukRep))
        .send({});
      expectProblem(withdraw, 403, 'not_practice_owner');
      expect(await practiceState(ctx, practice.id)).toEqual(before);
    });

    it('gets 404 for an unknown or malformed practice id', async () => {
      expectProblem(
        await ctx.http
          .get('/api/v1/practices/00000000-0000-4000-8000-000000000000')
          .set(...bearer(dostukRep)),
        404,
        'practice_not_found',
      );
      expect((await ctx.http.get('/api/v1/practices/not-a-uuid').set(...bearer(dostukRep))).status).toBe(404);
    });
  });

  describe('moderators', () => {
    it('never see a draft that was never submitted: 404 on read, history, revisions and decisions', async () => {
      const draft = await ctx.newPractice(dostukRep, 'draft');
      const before = await practiceState(ctx, draft.id);
      for (const path of ['', '/history', '/revisions']) {
        expectProblem(
          await ctx.http.get(`/api/v1/practices/${draft.id}${path}`).set(...bearer(moderator)),
          404,
          'practice_not_found',
        );
      }
      expectProblem(await decide(ctx, moderator, draft.id, { action: 'approve' }), 404, 'practice_not_found');
      expectProblem(await decide(ctx, moderator, draft.id, { action: 'claim' }), 404, 'practice_not_found');
      expect(await practiceState(ctx, draft.id)).toEqual(before);

      // Withdrawn before it was ever submitted: still never seen.
      await ctx.http
        .post(`/api/v1/practices/${draft.id}/withdraw`)
        .set(...bearer(dostukRep))
        .send({})
        .expect(200);
      expectProblem(
        await ctx.http.get(`/api/v1/practices/${draft.id}`).set(...bearer(moderator)),
        404,
        'practice_not_found',
      );
    });

    it('read a practice once it was submitted, with its history and revisions', async () => {
      const practice = await ctx.newPractice(dostukRep, 'submitted');
      const read = await ctx.http
        .get(`/api/v1/practices/${practice.id}`)
        .set(...bearer(moderator))
        .expect(200);
      expect(read.body.status).toBe('submitted');
      await ctx.http
        .get(`/api/v1/practices/${practice.id}/history`)
        .set(...bearer(moderator))
        .expect(200);
      const revisions = await ctx.http
        .get(`/api/v1/practices/${practice.id}/revisions`)
        .set(...bearer(moderator))
        .expect(200);
      expect(revisions.body).toHaveLength(1);
    });

    it('get 403 own_municipality deciding on a practice of a municipality they represent', async () => {
      const moderatorRep = await ctx.newRepresentative('M-SADOVOE', { roles: [Role.Moderator] });
      const practice = await ctx.newPractice(sadovoeRep, 'submitted');
      const before = await practiceState(ctx, practice.id);
      for (const decision of [
        { action: 'claim' },
        { action: 'approve' },
        { action: 'reject', reason: 'Недостаточно данных' },
        { action: 'request_changes', reason: 'Добавьте цифры' },
      ]) {
        expectProblem(await decide(ctx, moderatorRep, practice.id, decision), 403, 'own_municipality');
      }
      expect(await practiceState(ctx, practice.id)).toEqual(before);
      // They still read it as an owner, and another moderator may decide.
      await ctx.http
        .get(`/api/v1/practices/${practice.id}`)
        .set(...bearer(moderatorRep))
        .expect(200);
      expect((await decide(ctx, moderator, practice.id, { action: 'approve' })).status).toBe(200);
    });

    it('get 409 claimed_by_other on a practice another moderator claimed; the claimer and an admin may decide', async () => {
      const other = await ctx.newModerator();
      const admin = await ctx.newUser({ roles: [Role.Admin] });
      const first = await ctx.newPractice(dostukRep, 'submitted');
      const claimed = await decide(ctx, moderator, first.id, { action: 'claim' });
      expect(claimed.status).toBe(200);
      expect(claimed.body.status).toBe('in_review');
      const before = await practiceState(ctx, first.id);
      expect(before.claimedBy).toBe(moderator.id);
      for (const decision of [
        { action: 'approve' },
        { action: 'reject', reason: 'Не по теме портала' },
        { action: 'request_changes', reason: 'Добавьте цифры' },
      ]) {
        expectProblem(await decide(ctx, other, first.id, decision), 409, 'claimed_by_other');
      }
      expect(await practiceState(ctx, first.id)).toEqual(before);
      const byAdmin = await decide(ctx, admin, first.id, { action: 'approve' });
      expect(byAdmin.status).toBe(200);
      expect(byAdmin.body.status).toBe('published');

      const second = await ctx.newPractice(dostukRep, 'submitted');
      await decide(ctx, moderator, second.id, { action: 'claim' });
      const byClaimer = await decide(ctx, moderator, second.id, {
        action: 'request_changes',
        reason: 'Добавьте цифры',
      });
      expect(byClaimer.status).toBe(200);
      expect(byClaimer.body.status).toBe('changes_requested');
    });
  });

  describe('visitors and citizens', () => {
    it('anonymous visitors see a practice only while it is published, in the catalog too', async () => {
      const draft = await ctx.newPractice(dostukRep, 'draft');
      const submitted = await ctx.newPractice(dostukRep, 'submitted');
      const inReview = await ctx.newPractice(dostukRep, 'submitted');
      await decide(ctx, moderator, inReview.id, { action: 'claim' }).then((r) => expect(r.status).toBe(200));
      const rejected = await ctx.newPractice(dostukRep, 'submitted');
      await decide(ctx, moderator, rejected.id, { action: 'reject', reason: 'Не по теме' });
      const archived = await ctx.newPractice(dostukRep, 'published');
      await decide(ctx, moderator, archived.id, { action: 'archive' }).then((r) =>
        expect(r.status).toBe(200),
      );
      const published = await ctx.newPractice(dostukRep, 'published');

      for (const hidden of [draft, submitted, inReview, rejected, archived]) {
        expectProblem(await ctx.http.get(`/api/v1/practices/${hidden.id}`), 404, 'practice_not_found');
      }
      const visible = await ctx.http.get(`/api/v1/practices/${published.id}`).expect(200);
      expect(visible.body.status).toBe('published');
      const catalog = await ctx.http.get('/api/v1/practices').query({ limit: 100 }).expect(200);
      const ids = catalog.body.items.map((item: { id: string }) => item.id);
      expect(ids).toContain(published.id);
      for (const hidden of [draft, submitted, inReview, rejected, archived]) {
        expect(ids).not.toContain(hidden.id);
      }
    });

    it('keep history and revisions from other citizens (404) and visitors (401), even when published', async () => {
      const practice = await ctx.newPractice(dostukRep, 'published');
      const citizen = await ctx.newUser();
      for (const path of ['history', 'revisions']) {
        const url = `/api/v1/practices/${practice.id}/${path}`;
        expectProblem(await ctx.http.get(url).set(...bearer(citizen)), 404, 'practice_not_found');
        expectProblem(await ctx.http.get(url).set(...bearer(sadovoeRep)), 404, 'practice_not_found');
        expectProblem(await ctx.http.get(url), 401, 'unauthenticated');
        await ctx.http
          .get(url)
          .set(...bearer(dostukRep))
          .expect(200);
        await ctx.http
          .get(url)
          .set(...bearer(moderator))
          .expect(200);
      }
    });
  });

  describe('creating practices', () => {
    it('refuses an unconfirmed account (403), even one with a membership, and creates nothing', async () => {
      const unconfirmed = await ctx.newRepresentative('M-DOSTUK', { confirmed: false });
      const before = await ctx.count('practices');
      const response = await ctx.http
        .post('/api/v1/practices')
        .set(...bearer(unconfirmed))
        .send(await ctx.practiceBody());
      expectProblem(response, 403, 'email_not_confirmed');
      expect(await ctx.count('practices')).toBe(before);
    });

    it('refuses a citizen who represents no municipality with 403 not_a_representative', async () => {
      const citizen = await ctx.newUser();
      const before = await ctx.count('practices');
      const response = await ctx.http
        .post('/api/v1/practices')
        .set(...bearer(citizen))
        .send(await ctx.practiceBody());
      expectProblem(response, 403, 'not_a_representative');
      expect(await ctx.count('practices')).toBe(before);
    });

    it('makes a representative of two municipalities name one they represent', async () => {
      const twoPlaces = await ctx.newRepresentative('M-DOSTUK');
      const sadovoe = await ctx.idOf('municipalities', 'M-SADOVOE');
      const koshDobo = await ctx.idOf('municipalities', 'M-KOSHDOBO');
      await ctx.db.query(
        `INSERT INTO representative_memberships (user_id, municipality_id, status, decided_at) VALUES ($1, $2, 'approved', now())`,
        [twoPlaces.id, sadovoe],
      );
      const before = await ctx.count('practices');
      const post = async (overrides: Record<string, unknown>) =>
        ctx.http
          .post('/api/v1/practices')
          .set(...bearer(twoPlaces))
          .send(await ctx.practiceBody(overrides));

      expectFieldError(await post({}), 'municipalityId');
      expectFieldError(await post({ municipalityId: koshDobo }), 'municipalityId');
      expect(await ctx.count('practices')).toBe(before);

      const created = await post({ municipalityId: sadovoe });
      expect(created.status).toBe(201);
      expect(created.body.municipality.id).toBe(sadovoe);
      expect(created.body.region.id).toBe(await ctx.idOf('regions', 'KG-C'));
      expect(created.body.districtId).toBe(await ctx.idOf('districts', 'KG-C-MOS'));
    });

    it("lists under /practices/mine every status of the caller's municipalities and nothing else", async () => {
      const rep = await ctx.newRepresentative('M-KOSHDOBO');
      const colleague = await ctx.newRepresentative('M-KOSHDOBO');
      const own = [
        await ctx.newPractice(rep, 'draft'),
        await ctx.newPractice(colleague, 'submitted'),
        await ctx.newPractice(colleague, 'published'),
      ];
      const elsewhere = await ctx.newPractice(sadovoeRep, 'published');
      const mine = await ctx.http
        .get('/api/v1/practices/mine')
        .set(...bearer(rep))
        .expect(200);
      const ids = mine.body.map((p: { id: string }) => p.id);
      expect([...ids].sort()).toEqual(own.map((p) => p.id).sort());
      expect(ids).not.toContain(elsewhere.id);
      expect(mine.body.map((p: { status: string }) => p.status).sort()).toEqual([
        'draft',
        'published',
        'submitted',
      ]);
    });
  });

  describe('roles', () => {
    it('refuses moderation and admin endpoints to citizens and representatives (403) and visitors (401)', async () => {
      const practice = await ctx.newPractice(dostukRep, 'submitted');
      const before = await practiceState(ctx, practice.id);
      const dostuk = await ctx.idOf('municipalities', 'M-DOSTUK');
      const requests = (auth: [string, string] | undefined) => {
        const withAuth = (test: Test) => (auth ? test.set(...auth) : test);
        return [
          withAuth(ctx.http.get('/api/v1/moderation/queue')),
          withAuth(ctx.http.post(`/api/v1/moderation/practices/${practice.id}/decision`)).send({
            action: 'approve',
          }),
          withAuth(ctx.http.get(`/api/v1/municipalities/${dostuk}/representatives`)),
          withAuth(ctx.http.delete(`/api/v1/municipalities/${dostuk}/representatives/${dostukRep.id}`)),
          withAuth(ctx.http.get('/api/v1/admin/audit')),
        ];
      };
      for (const caller of [await ctx.newUser(), dostukRep]) {
        for (const response of await Promise.all(requests(bearer(caller)))) {
          expectProblem(response, 403, 'forbidden');
        }
      }
      for (const response of await Promise.all(requests(undefined))) {
        expectProblem(response, 401, 'unauthenticated');
      }
      expectProblem(await ctx.http.get('/api/v1/admin/audit').set(...bearer(moderator)), 403, 'forbidden');
      expect(await practiceState(ctx, practice.id)).toEqual(before);
      expect(
        await ctx.count('representative_memberships', "user_id = $1 AND status = 'approved'", [dostukRep.id]),
      ).toBe(1);
    });
  });
});
