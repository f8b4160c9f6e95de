import { readXmlStartTags } from './xml-tags';
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

/** Every accepted format, for forms that say what they take (and their `accept` attribute). */
export const ACCEPTED_FILE_TYPES: readonly SniffedType[] = [JPEG, PNG, WEBP, PDF, DOCX];

/**
 * A Word document that is refused for what it carries rather than for what it is: code (VBA macros
 * or ActiveX controls), embedded OLE objects (which run their own application when opened), or
 * content fetched from elsewhere when it opens (a remote template, linked pictures or objects).
 * Told apart from "unknown" so the caller can say why; it must never be stored.
 */
export interface RefusedFile {
  refused: 'macro' | 'embedded-object' | 'external-content';
}

export type SniffResult = SniffedType | RefusedFile | undefined;

const MACRO_REFUSAL: RefusedFile = Object.freeze({ refused: 'macro' });
const EMBEDDED_OBJECT_REFUSAL: RefusedFile = Object.freeze({ refused: 'embedded-object' });
const EXTERNAL_CONTENT_REFUSAL: RefusedFile = Object.freeze({ refused: 'external-content' });

const JPEG_MAGIC = Buffer.from([0xff, 0xd8, 0xff]);
const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/**
 * Synchronous on purpose: the only costly step, inflating and scanning the XML parts of a ZIP,
 * is capped (XML_LIMITS) and linear in what it reads, so the work is small and bounded.
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

/** What the DOCX check reads at most; a package that needs more is refused, never half-checked. */
export const XML_LIMITS = {
  /** `[Content_Types].xml` lists part types, not parts: a real document's is under 2 KB. */
  contentTypesBytes: 64 * 1024,
  /**
   * All relationship parts together. They hold a line (~200 bytes) per hyperlink, picture or
   * header, so a long report with thousands of links still fits.
   */
  relationshipBytes: 1024 * 1024,
  /** A document has one per part that links to others (document, headers, charts…). */
  relationshipParts: 256,
} as const;

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
const OLE_OBJECT_TYPE = 'application/vnd.openxmlformats-officedocument.oleobject';
/** The one kind of external target an ordinary report has: a link the reader may choose to follow. */
const HYPERLINK_RELATIONSHIP_TYPES = [
  'http://schemas.openxmlformats.org/officedocument/2006/relationships/hyperlink',
  'http://purl.oclc.org/ooxml/officedocument/relationships/hyperlink',
];

/**
 * An Office Open XML package is a ZIP whose `[Content_Types].xml` names the type of every part;
 * Word decides what a file is from the main part's type there, never from the file name, so we
 * decide the same way. A Word document is then refused for code, embedded objects or external
 * targets other than hyperlinks.
 */
function sniffWordDocument(zip: Buffer): SniffResult {
  const entries = readZipDirectory(zip);
  // Two entries with one name (in any case) would let two readers see two different documents.
  if (entries === undefined || hasDuplicateNames(entries)) {
    return undefined;
  }
  const contentTypesEntry = entries.find((entry) => entry.name.toLowerCase() === CONTENT_TYPES_PART);
  const xml = contentTypesEntry && readZipEntry(zip, contentTypesEntry, XML_LIMITS.contentTypesBytes);
  const declarations = xml ? readContentTypes(xml.toString('utf8')) : undefined;
  if (declarations === undefined) {
    return undefined;
  }
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
  if (!isWordDocument) {
    return undefined;
  }
  if (carriesOleObject(declarations, partNames)) {
    return EMBEDDED_OBJECT_REFUSAL;
  }
  const external = hasExternalTargets(zip, entries);
  if (external === undefined) {
    return undefined;
  }
  return external ? EXTERNAL_CONTENT_REFUSAL : DOCX;
}

