import { crc32, inflateRawSync } from 'node:zlib';

/**
 * Just enough of the ZIP format to read one small entry of an uploaded archive: the central
 * directory (the authoritative list, not the local headers a streaming reader would trust) and
 * stored or deflated entries. Anything unusual — ZIP64, split archives, encryption, other
 * compression methods, sizes or checksums that do not add up — reads as "not a ZIP we accept".
 */
export interface ZipEntry {
  name: string;
  flags: number;
  method: number;
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

const END_OF_DIRECTORY_SIGNATURE = 0x06054b50;
const END_OF_DIRECTORY_LENGTH = 22;
const MAX_ARCHIVE_COMMENT_LENGTH = 0xffff;
const DIRECTORY_HEADER_SIGNATURE = 0x02014b50;
const DIRECTORY_HEADER_LENGTH = 46;
const LOCAL_HEADER_SIGNATURE = 0x04034b50;
const LOCAL_HEADER_LENGTH = 30;
const FLAG_ENCRYPTED = 0x0001;
const FLAG_UTF8_NAME = 0x0800;
const METHOD_STORED = 0;
const METHOD_DEFLATED = 8;

/** The entries of a single-disk, non-ZIP64 archive, or undefined when its directory is malformed. */
export function readZipDirectory(zip: Buffer): ZipEntry[] | undefined {
  const end = findEndOfDirectory(zip);
  if (end === undefined) {
    return undefined;
  }
  const diskNumber = zip.readUInt16LE(end + 4);
  const directoryDisk = zip.readUInt16LE(end + 6);
  const entriesOnDisk = zip.readUInt16LE(end + 8);
  const entryCount = zip.readUInt16LE(end + 10);
  const directorySize = zip.readUInt32LE(end + 12);
  const directoryOffset = zip.readUInt32LE(end + 16);
  // 0xFFFF / 0xFFFFFFFF mean "see the ZIP64 record"; a document upload never needs ZIP64.
  const isZip64 = entryCount === 0xffff || directorySize === 0xffffffff || directoryOffset === 0xffffffff;
  if (diskNumber !== 0 || directoryDisk !== 0 || entriesOnDisk !== entryCount || isZip64) {
    return undefined;
  }
  const directoryEnd = directoryOffset + directorySize;
  if (directoryEnd > end) {
    return undefined;
  }
  const entries: ZipEntry[] = [];
  let offset = directoryOffset;
  for (let index = 0; index < entryCount; index++) {
    const header = readDirectoryHeader(zip, offset, directoryEnd);
    if (header === undefined) {
      return undefined;
    }
    entries.push(header.entry);
    offset = header.next;
  }
  return entries;
}

/**
 * The entry's bytes, or undefined when it is encrypted, uses another method, is larger than
 * `maxBytes` once inflated (the inflater stops there, so a zip bomb costs at most that much
 * memory), or does not match its recorded size and CRC-32.
 */
export function readZipEntry(zip: Buffer, entry: ZipEntry, maxBytes: number): Buffer | undefined {
  if ((entry.flags & FLAG_ENCRYPTED) !== 0 || entry.uncompressedSize > maxBytes) {
    return undefined;
  }
  const compressed = locateEntryData(zip, entry);
  if (compressed === undefined) {
    return undefined;
  }
  const content = decompress(compressed, entry.method, maxBytes);
  if (content === undefined || content.length !== entry.uncompressedSize || crc32(content) !== entry.crc32) {
    return undefined;
  }
  return content;
}

function findEndOfDirectory(zip: Buffer): number | undefined {
  const lowest = Math.max(0, zip.length - END_OF_DIRECTORY_LENGTH - MAX_ARCHIVE_COMMENT_LENGTH);
  for (let offset = zip.length - END_OF_DIRECTORY_LENGTH; offset >= lowest; offset--) {
    // The comment may itself contain the signature; the real record's comment ends the file exactly.
    if (
      zip.readUInt32LE(offset) === END_OF_DIRECTORY_SIGNATURE &&
      offset + END_OF_DIRECTORY_LENGTH + zip.readUInt16LE(offset + 20) === zip.length
    ) {
      return offset;
    }
  }
  return undefined;
}

function readDirectoryHeader(
  zip: Buffer,
  offset: number,
  directoryEnd: number,
): { entry: ZipEntry; next: number } | undefined {
  if (
    offset + DIRECTORY_HEADER_LENGTH > directoryEnd ||
    zip.readUInt32LE(offset) !== DIRECTORY_HEADER_SIGNATURE
  ) {
    return undefined;
  }
  const flags = zip.readUInt16LE(offset + 8);
  const nameLength = zip.readUInt16LE(offset + 28);
  const extraLength = zip.readUInt16LE(offset + 30);
  const commentLength = zip.readUInt16LE(offset + 32);
  const nameStart = offset + DIRECTORY_HEADER_LENGTH;
  const next = nameStart + nameLength + extraLength + commentLength;
  if (next > directoryEnd) {
    return undefined;
  }
  const entry: ZipEntry = {
    name: decodeName(zip.subarray(nameStart, nameStart + nameLength), flags),
    flags,
    method: zip.readUInt16LE(offset + 10),
    crc32: zip.readUInt32LE(offset + 16),
    compressedSize: zip.readUInt32LE(offset + 20),
    uncompressedSize: zip.readUInt32LE(offset + 24),
    localHeaderOffset: zip.readUInt32LE(offset + 42),
  };
  return { entry, next };
}

/** The entry's compressed bytes, found through its local header, which must name the same file. */
function locateEntryData(zip: Buffer, entry: ZipEntry): Buffer | undefined {
  const header = entry.localHeaderOffset;
  if (header + LOCAL_HEADER_LENGTH > zip.length || zip.readUInt32LE(header) !== LOCAL_HEADER_SIGNATURE) {
    return undefined;
  }
  const nameLength = zip.readUInt16LE(header + 26);
  const extraLength = zip.readUInt16LE(header + 28);
  const nameStart = header + LOCAL_HEADER_LENGTH;
  const dataStart = nameStart + nameLength + extraLength;
  const dataEnd = dataStart + entry.compressedSize;
  if (dataEnd > zip.length) {
    return undefined;
  }
  // Sizes come from the directory: with a data descriptor (flag bit 3) the local header holds zeros.
  const localName = decodeName(zip.subarray(nameStart, nameStart + nameLength), zip.readUInt16LE(header + 6));
  return localName === entry.name ? zip.subarray(dataStart, dataEnd) : undefined;
}

function decompress(data: Buffer, method: number, maxBytes: number): Buffer | undefined {
  if (method === METHOD_STORED) {
    return data;
  }
  if (method !== METHOD_DEFLATED) {
    return undefined;
  }
  try {
    return inflateRawSync(data, { maxOutputLength: maxBytes });
  } catch {
    // Corrupt deflate data, or output past maxBytes (ERR_BUFFER_TOO_LARGE).
    return undefined;
  }
}

function decodeName(bytes: Buffer, flags: number): string {
  // Without the UTF-8 flag names are CP437; the names we look for are ASCII, which both agree on.
  return bytes.toString((flags & FLAG_UTF8_NAME) !== 0 ? 'utf8' : 'latin1');
}
