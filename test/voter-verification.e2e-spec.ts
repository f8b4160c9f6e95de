import { createHash, randomUUID } from 'node:crypto';
import { Role } from '../src/common/auth/role';
import { expectFieldError, expectProblem } from './support/assertions';
import { bearer, TestContext, TestUser } from './support/test-app';
import { auditOf, castVote, votingContest, VotingContest } from './support/voting-helpers';

let pinSequence = 0;
/** A fresh 14-digit PIN per call. */
const newPin = () => `2${String(Date.now()).slice(-8)}${String((pinSequence += 1)).padStart(5, '0')}`;

/** §2 voter verification, §3 POST /users/me/voter-verification and the moderators' side of it. */
describe('voter verification', () => {
  let ctx: TestContext;
  let admin: TestUser;
  let moderator: TestUser;
  let municipalityId: string;
  let contest: VotingContest;

  const ask = (user: TestUser, body: Record<string, unknown> = {}) =>
    ctx.http
      .post('/api/v1/users/me/voter-verification')
      .set(...bearer(user))
      .send({ phone: '+996555123456', municipalityId, ...body });
  const review = (id: string, caller: TestUser = moderator) =>
    ctx.http.get(`/api/v1/moderation/voter-verifications/${id}`).set(...bearer(caller));
  const decide = (id: string, body: Record<string, unknown>, caller: TestUser = moderator) =>
    ctx.http
      .post(`/api/v1/moderation/voter-verifications/${id}/decision`)
      .set(...bearer(caller))
      .send(body);
  const verifiedAt = async (userId: string) => (await ctx.userRow(userId)).voterVerifiedAt;

  beforeAll(async () => {
    ctx = await TestContext.start();
    admin = await ctx.newUser({ roles: [Role.Admin] });
    moderator = await ctx.newModerator();
    municipalityId = await ctx.idOf('municipalities', 'M-KOSHDOBO');
    contest = await votingContest(ctx, admin, { voterPolicy: 'verified' }, 1);
  }, 60_000);
  afterAll(() => ctx.close());

  it('records a request as pending (201) and lists it in the moderation queue', async () => {
    const citizen = await ctx.newUser({ fullName: 'Нурлан Избиратель' });
    const response = await ask(citizen, { pin: newPin() });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ status: 'pending', reason: null, decidedAt: null });
    const mine = await ctx.http
      .get('/api/v1/users/me/voter-verification')
      .set(...bearer(citizen))
      .expect(200);
    expect(mine.body).toMatchObject({ id: response.body.id, status: 'pending' });

    const queue = await ctx.http
      .get('/api/v1/moderation/queue')
      .query({ kind: 'voter_verification', limit: 100 })
      .set(...bearer(moderator))
      .expect(200);
    expect(queue.body.items).toContainEqual(
      expect.objectContaining({
        kind: 'voter_verification',
        id: response.body.id,
        title: 'Нурлан Избиратель',
        municipalityId,
        status: 'pending',
      }),
    );
    const view = await review(response.body.id).expect(200);
    expect(view.body).toMatchObject({
      userId: citizen.id,
      phone: '+996555123456',
      municipalityId,
      pinGiven: true,
    });
  });

  it('refuses a second request while one is pending with 409, storing nothing more', async () => {
    const citizen = await ctx.newUser();
    expect((await ask(citizen)).status).toBe(201);
    expectProblem(await ask(citizen, { pin: newPin() }), 409, 'verification_exists');
    expect(await ctx.count('voter_verifications', 'user_id = $1', [citizen.id])).toBe(1);
  });

  it('validates the request: phone, PIN of 14 digits, a known municipality; unconfirmed accounts get 403', async () => {
    const citizen = await ctx.newUser();
    expectFieldError(await ask(citizen, { pin: '1234567890123' }), 'pin');
    expectFieldError(await ask(citizen, { phone: 'call me' }), 'phone');
    expect((await ask(citizen, { municipalityId: randomUUID() })).status).toBe(404);
    const unconfirmed = await ctx.newUser({ confirmed: false });
    expectProblem(await ask(unconfirmed), 403, 'email_not_confirmed');
    expect(await ctx.count('voter_verifications', 'user_id IN ($1, $2)', [citizen.id, unconfirmed.id])).toBe(
      0,
    );
  });

  it('answers a second account with the same PIN exactly as the first, but shows moderators the clash', async () => {
    const pin = newPin();
    const first = await ctx.newUser();
    const second = await ctx.newUser();
    const one = await ask(first, { pin });
    const two = await ask(second, { pin });

    expect(two.status).toBe(one.status);
    expect(Object.keys(two.body).sort()).toEqual(Object.keys(one.body).sort());
    expect(two.body).toMatchObject({ status: 'pending', reason: null, decidedAt: null });
    const ownView = await ctx.http
      .get('/api/v1/users/me/voter-verification')
      .set(...bearer(second))
      .expect(200);
    expect(JSON.stringify(ownView.body)).not.toMatch(/clash/i);

    expect((await review(one.body.id).expect(200)).body).toMatchObject({
      pinGiven: true,
      pinClashWith: null,
    });
    expect((await review(two.body.id).expect(200)).body).toMatchObject({
      pinGiven: true,
      pinClashWith: one.body.id,
    });
  });

  it('keeps the PIN only as a 64-hex keyed hash: the digits are stored nowhere in the database', async () => {
    const pin = newPin();
    const citizen = await ctx.newUser();
    const request = await ask(citizen, { pin });
    expect(request.status).toBe(201);
    await ask(await ctx.newUser(), { pin }); // the clash is logged too
    expect((await decide(request.body.id, { action: 'approve' })).status).toBe(200);

    const [row] = await ctx.db.query('SELECT pin_hash FROM voter_verifications WHERE id = $1', [
      request.body.id,
    ]);
    expect(row.pin_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.pin_hash).not.toBe(createHash('sha256').update(pin).digest('hex'));
    const columns: { table_name: string; column_name: string }[] = await ctx.db.query(
      `SELECT c.table_name, c.column_name FROM information_schema.columns c
         JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
        WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
          AND c.data_type IN ('text', 'character varying', 'jsonb', 'json', 'ARRAY')`,
    );
    expect(columns.length).toBeGreaterThan(10);
    const hits: string[] = [];
    for (const { table_name: table, column_name: column } of columns) {
      const found = await ctx.count(`"${table}"`, `"${column}"::text LIKE $1`, [`%${pin}%`]);
      if (found > 0) {
        hits.push(`${table}.${column}`);
      }
    }
    expect(hits).toEqual([]);
  });

  it('approves: the user becomes a verified voter, is emailed, and can then vote under the verified policy', async () => {
    const citizen = await ctx.newUser();
    expectProblem(await castVote(ctx, citizen, contest.id, contest.entries[0]), 403, 'voter_not_verified');
    const request = await ask(citizen, { pin: newPin() });

    const approved = await decide(request.body.id, { action: 'approve' });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ id: request.body.id, status: 'approved' });
    const user = await ctx.userRow(citizen.id);
    expect(user.voterVerifiedAt).toBeInstanceOf(Date);
    expect(user.voterVerifiedBy).toBe(moderator.id);
    expect(await auditOf(ctx, request.body.id)).toEqual([
      expect.objectContaining({ action: 'verification.approved', actor_id: moderator.id }),
    ]);
    const mail = await ctx.mail.waitForContaining(citizen.email, 'verified as a voter');
    expect(mail.subject).toContain('You are verified as a voter');

    expect((await castVote(ctx, citizen, contest.id, contest.entries[0])).status).toBe(201);
    expectProblem(await ask(citizen), 409, 'verification_exists');
    expectProblem(
      await decide(request.body.id, { action: 'refuse', reason: 'Передумали' }),
      409,
      'verification_decided',
    );
  });

  it('refuses only with a reason (400 without), leaves the user unverified and emails the reason', async () => {
    const citizen = await ctx.newUser();
    const request = await ask(citizen);
    expectFieldError(await decide(request.body.id, { action: 'refuse' }), 'reason');
    expect((await review(request.body.id).expect(200)).body.status).toBe('pending');

    const refused = await decide(request.body.id, { action: 'refuse', reason: 'Телефон не отвечает' });
    expect(refused.status).toBe(200);
    expect(refused.body).toMatchObject({ status: 'refused', reason: 'Телефон не отвечает' });
    expect(await verifiedAt(citizen.id)).toBeNull();
    const mail = await ctx.mail.waitForContaining(citizen.email, 'Телефон не отвечает');
    expect(mail.subject).toContain('refused');
    expectProblem(await castVote(ctx, citizen, contest.id, contest.entries[0]), 403, 'voter_not_verified');
  });

  it('refuses a moderator deciding their own request with 403', async () => {
    const other = await ctx.newModerator();
    const request = await ask(other);
    expectProblem(await decide(request.body.id, { action: 'approve' }, other), 403, 'own_verification');
    expect((await review(request.body.id).expect(200)).body.status).toBe('pending');
    expect(await verifiedAt(other.id)).toBeNull();
    expect(await auditOf(ctx, request.body.id)).toEqual([]);
  });

  it("refuses a moderator who represents the voter's municipality with 403 (conflict of interest), changing nothing", async () => {
    const citizen = await ctx.newUser();
    const request = await ask(citizen); // a resident of M-KOSHDOBO
    const local = await ctx.newRepresentative('M-KOSHDOBO', { roles: [Role.Moderator] });
    expectProblem(await decide(request.body.id, { action: 'approve' }, local), 403, 'own_municipality');
    expect((await review(request.body.id).expect(200)).body.status).toBe('pending');
    expect(await verifiedAt(citizen.id)).toBeNull();
    expect(await auditOf(ctx, request.body.id)).toEqual([]);
    const elsewhere = await ctx.newRepresentative('M-DOSTUK', { roles: [Role.Moderator] });
    expect((await decide(request.body.id, { action: 'approve' }, elsewhere)).status).toBe(200);
  });

  it('keeps the moderators’ side from citizens (403) and answers 404 for an unknown request', async () => {
    const citizen = await ctx.newUser();
    const request = await ask(citizen);
    expectProblem(await review(request.body.id, citizen), 403, 'forbidden');
    expectProblem(await decide(request.body.id, { action: 'approve' }, citizen), 403, 'forbidden');
    expect(await verifiedAt(citizen.id)).toBeNull();
    expectProblem(await review(randomUUID()), 404, 'verification_not_found');
    expectProblem(await decide(randomUUID(), { action: 'approve' }), 404, 'verification_not_found');
  });

  it('does not let one person verify two accounts: a request whose PIN belongs to a verified account is not approved', async () => {
    const pin = newPin();
    const first = await ctx.newUser();
    const second = await ctx.newUser();
    const one = await ask(first, { pin });
    expect((await decide(one.body.id, { action: 'approve' })).status).toBe(200);
    const two = await ask(second, { pin });
    expect(two.status).toBe(201);

    const approval = await decide(two.body.id, { action: 'approve' });
    expect(approval.status).toBe(409);
    expect(await verifiedAt(second.id)).toBeNull();
  });
});
