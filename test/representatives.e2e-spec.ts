import { Role } from '../src/common/auth/role';
import { expectFieldError, expectProblem, formIn } from './support/assertions';
import { practiceState } from './support/practice-helpers';
import { linkIn } from './support/smtp-sink';
import { bearer, TestContext, TestRepresentative, TestUser } from './support/test-app';

/** §2 representative membership: requests, decisions, removal, and the moderators' alert emails. */
describe('representatives', () => {
  let ctx: TestContext;
  let moderator: TestUser;
  let dostuk: string;
  let sequence = 0;

  beforeAll(async () => {
    ctx = await TestContext.start();
    moderator = await ctx.newModerator();
    dostuk = await ctx.idOf('municipalities', 'M-DOSTUK');
  });
  afterAll(() => ctx.close());

  const ask = (user: TestUser, municipalityId = dostuk) =>
    ctx.http
      .post(`/api/v1/municipalities/${municipalityId}/representatives`)
      .set(...bearer(user))
      .send({});

  const decideRequest = (staff: TestUser, id: string, body: Record<string, unknown>) =>
    ctx.http
      .post(`/api/v1/moderation/representatives/${id}/decision`)
      .set(...bearer(staff))
      .send(body);

  /** A citizen with a name no other test uses, and their pending request. */
  async function pendingRequest(municipalityId = dostuk, options: { roles?: Role[] } = {}) {
    sequence += 1;
    const fullName = `Заявитель ${sequence} ${Date.now()}`;
    const user = await ctx.newUser({ fullName, ...options });
    const response = await ask(user, municipalityId);
    expect(response.status).toBe(201);
    return { user, fullName, id: response.body.id as string };
  }

  const membership = async (id: string) =>
    (
      await ctx.db.query('SELECT status, reason, decided_by FROM representative_memberships WHERE id = $1', [
        id,
      ])
    )[0];
  const audits = (id: string) => ctx.count('audit_log', 'object_id = $1', [id]);
  const queuedMail = (to: string, needle: string) =>
    ctx.count('email_outbox', 'to_address = $1 AND text_body LIKE $2', [to, `%${needle}%`]);

  describe('moderation alerts', () => {
    it('email every moderator who wants alerts, and no one who turned them off', async () => {
      const quiet = await ctx.newModerator();
      await ctx.http
        .patch('/api/v1/users/me')
        .set(...bearer(quiet))
        .send({ notificationPreferences: { contestNews: true, moderationAlerts: false } })
        .expect(200);
      const { fullName } = await pendingRequest();
      await ctx.mail.waitForContaining(moderator.email, fullName);
      expect(await queuedMail(quiet.email, fullName)).toBe(0);
      expect(ctx.mail.to(quiet.email)).toHaveLength(0);
    });

    it('offer an unsubscribe link whose page asks first and whose button turns the alerts off', async () => {
      const staff = await ctx.newModerator();
      const first = await pendingRequest();
      const alert = await ctx.mail.waitForContaining(staff.email, first.fullName);
      const link = linkIn(alert, '/unsubscribe');
      const preferences = async () =>
        (
          await ctx.http
            .get('/api/v1/users/me')
            .set(...bearer(staff))
            .expect(200)
        ).body.notificationPreferences;

      // A mail scanner opening the link changes nothing.
      const page = await ctx.http.get(`${link.url.pathname}${link.url.search}`).expect(200);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      const form = formIn(page.text);
      expect(form.button).toBe(true);
      expect(form.fields.token).toBe(link.token);
      expect(await preferences()).toEqual({ contestNews: true, moderationAlerts: true });

      await ctx.http.post(form.action).type('form').send(form.fields).expect(200);
      expect(await preferences()).toEqual({ contestNews: true, moderationAlerts: false });
      const second = await pendingRequest();
      await ctx.mail.waitForContaining(moderator.email, second.fullName);
      expect(await queuedMail(staff.email, second.fullName)).toBe(0);
      // A sent email keeps no body (no live link at rest), so the sink says what was delivered.
      expect(ctx.mail.to(staff.email).filter((mail) => mail.text.includes(second.fullName))).toEqual([]);
    });

    it('answer a forged unsubscribe token with a 410 page and change nothing', async () => {
      const staff = await ctx.newModerator();
      const forged = [
        'forged',
        `${staff.id}.moderationAlerts.${'0'.repeat(32)}`,
        `${staff.id}.contestNews`,
        `${staff.id}.isAdmin.${'a'.repeat(32)}`,
      ];
      for (const token of forged) {
        const page = await ctx.http.get('/unsubscribe').query({ token });
        expect({ token, status: page.status }).toEqual({ token, status: 410 });
        expect(page.headers['content-type']).toMatch(/^text\/html/);
        const posted = await ctx.http.post('/unsubscribe').type('form').send({ token });
        expect({ token, status: posted.status }).toEqual({ token, status: 410 });
      }
      expect((await ctx.userRow(staff.id)).notificationPreferences).toEqual({
        contestNews: true,
        moderationAlerts: true,
      });
    });
  });

  describe('requests', () => {
    it('refuse a second request while the first is pending, and once approved (409)', async () => {
      const { user, id } = await pendingRequest();
      const before = await ctx.count('representative_memberships', 'user_id = $1', [user.id]);
      expectProblem(await ask(user), 409, 'representative_already_requested');
      await decideRequest(moderator, id, { action: 'approve' }).expect(200);
      expectProblem(await ask(user), 409, 'representative_already_requested');
      expect(await ctx.count('representative_memberships', 'user_id = $1', [user.id])).toBe(before);
    });

    it('refuse an unknown municipality (404) and an unconfirmed account (403)', async () => {
      const citizen = await ctx.newUser();
      expect((await ask(citizen, '00000000-0000-4000-8000-000000000000')).status).toBe(404);
      const unconfirmed = await ctx.newUser({ confirmed: false });
      expectProblem(await ask(unconfirmed), 403, 'email_not_confirmed');
      expect(
        await ctx.count('representative_memberships', 'user_id IN ($1, $2)', [citizen.id, unconfirmed.id]),
      ).toBe(0);
    });
  });

  describe('decisions', () => {
    it('refuse to refuse without a reason (400): the request stays pending and unaudited', async () => {
      const { id } = await pendingRequest();
      expectFieldError(await decideRequest(moderator, id, { action: 'refuse' }), 'reason');
      expectFieldError(await decideRequest(moderator, id, { action: 'refuse', reason: '' }), 'reason');
      expect(await membership(id)).toMatchObject({ status: 'pending', decided_by: null });
      expect(await audits(id)).toBe(0);
    });

    it('refuse with the reason emailed to the requester and audited; a second decision is 409', async () => {
      const { user, id } = await pendingRequest();
      const reason = 'Приложите решение айылного кенеша о назначении';
      const refused = await decideRequest(moderator, id, { action: 'refuse', reason });
      expect(refused.status).toBe(200);
      expect(refused.body).toMatchObject({ id, status: 'refused', reason });
      await ctx.mail.waitForContaining(user.email, reason);
      expectProblem(
        await decideRequest(moderator, id, { action: 'approve' }),
        409,
        'representative_request_decided',
      );
      expect(await membership(id)).toMatchObject({ status: 'refused', decided_by: moderator.id });
      const rows = await ctx.db.query(
        'SELECT actor_id, action, object_type, reason FROM audit_log WHERE object_id = $1',
        [id],
      );
      expect(rows).toEqual([
        {
          actor_id: moderator.id,
          action: 'representative.refused',
          object_type: 'representative_membership',
          reason,
        },
      ]);
    });

    it('keep a moderator from deciding their own request (403); another moderator may', async () => {
      const { user: staff, id } = await pendingRequest(dostuk, { roles: [Role.Moderator] });
      expectProblem(await decideRequest(staff, id, { action: 'approve' }), 403, 'own_request');
      expect(await membership(id)).toMatchObject({ status: 'pending' });
      expect(await audits(id)).toBe(0);
      await decideRequest(moderator, id, { action: 'approve' }).expect(200);
    });

    // §1: "No staff member decides on an item of a municipality they represent."
    it('keep a moderator who represents the municipality from deciding requests to represent it (403)', async () => {
      const localModerator = await ctx.newRepresentative('M-SADOVOE', { roles: [Role.Moderator] });
      const { id } = await pendingRequest(localModerator.municipalityId);
      const response = await decideRequest(localModerator, id, { action: 'approve' });
      expect(response.status).toBe(403);
      expect(await membership(id)).toMatchObject({ status: 'pending' });
      expect(await audits(id)).toBe(0);
    });

    it('refuse decisions to citizens (403)', async () => {
      const { id } = await pendingRequest();
      expectProblem(await decideRequest(await ctx.newUser(), id, { action: 'approve' }), 403, 'forbidden');
      expect(await membership(id)).toMatchObject({ status: 'pending' });
    });
  });

  describe('removal', () => {
    let removed: TestRepresentative;

    it('removes a representative: membership ended, audited, the person emailed', async () => {
      removed = await ctx.newRepresentative('M-DOSTUK');
      const [{ id }] = await ctx.db.query(
        `SELECT id FROM representative_memberships WHERE user_id = $1 AND status = 'approved'`,
        [removed.id],
      );
      const reason = 'Сотрудник уволился из айыл окмоту';
      await ctx.http
        .delete(`/api/v1/municipalities/${dostuk}/representatives/${removed.id}`)
        .set(...bearer(moderator))
        .send({ reason })
        .expect(204);
      expect(await membership(id)).toMatchObject({ status: 'removed', decided_by: moderator.id });
      const rows = await ctx.db.query('SELECT actor_id, action, reason FROM audit_log WHERE object_id = $1', [
        id,
      ]);
      expect(rows).toEqual([{ actor_id: moderator.id, action: 'representative.removed', reason }]);
      await ctx.mail.waitForContaining(removed.email, reason);
      expectProblem(
        await ctx.http
          .delete(`/api/v1/municipalities/${dostuk}/representatives/${removed.id}`)
          .set(...bearer(moderator))
          .send({}),
        404,
        'representative_not_found',
      );
    });

    it("takes the removed person's owner rights: their drafts are 404, published ones 403", async () => {
      const person = await ctx.newRepresentative('M-DOSTUK');
      const draft = await ctx.newPractice(person, 'draft');
      const published = await ctx.newPractice(person, 'published');
      await ctx.http
        .delete(`/api/v1/municipalities/${dostuk}/representatives/${person.id}`)
        .set(...bearer(moderator))
        .send({})
        .expect(204);
      const draftBefore = await practiceState(ctx, draft.id);
      const publishedBefore = await practiceState(ctx, published.id);

      const editDraft = await ctx.http
        .patch(`/api/v1/practices/${draft.id}`)
        .set(...bearer(person))
        .send({ version: draft.version, title: 'Правка после удаления' });
      expectProblem(editDraft, 404, 'practice_not_found');
      expectProblem(
        await ctx.http.get(`/api/v1/practices/${draft.id}`).set(...bearer(person)),
        404,
        'practice_not_found',
      );
      const editPublished = await ctx.http
        .patch(`/api/v1/practices/${published.id}`)
        .set(...bearer(person))
        .send({ version: published.version, title: 'Правка после удаления' });
      expectProblem(editPublished, 403, 'not_practice_owner');
      const create = await ctx.http
        .post('/api/v1/practices')
        .set(...bearer(person))
        .send(await ctx.practiceBody());
      expectProblem(create, 403, 'not_a_representative');
      expect(
        (
          await ctx.http
            .get('/api/v1/practices/mine')
            .set(...bearer(person))
            .expect(200)
        ).body,
      ).toEqual([]);

      expect(await practiceState(ctx, draft.id)).toEqual(draftBefore);
      expect(await practiceState(ctx, published.id)).toEqual(publishedBefore);
    });
  });
});