function carriesCode(declarations: ContentTypeDeclaration[], partNames: Set<string>): boolean {
  const declaresCodePart = declarations.some((declaration) =>
    CODE_PART_TYPE_PREFIXES.some((prefix) => declaration.contentType.startsWith(prefix)),
  );
  // The part names are checked too, in case the declaration was left out or disguised.
  const hasCodePart = [...partNames].some(
    (name) => name.endsWith('vbaproject.bin') || name.startsWith('activex/') || name.includes('/activex/'),
  );
  return declaresCodePart || hasCodePart;
}

function carriesOleObject(declarations: ContentTypeDeclaration[], partNames: Set<string>): boolean {
  const declaresOleObject = declarations.some((declaration) =>
    declaration.contentType.startsWith(OLE_OBJECT_TYPE),
  );
  const hasOleObject = [...partNames].some((name) => {
    const baseName = name.slice(name.lastIndexOf('/') + 1);
    return baseName.startsWith('oleobject') && baseName.endsWith('.bin');
  });
  return declaresOleObject || hasOleObject;
}

/**
 * Whether any relationship part points outside the package other than by hyperlink; undefined
 * when one cannot be read within XML_LIMITS (refused as unknown, since it could not be checked).
 * Every `.rels` part is read, whichever part it belongs to: an attached template hides in
 * `word/_rels/settings.xml.rels`, a linked picture in a header's.
 */
function hasExternalTargets(zip: Buffer, entries: ZipEntry[]): boolean | undefined {
  const relationshipParts = entries.filter((entry) => entry.name.toLowerCase().endsWith('.rels'));
  if (relationshipParts.length > XML_LIMITS.relationshipParts) {
    return undefined;
  }
  let budget: number = XML_LIMITS.relationshipBytes;
  for (const part of relationshipParts) {
    const xml = readZipEntry(zip, part, budget);
    const tags = xml && readXmlStartTags(xml.toString('utf8'), ['Relationship']);
    if (!xml || !tags) {
      return undefined;
    }
    budget -= xml.length;
    const external = tags.some(
      (tag) =>
        tag.localName === 'Relationship' &&
        isExternal(tag.attributes.get('TargetMode')) &&
        !HYPERLINK_RELATIONSHIP_TYPES.includes((tag.attributes.get('Type') ?? '').trim().toLowerCase()),
    );
    if (external) {
      return true;
    }
  }
  return false;
}

/** Anything but a missing or `Internal` mode counts as external: an odd spelling fails closed. */
function isExternal(targetMode: string | undefined): boolean {
  return targetMode !== undefined && targetMode.trim().toLowerCase() !== 'internal';
}

interface ContentTypeDeclaration {
  /** Lower-cased, without the leading slash, so it compares with ZIP entry names; Override only. */
  partName: string | undefined;
  /** Lower-cased: MIME types compare case-insensitively. */
  contentType: string;
}

/**
 * The `Default` and `Override` elements of `[Content_Types].xml`, read by the linear tag scanner:
 * comments are skipped and entities decoded, so a type cannot hide from the comparisons above
 * behind `&#x2E;` or inside `<!-- -->`. A file we cannot read (UTF-16, malformed) is undefined or
 * declares nothing, and is therefore refused, never waved through.
 */
function readContentTypes(xml: string): ContentTypeDeclaration[] | undefined {
  const tags = readXmlStartTags(xml, ['Default', 'Override']);
  if (tags === undefined) {
    return undefined;
  }
  const declarations: ContentTypeDeclaration[] = [];
  for (const tag of tags) {
    const contentType = tag.attributes.get('ContentType');
    if (contentType === undefined) {
      continue;
    }
    const partName = tag.localName === 'Override' ? tag.attributes.get('PartName') : undefined;
    declarations.push({
      partName: partName === undefined ? undefined : stripLeadingSlash(partName.toLowerCase()),
      contentType: contentType.trim().toLowerCase(),
    });
  }
  return declarations;
}

function stripLeadingSlash(partName: string): string {
  return partName.startsWith('/') ? partName.slice(1) : partName;
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
