import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { AppConfig } from '../config/app-config';

/**
 * Where uploaded bytes live. The database keeps only the key; a key comes from `newStorageKey`
 * and is never built from anything a user sent. LocalFileStorage keeps files under
 * DATA_DIR/uploads; an S3-compatible implementation (PutObject with the content type, GetObject,
 * DeleteObject) can replace it without changing any caller.
 */
export abstract class FileStorage {
  abstract put(key: string, content: Buffer, contentType: string): Promise<void>;
  /** undefined when nothing is stored under the key. */
  abstract get(key: string): Promise<Buffer | undefined>;
  /** Deleting a missing key is not an error, so a retried clean-up is harmless. */
  abstract delete(key: string): Promise<void>;
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
    const temporary = path.join(directory, `.${path.basename(target)}.${randomBytes(8).toString('hex')}.tmp`);
    try {
      await writeDurably(temporary, content);
      await fs.rename(temporary, target);
    } catch (error) {
      await fs.rm(temporary, { force: true });
      throw error;
    }
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
