import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { AppConfig } from '../src/config';
import { expectFieldError, expectProblem } from './support/assertions';
import {
  decide,
  DOCX_MIME,
  pdfDocument,
  windowsExecutable,
  WORD_MACRO_MAIN_TYPE,
  wordPackage,
  buildZip,
} from './support/practice-helpers';
import { bearer, TestContext, TestRepresentative, TestUser } from './support/test-app';

/** Every file kept on disk for uploads (temporary dot-files excluded). */
function storedFiles(ctx: TestContext): number {
  const root = join(ctx.app.get(AppConfig).storage.dataDir, 'uploads');
  try {
    return readdirSync(root, { recursive: true, withFileTypes: true }).filter(
      (entry) => entry.isFile() && !entry.name.startsWith('.'),
    ).length;
  } catch {
    return 0;
  }
}

function upload(ctx: TestContext, user: TestUser, practiceId: string, content: Buffer, name: string) {
  return ctx.http
    .post(`/api/v1/practices/${practiceId}/attachments`)
    .set(...bearer(user))
    .attach('file', content, name);
}

const attachmentCount = (ctx: TestContext, practiceId: string) =>
  ctx.count('practice_attachments', 'practice_id = $1', [practiceId]);

/** A picture carrying EXIF (with a GPS-like secret), in the given format. */
async function photoWithExif(format: 'png' | 'webp'): Promise<Buffer> {
  const image = sharp({ create: { width: 40, height: 30, channels: 3, background: '#c33' } }).withExif({
    IFD0: { Copyright: 'secret-camera-owner', ImageDescription: 'GPS 42.87N 74.59E' },
  });
  const buffer = await (format === 'png' ? image.png() : image.webp()).toBuffer();
  expect((await sharp(buffer).metadata()).exif).toBeDefined();
  return buffer;
}

