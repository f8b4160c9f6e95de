import { readZipDirectory, readZipEntry, ZipEntry } from './zip-reader';

/**
 * What an upload really is, decided from its bytes alone: the file name and the Content-Type the
 * client sent are never trusted. Only the formats below are accepted; the caller answers 415 for
 * anything else.
 */
const JPEG = Object.freeze({ kind: 'image', mime: 'image/jpeg', extension: 'jpg' } as const);
const PNG = Object.freeze({ kind: 'image', mime: 'image/png', extension: 'png' } as const);
const WEBP = Object.freeze({ kind: 'image', mime: 'image/webp', extension: 'webp' } as const);
const PDF = Object.freeze({ kind: 'document', mime: 'application/pdf', extension: 'pdf' } as const);
const DOCX = Object.freeze({
  kind: 'document',
  mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  extension: 'docx',
} as const);

export type SniffedType = typeof JPEG | typeof PNG | typeof WEBP | typeof PDF | typeof DOCX;

/**
 * A Word document that carries code (VBA macros or ActiveX controls). It is told apart from
 * "unknown" so the caller can say why the file is refused; it must never be stored.
 */
export interface RefusedFile {
  refused: 'macro';
}

export type SniffResult = SniffedType | RefusedFile | undefined;

const MACRO_REFUSAL: RefusedFile = Object.freeze({ refused: 'macro' });

const JPEG_MAGIC = Buffer.from([0xff, 0xd8, 0xff]);
const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/**
 * Synchronous on purpose: the only costly step, inflating `[Content_Types].xml` of a ZIP, is
 * capped at MAX_CONTENT_TYPES_BYTES, so the work is small and bounded.
 */
export function sniffFileType(content: Buffer): SniffResult {
  if (startsWith(content, JPEG_MAGIC)) {
    return JPEG;
  }
  // PNG and WebP also check the first chunk, so an arbitrary blob with the right first bytes fails.
  if (startsWith(content, PNG_MAGIC) && ascii(content, 12, 4) === 'IHDR') {
    return PNG;
  }
  if (ascii(content, 0, 4) === 'RIFF' && ascii(content, 8, 4) === 'WEBP' && ascii(content, 12, 3) === 'VP8') {
    return WEBP;
  }
  // Readers accept the header anywhere in the first KiB; we want it first, which leaves no room
  // for a polyglot (an HTML or image file that is "also" a PDF).
  if (ascii(content, 0, 5) === '%PDF-') {
    return PDF;
  }
  if (startsWith(content, ZIP_MAGIC)) {
    return sniffWordDocument(content);
  }
  return undefined;
}

const CONTENT_TYPES_PART = '[content_types].xml';
const MAX_CONTENT_TYPES_BYTES = 1024 * 1024;
const WORD_MAIN_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml';
const WORD_MACRO_MAIN_TYPES = [
  'application/vnd.ms-word.document.macroenabled.main+xml',
  'application/vnd.ms-word.template.macroenabledtemplate.main+xml',
];
/** Parts that hold code: the VBA project and its data, and ActiveX controls. */
const CODE_PART_TYPE_PREFIXES = [
  'application/vnd.ms-office.vbaproject',
  'application/vnd.ms-word.vbadata',
  'application/vnd.ms-office.activex',
];

/**
 * An Office Open XML package is a ZIP whose `[Content_Types].xml` names the type of every part;
 * Word decides what a file is from the main part's type there, never from the file name, so we
 * decide the same way.
 */
function sniffWordDocument(zip: Buffer): SniffResult {
  const entries = readZipDirectory(zip);
  // Two entries with one name (in any case) would let two readers see two different documents.
  if (entries === undefined || hasDuplicateNames(entries)) {
    return undefined;
  }
  const contentTypesEntry = entries.find((entry) => entry.name.toLowerCase() === CONTENT_TYPES_PART);
  const xml = contentTypesEntry && readZipEntry(zip, contentTypesEntry, MAX_CONTENT_TYPES_BYTES);
  if (!xml) {
    return undefined;
  }
  const declarations = readContentTypes(xml.toString('utf8'));
  const partNames = new Set(entries.map((entry) => entry.name.toLowerCase()));
  const isMacroDocument = declarations.some((declaration) =>
    WORD_MACRO_MAIN_TYPES.includes(declaration.contentType),
  );
  const isWordDocument = declarations.some(
    (declaration) =>
      declaration.contentType === WORD_MAIN_TYPE &&
      declaration.partName !== undefined &&
      partNames.has(declaration.partName),
  );
  if (isMacroDocument || (isWordDocument && carriesCode(declarations, partNames))) {
    return MACRO_REFUSAL;
  }
  return isWordDocument ? DOCX : undefined;
}

function carriesCode(declarations: ContentTypeDeclaration[], partNames: Set<string>): boolean {
  const declaresCodePart = declarations.some((declaration) =>
    CODE_PART_TYPE_PREFIXES.some((prefix) => declaration.contentType.startsWith(prefix)),
  );
  // The part names are checked too, in case the declaration was left out or disguised.
  const hasCodePart = [...partNames].some(
    (name) => name.endsWith('vbaproject.bin') || name.includes('/activex/'),
  );
  return declaresCodePart || hasCodePart;
}

interface ContentTypeDeclaration {
  /** Lower-cased, without the leading slash, so it compares with ZIP entry names; Override only. */
  partName: string | undefined;
  /** Lower-cased: MIME types compare case-insensitively. */
  contentType: string;
}

/**
 * The `Default` and `Override` elements of `[Content_Types].xml`. A full XML parser is not needed
 * for this flat, attribute-only file; comments are dropped and entities decoded, so a type cannot
 * hide from the comparisons above behind `&#x2E;` or inside `<!-- -->`. A file we cannot read
 * (UTF-16, for one) declares nothing and is therefore refused, never waved through.
 */
function readContentTypes(xml: string): ContentTypeDeclaration[] {
  const declarations: ContentTypeDeclaration[] = [];
  const withoutComments = xml.replace(/<!--[\s\S]*?-->/g, '');
  for (const element of withoutComments.matchAll(/<(?:[\w.-]+:)?(Default|Override)\b([^>]*)>/g)) {
    const attributes = readAttributes(element[2]);
    const contentType = attributes.get('ContentType');
    if (contentType === undefined) {
      continue;
    }
    const partName = element[1] === 'Override' ? attributes.get('PartName') : undefined;
    declarations.push({
      partName: partName?.replace(/^\//, '').toLowerCase(),
      contentType: contentType.trim().toLowerCase(),
    });
  }
  return declarations;
}

function readAttributes(source: string): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const match of source.matchAll(/([\w.:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    attributes.set(match[1], decodeXmlEntities(match[2] ?? match[3]));
  }
  return attributes;
}

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeXmlEntities(value: string): string {
  return value.replace(/&(#[xX][0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g, (_match, entity: string) => {
    if (!entity.startsWith('#')) {
      return NAMED_ENTITIES[entity];
    }
    const codePoint =
      entity[1].toLowerCase() === 'x' ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10);
    return codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : '\ufffd';
  });
}

function hasDuplicateNames(entries: ZipEntry[]): boolean {
  return new Set(entries.map((entry) => entry.name.toLowerCase())).size !== entries.length;
}

function startsWith(content: Buffer, magic: Buffer): boolean {
  return content.length >= magic.length && content.subarray(0, magic.length).equals(magic);
}

function ascii(content: Buffer, start: number, length: number): string {
  return content.toString('latin1', start, start + length);
}
