import sharp from 'sharp';
import { Role } from '../src/common/auth/role';
import { newContest, newVoter } from './support/contests';
import {
  Answer,
  Call,
  contractBreach,
  loadDocument,
  mutationsOf,
  Operation,
  operationsOf,
  send,
} from './support/openapi-fuzz';
import { linkIn } from './support/smtp-sink';
import { bearer, TestContext, TestUser } from './support/test-app';
import { castVote, closeAndPublish, HOUR, iso, votingContest } from './support/voting-helpers';

/**
 * Every operation of the committed openapi.json, called as a role that may call it on seeded
 * objects, then once per mutation of one parameter or body member (wrong type, null, NUL, 100 KB,
 * boundary numbers, malformed cursors and ids). No answer may be a 5xx; every 4xx is a problem
 * document. Each operation must also succeed at least once, so the pass reaches past validation.
 */
describe('the OpenAPI contract under generated bad input', () => {
  let ctx: TestContext;
  let baselines: Record<string, () => Promise<Call>>;
  const document = loadDocument();
  const operations = operationsOf(document);

  beforeAll(async () => {
    // The per-user request limits are counted before validation: raised so mutations reach the pipe.
    ctx = await TestContext.start({
      RATE_LIMIT_REP_REQUESTS_PER_DAY: '10000',
      RATE_LIMIT_VERIFY_REQUESTS_PER_DAY: '10000',
    });
    baselines = await seed(ctx);
  }, 120_000);

  afterAll(() => ctx.close());

  it('has a baseline call for every operation of openapi.json', () => {
    expect(operations.map((operation) => operation.key).filter((key) => !baselines[key])).toEqual([]);
  });

  it('answers every mutated call without a 5xx, every 4xx as a problem document', async () => {
    const started = Date.now();
    const breaches: string[] = [];
    const neverSucceeded: string[] = [];
    let requests = 0;
    const check = (operation: Operation, label: string, answer: Answer) => {
      requests += 1;
      const breach = contractBreach(operation, answer);
      if (breach) {
        breaches.push(`${operation.key} [${label}] ${breach}`);
      }
      return answer.status < 300;
    };
    const timing: [string, number][] = [];
    for (const operation of operations) {
      const operationStarted = Date.now();
      const baseline = await baselines[operation.key]();
      let succeeded = false;
      for (const mutation of mutationsOf(document, operation, baseline)) {
        succeeded =
          check(operation, mutation.label, await send(ctx.app, operation, mutation.call)) || succeeded;
      }
      // The valid call last, with fresh state (a version, a token), after the mutations left it alone.
      const answer = await send(ctx.app, operation, await baselines[operation.key]());
      succeeded = check(operation, 'baseline', answer) || succeeded;
      timing.push([operation.key, Date.now() - operationStarted]);
      if (!succeeded) {
        neverSucceeded.push(`${operation.key}: ${answer.status} ${answer.body.slice(0, 200)}`);
      }
    }
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const slowest = timing.sort((x, y) => y[1] - x[1]).slice(0, 3);
    process.stdout.write(
      `openapi fuzz: ${operations.length} operations, ${requests} requests, ${seconds} s ` +
        `(slowest: ${slowest.map(([key, ms]) => `${key} ${ms} ms`).join(', ')})\n`,
    );
    expect(breaches).toEqual([]);
    expect(neverSucceeded).toEqual([]);
  }, 180_000);
});

