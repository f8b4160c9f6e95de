/**
 * The start tags of a small XML part of an uploaded Office package (`[Content_Types].xml`, the
 * `.rels` parts), read in one forward pass. No regular expression touches these bytes: a
 * backtracking pattern over a crafted part (`<!--` repeated 262,143 times) once held the event
 * loop for minutes. Every scan step either consumes characters or stops, and each `indexOf` starts
 * past the last one, so the work is linear in the part's length.
 *
 * Only what the sniffer needs is kept: the elements it names, by local name (prefix dropped), with
 * their attribute values, entities decoded; other elements are checked for form but not kept, which
 * keeps the scan cheap (a 1 MiB part may hold 250,000 tags). Comments, processing instructions, CDATA and end tags are skipped; text is
 * ignored. A DOCTYPE is refused, as Office Open XML forbids one (ECMA-376 Part 2, §8.1.4: no DTD),
 * and so is anything malformed: the caller then refuses the file, never waves it through.
 */
export interface XmlStartTag {
  /** Without its namespace prefix: `Override` for `<ct:Override …>`. */
  localName: string;
  attributes: Map<string, string>;
}

export function readXmlStartTags(xml: string, localNames: readonly string[]): XmlStartTag[] | undefined {
  const tags: XmlStartTag[] = [];
  let position = 0;
  for (;;) {
    const open = xml.indexOf('<', position);
    if (open < 0) {
      return tags;
    }
    const skipped = skipMarkup(xml, open);
    if (skipped !== undefined) {
      if (skipped < 0) {
        return undefined;
      }
      position = skipped;
      continue;
    }
    const tag = readStartTag(xml, open + 1, localNames);
    if (tag === undefined) {
      return undefined;
    }
    if (tag.tag) {
      tags.push(tag.tag);
    }
    position = tag.end;
  }
}

/**
 * For markup that carries no element (comment, processing instruction, CDATA, end tag): the
 * position after it, or -1 when it is unterminated or a DOCTYPE. undefined for a start tag.
 */
function skipMarkup(xml: string, open: number): number | undefined {
  if (xml.startsWith('<!--', open)) {
    return endAfter(xml, '-->', open + 4);
  }
  if (xml.startsWith('<![CDATA[', open)) {
    return endAfter(xml, ']]>', open + 9);
  }
  if (xml.startsWith('<!', open)) {
    return -1;
  }
  if (xml.startsWith('<?', open)) {
    return endAfter(xml, '?>', open + 2);
  }
  if (xml.startsWith('</', open)) {
    return endAfter(xml, '>', open + 2);
  }
  return undefined;
}

function endAfter(xml: string, terminator: string, from: number): number {
  const end = xml.indexOf(terminator, from);
  return end < 0 ? -1 : end + terminator.length;
}

/**
 * Reads `name attr="value" …>` or `…/>` starting just after the `<`; the tag itself only when its
 * local name is wanted.
 */
function readStartTag(
  xml: string,
  start: number,
  wanted: readonly string[],
): { tag: XmlStartTag | undefined; end: number } | undefined {
  const nameEnd = skipName(xml, start);
  if (nameEnd === start) {
    return undefined;
  }
  const name = localName(xml.slice(start, nameEnd));
  const attributes = wanted.includes(name) ? new Map<string, string>() : undefined;
  let position = nameEnd;
  for (;;) {
    position = skipSpace(xml, position);
    const end = xml.startsWith('/>', position) ? position + 2 : xml[position] === '>' ? position + 1 : 0;
    if (end > 0) {
      return { tag: attributes && { localName: name, attributes }, end };
    }
    const attribute = readAttribute(xml, position, attributes !== undefined);
    // A repeated attribute is not well-formed; two readers could each believe a different value.
    if (attribute === undefined || attributes?.has(attribute.name)) {
      return undefined;
    }
    attributes?.set(attribute.name, attribute.value);
    position = attribute.end;
  }
}

/** One `name="value"`; the value is decoded only when it is to be kept (else it is ''). */
function readAttribute(
  xml: string,
  start: number,
  keep: boolean,
): { name: string; value: string; end: number } | undefined {
  const nameEnd = skipName(xml, start);
  if (nameEnd === start) {
    return undefined;
  }
  let position = skipSpace(xml, nameEnd);
  if (xml[position] !== '=') {
    return undefined;
  }
  position = skipSpace(xml, position + 1);
  const quote = xml[position];
  if (quote !== '"' && quote !== "'") {
    return undefined;
  }
  const close = xml.indexOf(quote, position + 1);
  if (close < 0 || contains(xml, position + 1, close, LESS_THAN)) {
    return undefined;
  }
  const value = keep ? decodeEntities(xml.slice(position + 1, close)) : '';
  return value === undefined ? undefined : { name: xml.slice(start, nameEnd), value, end: close + 1 };
}

const LESS_THAN = '<'.charCodeAt(0);

/** Whether the code occurs in xml[from, to): a bounded loop, where indexOf would run on to the end. */
function contains(xml: string, from: number, to: number, code: number): boolean {
  for (let position = from; position < to; position++) {
    if (xml.charCodeAt(position) === code) {
      return true;
    }
  }
  return false;
}

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
/** `&#x10FFFF;` is the longest reference that decodes; anything longer is not one. */
const MAX_ENTITY_LENGTH = 10;

/**
 * Decodes `&amp;`, `&#46;`, `&#x2E;` and the other predefined entities, so a content type cannot
 * hide from a comparison behind a character reference. An unknown or unterminated reference is
 * malformed (undefined).
 */
function decodeEntities(raw: string): string | undefined {
  let decoded = '';
  let position = 0;
  for (;;) {
    const ampersand = raw.indexOf('&', position);
    if (ampersand < 0) {
      return decoded + raw.slice(position);
    }
    const semicolon = raw.indexOf(';', ampersand + 1);
    if (semicolon < 0 || semicolon - ampersand > MAX_ENTITY_LENGTH) {
      return undefined;
    }
    const character = decodeEntity(raw.slice(ampersand + 1, semicolon));
    if (character === undefined) {
      return undefined;
    }
    decoded += raw.slice(position, ampersand) + character;
    position = semicolon + 1;
  }
}

function decodeEntity(entity: string): string | undefined {
  if (!entity.startsWith('#')) {
    return NAMED_ENTITIES[entity];
  }
  const hex = entity[1] === 'x' || entity[1] === 'X';
  const digits = entity.slice(hex ? 2 : 1);
  const valid = digits.length > 0 && [...digits].every((digit) => isDigit(digit, hex));
  const codePoint = valid ? parseInt(digits, hex ? 16 : 10) : NaN;
  return codePoint > 0 && codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : undefined;
}

function isDigit(character: string, hex: boolean): boolean {
  return (
    (character >= '0' && character <= '9') ||
    (hex && ((character >= 'a' && character <= 'f') || (character >= 'A' && character <= 'F')))
  );
}

/** Whitespace and the characters that end a name, by char code; XML's own name rules are wider. */
const NAME_ENDS = new Set([...' \t\n\r<>/="\'&'].map((char) => char.charCodeAt(0)));
const SPACES = new Set([...' \t\n\r'].map((char) => char.charCodeAt(0)));

function skipName(xml: string, start: number): number {
  let position = start;
  while (position < xml.length && !NAME_ENDS.has(xml.charCodeAt(position))) {
    position++;
  }
  return position;
}

function skipSpace(xml: string, start: number): number {
  let position = start;
  while (SPACES.has(xml.charCodeAt(position))) {
    position++;
  }
  return position;
}

function localName(name: string): string {
  return name.slice(name.indexOf(':') + 1);
}
