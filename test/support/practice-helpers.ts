import { Client } from 'pg';
import { Response } from 'supertest';
import { bearer, TestContext, TestUser } from './test-app';
import { buildZip, ZipFixtureEntry } from './zip-fixture';

/** Sends a moderation decision on a practice (no status expectation: the test asserts it). */
export function decide(
  ctx: TestContext,
  moderator: TestUser,
  practiceId: string,
  body: Record<string, unknown>,
): Promise<Response> {
  return ctx.http
    .post(`/api/v1/moderation/practices/${practiceId}/decision`)
    .set(...bearer(moderator))
    .send(body);
}

export interface PracticeState {
  status: string;
  version: number;
  revision: number;
  title: string;
  claimedBy: string | null;
  updatedAt: string;
  transitions: number;
  revisions: number;
  attachments: number;
  audits: number;
}

/** What a refused request must leave untouched: the row and everything recorded about it. */
export async function practiceState(ctx: TestContext, id: string): Promise<PracticeState> {
  const [row] = await ctx.db.query(
    `SELECT status, version, revision, title, claimed_by AS "claimedBy", updated_at::text AS "updatedAt",
            (SELECT count(*)::int FROM practice_transitions WHERE practice_id = p.id) AS transitions,
            (SELECT count(*)::int FROM practice_revisions WHERE practice_id = p.id) AS revisions,
            (SELECT count(*)::int FROM practice_attachments WHERE practice_id = p.id) AS attachments,
            (SELECT count(*)::int FROM audit_log WHERE object_id = p.id::text) AS audits
       FROM practices p WHERE p.id = $1`,
    [id],
  );
  if (!row) {
    throw new Error(`no practice ${id}`);
  }
  return row as PracticeState;
}

/** Ids of the items of a page response. */
export function idsOf(response: Response): string[] {
  return (response.body.items as { id: string }[]).map((item) => item.id);
}

/**
 * Follows `nextCursor` from the first page to the last, returning every id in order. Stops (and
 * fails the caller's expectations) after `maxPages` so a cursor that loops cannot hang the test.
 */
export async function walkPages(
  fetchPage: (cursor: string | undefined) => Promise<Response>,
  maxPages = 200,
): Promise<{ ids: string[]; pages: number }> {
  const ids: string[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const response = await fetchPage(cursor);
    expect(response.status).toBe(200);
    ids.push(...idsOf(response));
    cursor = (response.body.nextCursor as string | null) ?? undefined;
    pages += 1;
  } while (cursor && pages < maxPages);
  return { ids, pages };
}

/**
 * How many SQL statements the application sends while `action` runs, counted at the `pg` client
 * (TypeORM's query runners and the catalog's direct pool queries both end there). Run it where no
 * background worker shares the connection (`TestContext.start({}, { worker: false })`).
 */
export async function countStatements(
  action: () => Promise<unknown>,
): Promise<{ count: number; sql: string[] }> {
  const spy = jest.spyOn(Client.prototype, 'query');
  try {
    await action();
    const sql = spy.mock.calls.map((call) => {
      const config = call[0] as unknown;
      const text = typeof config === 'string' ? config : (config as { text: string }).text;
      return text.replace(/\s+/g, ' ').trim();
    });
    return { count: sql.length, sql };
  } finally {
    spy.mockRestore();
  }
}

export { buildZip } from './zip-fixture';

export const WORD_MAIN_TYPE =
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml';
export const WORD_MACRO_MAIN_TYPE = 'application/vnd.ms-word.document.macroEnabled.main+xml';
export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/**
 * A minimal Word package whose main part has `mainType` (DOCX by default, DOCM with the macro
 * type), with `extraEntries` added (relationship parts, embedded objects).
 */
export function wordPackage(mainType = WORD_MAIN_TYPE, extraEntries: ZipFixtureEntry[] = []): Buffer {
  const contentTypes =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    `<Override PartName="/word/document.xml" ContentType="${mainType}"/>` +
    '</Types>';
  const rels =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>' +
    '</Relationships>';
  const document =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
    '<w:body><w:p><w:r><w:t>Бюджетные слушания: отчёт</w:t></w:r></w:p></w:body></w:document>';
  return buildZip([
    { name: '[Content_Types].xml', content: contentTypes },
    { name: '_rels/.rels', content: rels },
    { name: 'word/document.xml', content: document },
    ...extraEntries,
  ]);
}

/** A Windows executable's first bytes (the "MZ" header and DOS stub), to rename as a picture. */
export function windowsExecutable(): Buffer {
  const header = Buffer.alloc(512);
  header.write('MZ', 0, 'latin1');
  header.writeUInt32LE(0x80, 0x3c);
  header.write('This program cannot be run in DOS mode.', 0x4e, 'latin1');
  header.write('PE\0\0', 0x80, 'latin1');
  return header;
}

/** A small valid PDF. */
export function pdfDocument(text = 'report'): Buffer {
  return Buffer.from(`%PDF-1.4\n1 0 obj <<>> endobj\n% ${text}\ntrailer <<>>\n%%EOF\n`);
}