/** Seeded objects and the valid call of each operation (a function: some read fresh state). */
async function seed(ctx: TestContext): Promise<Record<string, () => Promise<Call>>> {
  const admin = await ctx.newUser({ roles: [Role.Admin] });
  const moderator = await ctx.newModerator();
  const rep = await ctx.newRepresentative('M-DOSTUK');
  const user = await ctx.newUser();
  const as = (who: TestUser) => who.accessToken;
  const api = (path: string) => `/api/v1${path}`;
  const post = (who: TestUser | undefined, path: string, body: object = {}) => {
    const request = ctx.http.post(path);
    return who ? request.set(...bearer(who)).send(body) : request.send(body);
  };

  // Practices: a draft to edit and upload to, one to submit, one to withdraw, one to decide,
  // a published one with an image, a draft with an image to delete.
  const image = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#c33' } })
    .png()
    .toBuffer();
  const upload = async (practiceId: string) =>
    (
      await ctx.http
        .post(api(`/practices/${practiceId}/attachments`))
        .set(...bearer(rep))
        .attach('file', image, { filename: 'photo.png', contentType: 'image/png' })
        .expect(201)
    ).body.id as string;
  const draft = await ctx.newPractice(rep);
  const toSubmit = await ctx.newPractice(rep);
  const toWithdraw = await ctx.newPractice(rep, 'submitted');
  const toDecide = await ctx.newPractice(rep, 'submitted');
  const published = await ctx.newPractice(rep);
  const publishedImage = await upload(published.id);
  await post(rep, api(`/practices/${published.id}/submit`)).expect(200);
  await post(moderator, api(`/moderation/practices/${published.id}/decision`), { action: 'approve' }).expect(
    200,
  );
  const draftWithImage = await ctx.newPractice(rep);
  const imageToDelete = await upload(draftWithImage.id);
  const version = async (id: string) =>
    (await ctx.http.get(api(`/practices/${id}`)).set(...bearer(rep))).body.version as number;

  // Geography.
  const dostuk = (await ctx.http.get(api(`/municipalities/${rep.municipalityId}`)).expect(200)).body;
  const sadovoe = await ctx.idOf('municipalities', 'M-SADOVOE');

  // Representatives: a pending request to decide, an approved representative to remove, a
  // confirmed user who will ask.
  const asker = await ctx.newUser({ fullName: 'Asker Fuzz' });
  const pending = await post(asker, api(`/municipalities/${sadovoe}/representatives`)).expect(201);
  const removable = await ctx.newRepresentative('M-DOSTUK');
  const requester = await ctx.newUser();

  // Voter verification: one to read, one to decide, one user who will ask.
  const verificationBody = { phone: '+996555123456', municipalityId: sadovoe };
  const readable = await ctx.newUser();
  const toRead = await post(readable, api('/users/me/voter-verification'), verificationBody).expect(201);
  const decidable = await ctx.newUser();
  const toVerify = await post(decidable, api('/users/me/voter-verification'), verificationBody).expect(201);
  const resident = await ctx.newUser();

  // Contests: accepting entries (with a pending entry), voting (with votes to retract and annul),
  // closed, and published.
  const entering = await newContest(ctx, admin);
  const editable = await newContest(ctx, admin);
  const entrant = await ctx.newRepresentative('M-SADOVOE');
  const entered = await ctx.newPractice(entrant, 'published');
  const toEnter = await ctx.newPractice(entrant, 'published');
  const pendingEntry = await post(entrant, api(`/contests/${entering.id}/entries`), {
    practiceId: entered.id,
    nominationId: entering.nominationIds[0],
  }).expect(201);
  const vote = async (who: TestUser, contestId: string, entryId: string) => {
    const receipt = await castVote(ctx, who, contestId, entryId);
    if (receipt.status >= 300) {
      throw new Error(`vote refused: ${receipt.status} ${JSON.stringify(receipt.body)}`);
    }
    return receipt.body.voteId as string;
  };
  const voting = await votingContest(ctx, admin, { votesPerVoter: null }, 3);
  const voter = await newVoter(ctx);
  const retracting = await newVoter(ctx);
  await vote(retracting, voting.id, voting.entries[1]);
  const annulled = await vote(await newVoter(ctx), voting.id, voting.entries[2]);
  const closed = await votingContest(ctx, admin, {}, 1);
  await ctx.http
    .patch(api(`/contests/${closed.id}`))
    .set(...bearer(admin))
    .send({ votingClosesAt: iso(-1) })
    .expect(200);
  const publishedContest = await votingContest(ctx, admin, {}, 2);
  await vote(voter, publishedContest.id, publishedContest.entries[0]);
  const publication = await closeAndPublish(ctx, admin, publishedContest.id);
  if (publication.status >= 300) {
    throw new Error(`results not published: ${publication.status} ${JSON.stringify(publication.body)}`);
  }

  // Email links and sessions: each flow its own account, so no call spends another's token.
  const password = 'a long enough test password';
  const registered = async (prefix: string) => {
    const email = ctx.uniqueEmail(prefix);
    await post(undefined, api('/auth/register'), {
      email,
      password,
      fullName: 'Fuzz Person',
      consent: true,
    }).expect(202);
    return { email, token: linkIn(await ctx.mail.waitFor(email), '/confirm-email').token };
  };
  const resetToken = async () => {
    const someone = await ctx.newUser();
    await post(undefined, api('/auth/forgot-password'), { email: someone.email }).expect(202);
    return linkIn(await ctx.mail.waitFor(someone.email), '/reset-password').token;
  };
  // The email-link pages are website pages now (not in the document): only the API's flows here.
  const confirmApi = await registered('api');
  const resetApi = await resetToken();
  const unconfirmed = await ctx.newUser({ confirmed: false });
  const signingIn = await ctx.newUser();
  const refreshing = await ctx.newUser();
  const leaving = await ctx.newUser();
  const forgetful = await ctx.newUser();
  const everywhere = await ctx.newUser();
  const changing = await ctx.newUser();
  const managed = await ctx.newUser();
  const dead = (
    await ctx.db.query(
      `INSERT INTO email_outbox (to_address, template, locale, subject, text_body, html_body, status, attempts, last_error)
       VALUES ('nobody@example.kg', 'fuzz', 'en', 'Fuzz', 'text', '<p>text</p>', 'dead', 5, 'refused') RETURNING id`,
    )
  )[0].id as string;

  const call =
    (token: string | undefined, rest: Omit<Call, 'token'> = {}) =>
    (): Promise<Call> =>
      Promise.resolve({ token, ...rest });
  const newPracticeBody = await ctx.practiceBody();
  return {
    'GET /api/v1/admin/audit': call(as(admin)),
    'GET /api/v1/admin/outbox': call(as(admin)),
    'POST /api/v1/admin/outbox/{id}/retry': call(as(admin), { params: { id: dead } }),
    'GET /api/v1/users/me': call(as(user)),
    'PATCH /api/v1/users/me': call(as(user), { json: { fullName: 'Fuzz Renamed' } }),
    'GET /api/v1/admin/users': call(as(admin)),
    'PATCH /api/v1/admin/users/{id}': call(as(admin), {
      params: { id: managed.id },
      json: { blocked: false },
    }),
    'POST /api/v1/auth/register': () =>
      Promise.resolve({
        json: { email: ctx.uniqueEmail('fuzz'), password, fullName: 'Fuzz Person', consent: true },
      }),
    'POST /api/v1/auth/resend-confirmation': call(as(unconfirmed), { json: {} }),
    'POST /api/v1/auth/confirm-email': call(undefined, { json: { token: confirmApi.token } }),
    'POST /api/v1/auth/login': call(undefined, { json: { email: signingIn.email, password } }),
    'POST /api/v1/auth/refresh': call(undefined, { json: { refreshToken: refreshing.refreshToken } }),
    'POST /api/v1/auth/logout': call(as(leaving), { json: { refreshToken: leaving.refreshToken } }),
    'POST /api/v1/auth/logout-all': call(as(everywhere)),
    'POST /api/v1/auth/change-password': call(as(changing), {
      json: { currentPassword: changing.password, newPassword: 'another long password 42' },
    }),
    'POST /api/v1/auth/forgot-password': call(undefined, { json: { email: forgetful.email } }),
    'POST /api/v1/auth/reset-password': call(undefined, {
      json: { token: resetApi, password: 'another long password 42' },
    }),
    'GET /health': call(undefined),
    'GET /health/ready': call(undefined),
    'GET /api/v1/regions': call(undefined),
    'GET /api/v1/regions/{id}/districts': call(undefined, { params: { id: dostuk.regionId } }),
    'GET /api/v1/municipalities': call(undefined, { query: { regionId: dostuk.regionId } }),
    'GET /api/v1/municipalities/{id}': call(undefined, { params: { id: dostuk.id } }),
    'POST /api/v1/admin/municipalities': call(as(admin), {
      json: {
        code: 'M-FUZZ',
        kind: dostuk.kind,
        regionId: dostuk.regionId,
        districtId: dostuk.districtId,
        names: { ru: 'Фазз', en: 'Fuzz' },
      },
    }),
    'PATCH /api/v1/admin/municipalities/{id}': call(as(admin), {
      params: { id: sadovoe },
      json: { names: { en: 'Sadovoe' } },
    }),
    'GET /api/v1/categories': call(undefined),
    'POST /api/v1/municipalities/{id}/representatives': call(as(requester), {
      params: { id: sadovoe },
      json: {},
    }),
    'GET /api/v1/municipalities/{id}/representatives': call(as(moderator), { params: { id: dostuk.id } }),
    'DELETE /api/v1/municipalities/{id}/representatives/{userId}': call(as(moderator), {
      params: { id: dostuk.id, userId: removable.id },
      json: { reason: 'No longer works there' },
    }),
    'GET /api/v1/users/me/memberships': call(as(rep)),
    'POST /api/v1/moderation/representatives/{id}/decision': call(as(moderator), {
      params: { id: pending.body.id },
      json: { action: 'approve' },
    }),
    'GET /api/v1/practices': call(undefined, { query: { sort: 'new' } }),
    'POST /api/v1/practices': call(as(rep), { json: newPracticeBody }),
    'GET /api/v1/practices/mine': call(as(rep)),
    'GET /api/v1/practices/{id}': call(undefined, { params: { id: published.id } }),
    'PATCH /api/v1/practices/{id}': async () => ({
      token: as(rep),
      params: { id: draft.id },
      json: { version: await version(draft.id), title: 'Переименованная практика' },
    }),
    'POST /api/v1/practices/{id}/submit': call(as(rep), { params: { id: toSubmit.id }, json: {} }),
    'POST /api/v1/practices/{id}/withdraw': call(as(rep), { params: { id: toWithdraw.id }, json: {} }),
    'GET /api/v1/practices/{id}/revisions': call(as(rep), { params: { id: published.id } }),
    'GET /api/v1/practices/{id}/history': call(as(rep), { params: { id: published.id } }),
    'GET /api/v1/stats': call(undefined),
    'POST /api/v1/practices/{id}/attachments': call(as(rep), {
      params: { id: draft.id },
      multipart: { field: 'file', fileName: 'photo.png', type: 'image/png', content: image },
    }),
    'GET /api/v1/practices/{id}/attachments/{attachmentId}': call(undefined, {
      params: { id: published.id, attachmentId: publishedImage },
    }),
    'DELETE /api/v1/practices/{id}/attachments/{attachmentId}': call(as(rep), {
      params: { id: draftWithImage.id, attachmentId: imageToDelete },
    }),
    'GET /api/v1/practices/{id}/attachments/{attachmentId}/thumbnail': call(undefined, {
      params: { id: published.id, attachmentId: publishedImage },
    }),
    'GET /api/v1/moderation/queue': call(as(moderator)),
    'POST /api/v1/moderation/practices/{id}/decision': call(as(moderator), {
      params: { id: toDecide.id },
      json: { action: 'approve' },
    }),
    'POST /api/v1/users/me/voter-verification': call(as(resident), { json: verificationBody }),
    'GET /api/v1/users/me/voter-verification': call(as(readable)),
    'GET /api/v1/moderation/voter-verifications/{id}': call(as(moderator), {
      params: { id: toRead.body.id },
    }),
    'POST /api/v1/moderation/voter-verifications/{id}/decision': call(as(moderator), {
      params: { id: toVerify.body.id },
      json: { action: 'approve' },
    }),
    'GET /api/v1/contests': call(undefined),
    'POST /api/v1/contests': call(as(admin), {
      json: {
        title: { ru: 'Фазз-конкурс' },
        description: { ru: 'Конкурс для проверки контракта.' },
        rules: { ru: 'Правила конкурса.' },
        nominations: [{ title: { ru: 'Бюджет' }, winnersCount: 1 }],
        entriesOpenAt: iso(HOUR),
        entriesCloseAt: iso(2 * HOUR),
        votingOpensAt: iso(3 * HOUR),
        votingClosesAt: iso(4 * HOUR),
      },
    }),
    'GET /api/v1/contests/{id}': call(undefined, { params: { id: entering.id } }),
    'PATCH /api/v1/contests/{id}': call(as(admin), {
      params: { id: editable.id },
      json: { title: { en: 'Renamed' } },
    }),
    'POST /api/v1/contests/{id}/entries': call(as(entrant), {
      params: { id: entering.id },
      json: { practiceId: toEnter.id, nominationId: entering.nominationIds[0] },
    }),
    'GET /api/v1/contests/{id}/entries': call(undefined, { params: { id: voting.id } }),
    'GET /api/v1/contests/{id}/entries/{entryId}': call(undefined, {
      params: { id: voting.id, entryId: voting.entries[0] },
    }),
    'POST /api/v1/contests/{id}/entries/{entryId}/decision': call(as(moderator), {
      params: { id: entering.id, entryId: pendingEntry.body.id },
      json: { action: 'accept' },
    }),
    'POST /api/v1/contests/{id}/entries/{entryId}/vote': call(as(voter), {
      params: { id: voting.id, entryId: voting.entries[0] },
      json: {},
    }),
    'DELETE /api/v1/contests/{id}/entries/{entryId}/vote': call(as(retracting), {
      params: { id: voting.id, entryId: voting.entries[1] },
    }),
    'GET /api/v1/contests/{id}/my-votes': call(as(retracting), { params: { id: voting.id } }),
    'GET /api/v1/contests/{id}/signals': call(as(moderator), { params: { id: voting.id } }),
    'POST /api/v1/contests/{id}/votes/{voteId}/annul': call(as(admin), {
      params: { id: voting.id, voteId: annulled },
      json: { reason: 'Votes from one network' },
    }),
    'POST /api/v1/contests/{id}/results': call(as(admin), { params: { id: closed.id } }),
    'GET /api/v1/contests/{id}/results': call(undefined, { params: { id: publishedContest.id } }),
    'GET /api/v1/contests/{id}/results.csv': call(undefined, { params: { id: publishedContest.id } }),
    'GET /api/v1/contests/{id}/ledger.csv': call(undefined, { params: { id: publishedContest.id } }),
    'GET /api/v1/contests/{id}/recount': call(as(admin), { params: { id: publishedContest.id } }),
  };
}
