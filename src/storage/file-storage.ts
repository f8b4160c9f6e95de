import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppConfig } from '../config/app-config';

/**
 * Where uploaded bytes live. The database keeps only the key; a key comes from `newStorageKey`
 * and is never built from anything a user sent. LocalFileStorage keeps files under
 * DATA_DIR/uploads; an S3-compatible implementation (PutObject with the content type, GetObject,
 * DeleteObject) can replace it without changing any caller.
 */
export abstract class FileStorage {
  abstract put(key: string, content: Buffer, contentType: string): Promise<void>;
  /**
   * Stores everything `content` yields, never holding more than a chunk: for files too large for
   * memory (a national vote's ledger). Returns the number of bytes written. Like `put`, the key
   * names the whole file or nothing, also when `content` throws half-way.
   */
  abstract putStream(key: string, content: AsyncIterable<Uint8Array>, contentType: string): Promise<number>;
  /** undefined when nothing is stored under the key. */
  abstract get(key: string): Promise<Buffer | undefined>;
  /**
   * The stored bytes as a stream, or only `range` (inclusive offsets, as in HTTP and S3's GetObject
   * Range); undefined when nothing is stored under the key.
   */
  abstract getStream(key: string, range?: ByteRange): Promise<Readable | undefined>;
  /** Deleting a missing key is not an error, so a retried clean-up is harmless. */
  abstract delete(key: string): Promise<void>;
}

/** Inclusive byte offsets, `end` < the file's size. */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * A fresh, unguessable key such as `3f/a0/3fa0…c1.jpg`: 128 random bits, so a file's address
 * reveals nothing and cannot be found by counting. The two directory levels keep any one
 * directory small.
 */
export function newStorageKey(extension: string): string {
  if (!/^[a-z0-9]{1,10}$/.test(extension)) {
    throw new Error(`Storage key extension "${extension}" must be 1 to 10 lower-case letters or digits`);
  }
  const id = randomBytes(16).toString('hex');
  return `${id.slice(0, 2)}/${id.slice(2, 4)}/${id}.${extension}`;
}

/** Lower-case segments that never start with a dot: no `..`, no hidden or temporary files. */
const KEY_PATTERN = /^[a-z0-9][a-z0-9._-]*(?:\/[a-z0-9][a-z0-9._-]*)*$/;
const MAX_KEY_LENGTH = 255;

export class LocalFileStorage extends FileStorage {
  private readonly root: string;

  constructor(root: string) {
    super();
    this.root = path.resolve(root);
  }

  /** The file system keeps no content type: callers record the sniffed type beside the key. */
  async put(key: string, content: Buffer, _contentType: string): Promise<void> {
    const target = this.pathOf(key);
    const directory = path.dirname(target);
    await fs.mkdir(directory, { recursive: true });
    // Written beside the target and renamed into place: a reader never sees half a file, and a
    // crash leaves a dot-file that no key can name.
    const temporary = temporaryPathOf(target);
    try {
      await writeDurably(temporary, content);
      await fs.rename(temporary, target);
    } catch (error) {
      await fs.rm(temporary, { force: true });
      throw error;
    }
  }

  async putStream(key: string, content: AsyncIterable<Uint8Array>, _contentType: string): Promise<number> {
    const target = this.pathOf(key);
    const directory = path.dirname(target);
    await fs.mkdir(directory, { recursive: true });
    const temporary = temporaryPathOf(target);
    let bytes = 0;
    const counted = async function* () {
      for await (const chunk of content) {
        bytes += chunk.length;
        yield chunk;
      }
    };
    try {
      await pipeline(Readable.from(counted()), createWriteStream(temporary, { flags: 'wx', mode: 0o640 }));
      await syncFile(temporary);
      await fs.rename(temporary, target);
    } catch (error) {
      await fs.rm(temporary, { force: true });
      throw error;
    }
    return bytes;
  }

  async getStream(key: string, range?: ByteRange): Promise<Readable | undefined> {
    let handle: fs.FileHandle;
    try {
      // Opened before the stream is handed out, so a missing file is undefined here, not a stream error.
      handle = await fs.open(this.pathOf(key), 'r');
    } catch (error) {
      if (isMissingFile(error)) {
        return undefined;
      }
      throw error;
    }
    return createReadStream('', { fd: handle, ...(range ? { start: range.start, end: range.end } : {}) });
  }

  async get(key: string): Promise<Buffer | undefined> {
    try {
      return await fs.readFile(this.pathOf(key));
    } catch (error) {
      if (isMissingFile(error)) {
        return undefined;
      }
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    try {
      await fs.unlink(this.pathOf(key));
    } catch (error) {
      if (!isMissingFile(error)) {
        throw error;
      }
    }
  }

  /** Keys are ours, so a bad one is a programming error, refused before it reaches the disk. */
  private pathOf(key: string): string {
    if (key.length > MAX_KEY_LENGTH || !KEY_PATTERN.test(key) || key.includes('..')) {
      throw new Error(`Invalid storage key "${key}"`);
    }
    const resolved = path.resolve(this.root, key);
    // The pattern already rules out escaping the root; this check keeps it so if the pattern changes.
    if (!resolved.startsWith(this.root + path.sep)) {
      throw new Error(`Storage key "${key}" leaves the storage directory`);
    }
    return resolved;
  }
}

/** fsync through a fresh descriptor: it flushes the file's data, whichever descriptor wrote it. */
async function syncFile(file: string): Promise<void> {
  const handle = await fs.open(file, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function temporaryPathOf(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(8).toString('hex')}.tmp`);
}

/** Flushed before the rename, so after a power loss the key names the whole file or nothing. */
async function writeDurably(file: string, content: Buffer): Promise<void> {
  const handle = await fs.open(file, 'wx', 0o640);
  try {
    await handle.writeFile(content);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function isMissingFile(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

export function createFileStorage(config: AppConfig): FileStorage {
  return new LocalFileStorage(path.join(config.storage.dataDir, 'uploads'));
}