describe('attachments', () => {
  let ctx: TestContext;
  let rep: TestRepresentative;
  let moderator: TestUser;

  beforeAll(async () => {
    ctx = await TestContext.start();
    rep = await ctx.newRepresentative('M-DOSTUK');
    moderator = await ctx.newModerator();
  });
  afterAll(() => ctx.close());

  describe('types, decided from the content', () => {
    it('accepts a DOCX (a real ZIP whose content types declare a Word document)', async () => {
      const { id } = await ctx.newPractice(rep);
      const response = await upload(ctx, rep, id, wordPackage(), 'положение.docx');
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({
        kind: 'document',
        mimeType: DOCX_MIME,
        fileName: 'положение.docx',
      });
      const served = await ctx.http
        .get(response.body.url)
        .set(...bearer(rep))
        .expect(200);
      expect(served.headers['content-type']).toBe(DOCX_MIME);
    });

    it('refuses what is not accepted with 415 and stores nothing', async () => {
      const { id } = await ctx.newPractice(rep);
      const filesBefore = storedFiles(ctx);
      const cases: [Buffer, string, string][] = [
        [windowsExecutable(), 'photo.png', 'unsupported_file_type'],
        [wordPackage(WORD_MACRO_MAIN_TYPE), 'report.docm', 'macro_document'],
        [wordPackage(WORD_MACRO_MAIN_TYPE), 'report.docx', 'macro_document'],
        [buildZip([{ name: 'notes.txt', content: 'plain notes' }]), 'archive.docx', 'unsupported_file_type'],
        [Buffer.from('<html><script>alert(1)</script></html>'), 'page.pdf', 'unsupported_file_type'],
      ];
      for (const [content, name, code] of cases) {
        const response = await upload(ctx, rep, id, content, name);
        expect({ name, status: response.status, code: response.body.code }).toEqual({
          name,
          status: 415,
          code,
        });
      }
      expect(await attachmentCount(ctx, id)).toBe(0);
      expect(storedFiles(ctx)).toBe(filesBefore);
    });

    it.each(['png', 'webp'] as const)(
      'accepts a %s photo and re-encodes it without its EXIF',
      async (format) => {
        const { id } = await ctx.newPractice(rep);
        const response = await upload(ctx, rep, id, await photoWithExif(format), `photo.${format}`);
        expect(response.status).toBe(201);
        expect(response.body).toMatchObject({
          kind: 'image',
          mimeType: `image/${format}`,
          width: 40,
          height: 30,
        });
        for (const url of [response.body.url, response.body.thumbnailUrl]) {
          const served = await ctx.http
            .get(url)
            .set(...bearer(rep))
            .expect(200);
          expect(served.headers['content-type']).toBe(`image/${format}`);
          const metadata = await sharp(served.body as Buffer).metadata();
          expect(metadata.format).toBe(format);
          expect(metadata.exif).toBeUndefined();
          expect((served.body as Buffer).includes('secret-camera-owner')).toBe(false);
        }
      },
    );
  });

  describe('who may download', () => {
    it("keeps a draft's files from visitors, other municipalities and moderators (404)", async () => {
      const { id } = await ctx.newPractice(rep);
      const photo = await upload(ctx, rep, id, await photoWithExif('png'), 'photo.png');
      const doc = await upload(ctx, rep, id, pdfDocument(), 'report.pdf');
      const other = await ctx.newRepresentative('M-SADOVOE');
      for (const url of [photo.body.url, photo.body.thumbnailUrl, doc.body.url]) {
        expectProblem(await ctx.http.get(url), 404, 'practice_not_found');
        expectProblem(await ctx.http.get(url).set(...bearer(other)), 404, 'practice_not_found');
        expectProblem(await ctx.http.get(url).set(...bearer(moderator)), 404, 'practice_not_found');
        await ctx.http
          .get(url)
          .set(...bearer(rep))
          .expect(200);
      }
    });

    it("serves a published practice's files to anyone, with the original name and thumbnails", async () => {
      const { id } = await ctx.newPractice(rep);
      const name = 'Отчёт о слушаниях 2024.pdf';
      const doc = await upload(ctx, rep, id, pdfDocument('слушания'), name);
      const photo = await upload(ctx, rep, id, await photoWithExif('webp'), 'фото.webp');
      await ctx.http
        .post(`/api/v1/practices/${id}/submit`)
        .set(...bearer(rep))
        .send({})
        .expect(200);
      expect((await decide(ctx, moderator, id, { action: 'approve' })).status).toBe(200);

      const download = await ctx.http.get(doc.body.url).expect(200);
      expect(download.headers['content-type']).toBe('application/pdf');
      const disposition = download.headers['content-disposition'];
      expect(disposition).toMatch(/^attachment;/);
      const encoded = /filename\*=UTF-8''([^;]+)/.exec(disposition)?.[1] ?? '';
      expect(decodeURIComponent(encoded)).toBe(name);
      expect(Buffer.from(download.body as Buffer).equals(pdfDocument('слушания'))).toBe(true);

      const thumbnail = await ctx.http.get(photo.body.thumbnailUrl).expect(200);
      expect(thumbnail.headers['content-type']).toBe('image/webp');
      expect((await sharp(thumbnail.body as Buffer).metadata()).width).toBeLessThanOrEqual(400);
      const catalog = await ctx.http.get('/api/v1/practices').query({ limit: 100 }).expect(200);
      const item = catalog.body.items.find((p: { id: string }) => p.id === id);
      expect(item.thumbnailUrl).toBe(photo.body.thumbnailUrl);
    });
  });

  describe('changes', () => {
    it('deletes a file while the practice is editable (204), and refuses once it is submitted (409)', async () => {
      const { id } = await ctx.newPractice(rep);
      const first = await upload(ctx, rep, id, pdfDocument('one'), 'one.pdf');
      const second = await upload(ctx, rep, id, pdfDocument('two'), 'two.pdf');
      const filesBefore = storedFiles(ctx);

      const other = await ctx.newRepresentative('M-SADOVOE');
      expectProblem(await ctx.http.delete(first.body.url).set(...bearer(other)), 404, 'practice_not_found');
      await ctx.http
        .delete(first.body.url)
        .set(...bearer(rep))
        .expect(204);
      expect((await ctx.http.get(first.body.url).set(...bearer(rep))).status).toBe(404);
      expect(await attachmentCount(ctx, id)).toBe(1);
      expect(storedFiles(ctx)).toBe(filesBefore - 1);

      await ctx.http
        .post(`/api/v1/practices/${id}/submit`)
        .set(...bearer(rep))
        .send({})
        .expect(200);
      expectProblem(await ctx.http.delete(second.body.url).set(...bearer(rep)), 409, 'wrong_status');
      expectProblem(await upload(ctx, rep, id, pdfDocument('three'), 'three.pdf'), 409, 'wrong_status');
      expect(await attachmentCount(ctx, id)).toBe(1);
      await ctx.http
        .get(second.body.url)
        .set(...bearer(rep))
        .expect(200);
    });

    it('refuses an eleventh file with 409 and keeps nothing of it', async () => {
      const { id } = await ctx.newPractice(rep);
      for (let i = 1; i <= 10; i++) {
        expect((await upload(ctx, rep, id, pdfDocument(`file ${i}`), `file-${i}.pdf`)).status).toBe(201);
      }
      const filesBefore = storedFiles(ctx);
      expectProblem(
        await upload(ctx, rep, id, pdfDocument('eleven'), 'file-11.pdf'),
        409,
        'too_many_attachments',
      );
      expect(await attachmentCount(ctx, id)).toBe(10);
      expect(storedFiles(ctx)).toBe(filesBefore);
    });

    it('refuses an upload that is not multipart (415) or whose part is not named "file" (400)', async () => {
      const { id } = await ctx.newPractice(rep);
      const json = await ctx.http
        .post(`/api/v1/practices/${id}/attachments`)
        .set(...bearer(rep))
        .send({ file: pdfDocument().toString('base64') });
      expectProblem(json, 415, 'unsupported_media_type');
      const wrongPart = await ctx.http
        .post(`/api/v1/practices/${id}/attachments`)
        .set(...bearer(rep))
        .attach('document', pdfDocument(), 'report.pdf');
      expectFieldError(wrongPart, 'file');
      expect(await attachmentCount(ctx, id)).toBe(0);
    });

    it("refuses uploads to another municipality's draft (404) and published practice (403)", async () => {
      const other = await ctx.newRepresentative('M-SADOVOE');
      const draft = await ctx.newPractice(other);
      const published = await ctx.newPractice(other, 'published');
      expectProblem(await upload(ctx, rep, draft.id, pdfDocument(), 'x.pdf'), 404, 'practice_not_found');
      expectProblem(await upload(ctx, rep, published.id, pdfDocument(), 'x.pdf'), 403, 'not_practice_owner');
      expect(await attachmentCount(ctx, draft.id)).toBe(0);
      expect(await attachmentCount(ctx, published.id)).toBe(0);
    });
  });
});

describe('attachments over the size limit', () => {
  let ctx: TestContext;
  let rep: TestRepresentative;

  beforeAll(async () => {
    ctx = await TestContext.start({ UPLOAD_MAX_BYTES: '2048' });
    rep = await ctx.newRepresentative('M-DOSTUK');
  });
  afterAll(() => ctx.close());

  it('refuses a file over UPLOAD_MAX_BYTES with 413 and keeps nothing; a smaller one passes', async () => {
    const { id } = await ctx.newPractice(rep);
    const big = Buffer.concat([pdfDocument(), Buffer.alloc(4096, 0x20)]);
    expectProblem(await upload(ctx, rep, id, big, 'big.pdf'), 413, 'payload_too_large');
    expect(await attachmentCount(ctx, id)).toBe(0);
    expect(storedFiles(ctx)).toBe(0);
    expect((await upload(ctx, rep, id, pdfDocument(), 'small.pdf')).status).toBe(201);
  });
});
