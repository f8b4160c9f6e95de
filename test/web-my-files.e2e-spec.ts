import sharp from 'sharp';
import { Response } from 'supertest';
import { newContest } from './support/contests';
import { pdfDocument } from './support/practice-helpers';
import { Role } from '../src/common/auth/role';
import { TestContext, TestUser } from './support/test-app';
import { cookieValue, csrfTokenIn, WEB_ORIGIN, webSessionCookies } from './support/signed-in-web';

/** Small, so that an oversize upload is quick to send; a 60×45 photo and a PDF stay far below it. */
const MAX_BYTES = 64 * 1024;
const HOUR = 3_600_000;
const iso = (msFromNow: number) => new Date(Date.now() + msFromNow).toISOString();

async function jpegWithGps(): Promise<Buffer> {
  const photo = await sharp({ create: { width: 60, height: 45, channels: 3, background: '#3a7' } })
    .withExif({ IFD0: { ImageDescription: 'GPS 42.87N 74.59E', Copyright: 'camera-owner' } })
    .jpeg()
    .toBuffer();
  expect((await sharp(photo).metadata()).exif).toBeDefined();
  return photo;
}

describe('website: a representative’s files and contest entries (/my/practices/:id/…)', () => {
  let ctx: TestContext;
  let rep: TestUser;
  let cookies: string;
  let token: string;

  const attachments = (practiceId: string) => `/my/practices/${practiceId}/attachments`;
  const count = (practiceId: string) => ctx.count('practice_attachments', 'practice_id = $1', [practiceId]);
  const page = (path: string, as = cookies) =>
    ctx.http.get(path).set('Cookie', as).set('Accept-Language', 'en');
  /** The page a 303 leads to, as the browser gets it: with the confirmation banner's cookie. */
  const follow = (response: Response) => {
    const flash = cookieValue(response, 'flash');
    return page(response.headers.location, flash ? `${cookies}; flash=${flash}` : cookies);
  };
  const upload = (practiceId: string) =>
    ctx.http
      .post(attachments(practiceId))
      .set('Cookie', cookies)
      .set('Origin', WEB_ORIGIN)
      .set('Accept-Language', 'en');
  const postForm = (path: string, body: Record<string, string>, as = cookies) =>
    ctx.http
      .post(path)
      .set('Cookie', as)
      .set('Origin', WEB_ORIGIN)
      .set('Accept-Language', 'en')
      .type('form')
      .send(body);

  beforeAll(async () => {
    ctx = await TestContext.start({ UPLOAD_MAX_BYTES: String(MAX_BYTES) });
    rep = await ctx.newRepresentative('M-DOSTUK', { locale: 'en' });
    cookies = await webSessionCookies(ctx, rep);
    token = csrfTokenIn((await page('/account')).text);
  });

  afterAll(async () => {
    await ctx.close();
  });

  describe('attachments', () => {
    let draftId: string;

    beforeAll(async () => {
      draftId = (await ctx.newPractice(rep)).id;
    });

    it('shows the empty list, the limits and a multipart form whose first field is _csrf', async () => {
      const response = await page(attachments(draftId)).expect(200);
      expect(response.headers['cache-control']).toBe('private, no-store');
      expect(response.text).toContain('<title>Photos and documents — ');
      expect(response.text).toContain('0 of 10 files added');
      expect(response.text).toContain('Accepted: JPG, PNG, WEBP, PDF, DOCX, up to 64 KB each');
      expect(response.text).toMatch(
        /<form method="post" action="[^"]+" enctype="multipart\/form-data"[^>]*>\s*<input type="hidden" name="_csrf"/,
      );
      expect(response.text).toContain(`href="/my/practices/${draftId}"`);
      expect(response.text).toContain('href="/my"');
    });

    it('adds a photo sent with _csrf first: 303 back to the list, a thumbnail, served without EXIF', async () => {
      const response = await upload(draftId)
        .field('_csrf', token)
        .attach('file', await jpegWithGps(), 'village.jpg');
      expect(response.status).toBe(303);
      expect(response.headers.location).toBe(attachments(draftId));
      expect(await count(draftId)).toBe(1);
      const list = await follow(response).expect(200);
      expect(list.text).toContain('The file was added.');
      const [, attachmentId] = /\/attachments\/([0-9a-f-]{36})\/160\.webp/.exec(list.text) ?? [];
      expect(attachmentId).toBeDefined();
      const thumbnail = await page(`${attachments(draftId)}/${attachmentId}/160.webp`).expect(200);
      expect(thumbnail.headers['content-type']).toBe('image/webp');
      expect(thumbnail.headers['cache-control']).toBe('private, no-store');
      const full = await page(`${attachments(draftId)}/${attachmentId}/file`)
        .buffer(true)
        .expect(200);
      expect((await sharp(full.body as Buffer).metadata()).exif).toBeUndefined();
    });

    it('adds a document and lists it with its type and a readable size', async () => {
      const response = await upload(draftId)
        .field('_csrf', token)
        .attach('file', pdfDocument(), 'report.pdf');
      expect(response.status).toBe(303);
      const list = await page(attachments(draftId)).expect(200);
      expect(list.text).toMatch(/report\.pdf<\/a>\s*<span[^>]*>PDF, 1 KB<\/span>/);
      expect(list.text).toContain('2 of 10 files added');
    });

    it('refuses a form without _csrf, with it after the file, or with a wrong one: 403 page, nothing stored', async () => {
      const before = await count(draftId);
      const missing = await upload(draftId).attach('file', pdfDocument(), 'a.pdf');
      const late = await upload(draftId).attach('file', pdfDocument(), 'b.pdf').field('_csrf', token);
      const wrong = await upload(draftId)
        .field('_csrf', `${token.slice(0, -2)}xx`)
        .attach('file', pdfDocument(), 'c.pdf');
      for (const response of [missing, late, wrong]) {
        expect(response.status).toBe(403);
        expect(response.headers['content-type']).toMatch(/^text\/html/);
        expect(response.text).toContain('The form could not be accepted');
      }
      expect(await count(draftId)).toBe(before);
    });

    it('drains an oversize file and answers 303 back to the page, which says what is accepted', async () => {
      const before = await count(draftId);
      const big = Buffer.concat([pdfDocument(), Buffer.alloc(MAX_BYTES + 10_000, 0x20)]);
      const response = await upload(draftId)
        .set('Connection', 'keep-alive')
        .field('_csrf', token)
        .attach('file', big, 'big.pdf');
      expect(response.status).toBe(303);
      expect(response.headers.location).toBe(`${attachments(draftId)}?error=tooLarge`);
      expect(response.headers.connection).toBe('keep-alive');
      expect(await count(draftId)).toBe(before);
      const shown = await page(response.headers.location).expect(200);
      expect(shown.text).toContain('<title>Error: Photos and documents');
      expect(shown.text).toContain(
        'The file is larger than 64 KB. Choose a smaller file: JPG, PNG, WEBP, PDF, DOCX',
      );
      expect(shown.text).toContain('href="#file"');
    });

    it('stops reading past twice the limit and still answers 303, closing the connection', async () => {
      const before = await count(draftId);
      const huge = Buffer.concat([pdfDocument(), Buffer.alloc(3 * MAX_BYTES, 0x20)]);
      const response = await upload(draftId)
        .set('Connection', 'keep-alive')
        .field('_csrf', token)
        .attach('file', huge, 'huge.pdf');
      expect(response.status).toBe(303);
      expect(response.headers.location).toBe(`${attachments(draftId)}?error=tooLarge`);
      expect(response.headers.connection).toBe('close');
      expect(await count(draftId)).toBe(before);
    });

    it('refuses a file of another type with the accepted types at the field, and an empty form', async () => {
      const text = await upload(draftId)
        .field('_csrf', token)
        .attach('file', Buffer.from('just text, not a picture'), 'photo.jpg');
      expect(text.status).toBe(303);
      expect(text.headers.location).toBe(`${attachments(draftId)}?error=unsupportedType`);
      const shown = await page(text.headers.location);
      expect(shown.text).toContain(
        'This type of file is not accepted. The file must be one of: JPG, PNG, WEBP, PDF, DOCX',
      );
      const empty = await upload(draftId).field('_csrf', token).attach('file', Buffer.alloc(0), '');
      expect(empty.status).toBe(303);
      expect(empty.headers.location).toBe(`${attachments(draftId)}?error=fileRequired`);
      expect(await count(draftId)).toBe(2);
      // Only known refusals are read back from the address.
      expect((await page(`${attachments(draftId)}?error=<script>`)).text).not.toContain(
        'govuk-error-summary',
      );
    });

    it('removes a file after a confirmation page', async () => {
      const list = await page(attachments(draftId));
      const removeHref = /href="(\/my\/practices\/[^"]+\/remove)"/.exec(list.text)?.[1];
      const confirm = await page(removeHref!).expect(200);
      expect(confirm.text).toMatch(/<h1[^>]*>Remove “village\.jpg”\?<\/h1>/);
      const before = await count(draftId);
      const removed = await postForm(removeHref!, { _csrf: csrfTokenIn(confirm.text) });
      expect(removed.status).toBe(303);
      expect(removed.headers.location).toBe(attachments(draftId));
      expect(await count(draftId)).toBe(before - 1);
      expect((await follow(removed)).text).toContain('The file was removed.');
      expect((await postForm(removeHref!, { _csrf: token })).status).toBe(404);
    });

    it('refuses a removal without its CSRF token, removing nothing', async () => {
      const removeHref = /href="(\/my\/practices\/[^"]+\/remove)"/.exec(
        (await page(attachments(draftId))).text,
      )?.[1];
      const before = await count(draftId);
      expect((await postForm(removeHref!, {})).status).toBe(403);
      expect(await count(draftId)).toBe(before);
    });

    it("answers another municipality's practice, draft or published, with the 404 page, storing nothing", async () => {
      const other = await ctx.newRepresentative('M-SADOVOE', { locale: 'en' });
      const foreignDraft = (await ctx.newPractice(other)).id;
      const foreignPublished = (await ctx.newPractice(other, 'published')).id;
      for (const id of [foreignDraft, foreignPublished]) {
        const shown = await page(attachments(id));
        expect(shown.status).toBe(404);
        expect(shown.headers['content-type']).toMatch(/^text\/html/);
        const sent = await upload(id).field('_csrf', token).attach('file', pdfDocument(), 'x.pdf');
        expect(sent.status).toBe(404);
        expect(await count(id)).toBe(0);
        expect((await page(`/my/practices/${id}/contests`)).status).toBe(404);
      }
    });

    it('answers a signed-in user who represents no municipality with the 404 page', async () => {
      const citizen = await ctx.newUser({ locale: 'en' });
      const theirs = await webSessionCookies(ctx, citizen);
      expect((await page(attachments(draftId), theirs)).status).toBe(404);
      expect((await page(`/my/practices/${draftId}/contests`, theirs)).status).toBe(404);
      const list = await page(attachments(draftId));
      const fileHref = /href="(\/my\/practices\/[^"]+\/file)"/.exec(list.text)?.[1];
      expect((await page(fileHref!, theirs)).status).toBe(404);
    });

    it('lists the files of a practice that is not editable without forms, and refuses an upload with the 409 page', async () => {
      const submitted = (await ctx.newPractice(rep, 'submitted')).id;
      const shown = await page(attachments(submitted)).expect(200);
      expect(shown.text).toContain('Files can be added or removed only while the practice is a draft');
      expect(shown.text).not.toContain('multipart/form-data');
      const sent = await upload(submitted).field('_csrf', token).attach('file', pdfDocument(), 'late.pdf');
      expect(sent.status).toBe(409);
      expect(sent.headers['content-type']).toMatch(/^text\/html/);
      expect(await count(submitted)).toBe(0);
    });

    it('says the practice is full once it has the most files it can have', async () => {
      const full = (await ctx.newPractice(rep)).id;
      for (let i = 0; i < 10; i += 1) {
        await upload(full)
          .field('_csrf', token)
          .attach('file', pdfDocument(`n${i}`), `doc-${i}.pdf`)
          .expect(303);
      }
      const refused = await upload(full).field('_csrf', token).attach('file', pdfDocument(), 'eleven.pdf');
      expect(refused.headers.location).toBe(`${attachments(full)}?error=full`);
      expect((await page(refused.headers.location)).text).toContain('The practice already has 10 files');
      expect((await page(attachments(full))).text).toContain('10 of 10 files added');
      expect(await count(full)).toBe(10);
    });

    it('sends a visitor to sign in and back', async () => {
      const response = await ctx.http.get(attachments(draftId));
      expect(response.status).toBe(303);
      expect(response.headers.location).toBe(`/login?returnTo=${encodeURIComponent(attachments(draftId))}`);
    });
  });

  describe('contest entries', () => {
    let admin: TestUser;
    let publishedId: string;
    let contest: { id: string; nominationIds: string[] };
    const contests = (practiceId: string) => `/my/practices/${practiceId}/contests`;
    const enter = (practiceId: string, contestId: string, body: Record<string, string>) =>
      postForm(`${contests(practiceId)}/${contestId}/entries`, { _csrf: token, ...body });
    const entries = (practiceId: string) => ctx.count('contest_entries', 'practice_id = $1', [practiceId]);

    beforeAll(async () => {
      admin = await ctx.newUser({ roles: [Role.Admin] });
      publishedId = (await ctx.newPractice(rep, 'published', { title: 'Открытые слушания' })).id;
      contest = await newContest(ctx, admin);
    });

    it('lists the open contest with its nominations as a form', async () => {
      const shown = await page(contests(publishedId)).expect(200);
      expect(shown.text).toContain('<title>Contests — ');
      expect(shown.text).toContain('Best LSG practice');
      expect(shown.text).toContain(`value="${contest.nominationIds[0]}"`);
      expect(shown.text).toContain('The practice has not been entered into any contest yet.');
    });

    it('asks for a nomination when none was chosen, entering nothing', async () => {
      const response = await enter(publishedId, contest.id, {});
      expect(response.status).toBe(400);
      expect(response.text).toContain('Choose a nomination');
      expect(response.text).toContain(`href="#nomination-${contest.id}"`);
      expect(await entries(publishedId)).toBe(0);
    });

    it('enters the practice into a nomination and shows the entry as waiting for a moderator', async () => {
      const response = await enter(publishedId, contest.id, { nominationId: contest.nominationIds[0] });
      expect(response.status).toBe(303);
      expect(response.headers.location).toBe(contests(publishedId));
      const shown = await follow(response).expect(200);
      expect(shown.text).toContain('The practice was entered.');
      expect(shown.text).toContain('Waiting for a moderator');
      expect(shown.text).toContain('Entered in the nomination “Budget”.');
      expect(await entries(publishedId)).toBe(1);
    });

    it('refuses a second entry into the same contest in plain words, keeping the choice', async () => {
      const response = await enter(publishedId, contest.id, { nominationId: contest.nominationIds[1] });
      expect(response.status).toBe(409);
      expect(response.text).toContain('This practice is already entered in this contest');
      expect(await entries(publishedId)).toBe(1);
    });

    it('refuses a contest whose entry window has closed', async () => {
      const closed = await newContest(ctx, admin, {
        entriesOpenAt: iso(-3 * HOUR),
        entriesCloseAt: iso(-2 * HOUR),
        votingOpensAt: iso(HOUR),
        votingClosesAt: iso(2 * HOUR),
      });
      expect((await page(contests(publishedId))).text).not.toContain(`contest-${closed.id}`);
      const response = await enter(publishedId, closed.id, { nominationId: closed.nominationIds[0] });
      expect(response.status).toBe(409);
      expect(response.text).toContain(
        'This contest is no longer taking entries: its entry window has closed',
      );
      expect(response.text).toContain('href="#open-contests"');
      expect(await entries(publishedId)).toBe(0 + 1);
    });

    it('explains that only a published practice can be entered, and refuses one that is not', async () => {
      const draft = (await ctx.newPractice(rep)).id;
      const shown = await page(contests(draft)).expect(200);
      expect(shown.text).toContain('Only a published practice can be entered into a contest.');
      expect(shown.text).not.toContain('name="nominationId"');
      const response = await enter(draft, contest.id, { nominationId: contest.nominationIds[0] });
      expect(response.status).toBe(409);
      expect(response.text).toContain('Only a published practice can be entered: this one is not published');
      expect(await entries(draft)).toBe(0);
    });

    it('shows a rejected entry with the moderator’s reason', async () => {
      const other = await newContest(ctx, admin, { title: { en: 'Second contest' } });
      await enter(publishedId, other.id, { nominationId: other.nominationIds[1] }).expect(303);
      const [{ id }] = await ctx.db.query(
        'SELECT id FROM contest_entries WHERE practice_id = $1 AND contest_id = $2',
        [publishedId, other.id],
      );
      const moderator = await ctx.newModerator();
      await ctx.http
        .post(`/api/v1/contests/${other.id}/entries/${id}/decision`)
        .set('Authorization', `Bearer ${moderator.accessToken}`)
        .send({ action: 'reject', reason: 'The practice does not fit this nomination' })
        .expect(200);
      const shown = await page(contests(publishedId));
      expect(shown.text).toContain('Rejected');
      expect(shown.text).toContain('The practice does not fit this nomination');
    });

    it('refuses an entry without its CSRF token, entering nothing', async () => {
      const third = await newContest(ctx, admin);
      const response = await postForm(`${contests(publishedId)}/${third.id}/entries`, {
        nominationId: third.nominationIds[0],
      });
      expect(response.status).toBe(403);
      expect(await ctx.count('contest_entries', 'contest_id = $1', [third.id])).toBe(0);
    });

    it('answers a contest that does not exist with the 404 page', async () => {
      const response = await enter(publishedId, '00000000-0000-4000-8000-000000000000', {
        nominationId: contest.nominationIds[0],
      });
      expect(response.status).toBe(404);
    });
  });
});
