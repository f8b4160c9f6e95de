import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { LocalFileStorage, newStorageKey } from './file-storage';

async function readAll(stream: Readable | undefined): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream as Readable) {
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

describe('newStorageKey', () => {
  it('makes a two-level key around 128 random bits', () => {
    expect(newStorageKey('jpg')).toMatch(/^([0-9a-f]{2})\/([0-9a-f]{2})\/\1\2[0-9a-f]{28}\.jpg$/);
  });

  it('never repeats itself', () => {
    const keys = new Set(Array.from({ length: 1000 }, () => newStorageKey('pdf')));
    expect(keys.size).toBe(1000);
  });

  it.each(['', 'JPG', '.jpg', 'j/g', 'toolongextension'])('refuses the extension %p', (extension) => {
    expect(() => newStorageKey(extension)).toThrow(/extension/);
  });
});

describe('LocalFileStorage', () => {
  let root: string;
  let storage: LocalFileStorage;

  beforeEach(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'file-storage-'));
    storage = new LocalFileStorage(path.join(root, 'uploads'));
  });

  afterEach(async () => {
    await fs.rm(root, { recursive: true, force: true });
  });

  it('stores, reads back and deletes a file', async () => {
    const key = newStorageKey('pdf');
    const content = Buffer.from('%PDF-1.4 fixture');

    await storage.put(key, content, 'application/pdf');
    expect(await storage.get(key)).toEqual(content);

    await storage.delete(key);
    expect(await storage.get(key)).toBeUndefined();
  });

  it('keeps the file under the uploads directory at the key, with no temporary file left', async () => {
    const key = newStorageKey('png');

    await storage.put(key, Buffer.from('png'), 'image/png');

    const directory = path.join(root, 'uploads', path.dirname(key));
    expect(await fs.readdir(directory)).toEqual([path.basename(key)]);
  });

  it('replaces a file written twice under one key', async () => {
    const key = newStorageKey('jpg');

    await storage.put(key, Buffer.from('first'), 'image/jpeg');
    await storage.put(key, Buffer.from('second'), 'image/jpeg');

    expect(await storage.get(key)).toEqual(Buffer.from('second'));
  });

  it('stores a stream chunk by chunk and reads it back whole or by inclusive range', async () => {
    const key = newStorageKey('csv');
    async function* chunks() {
      for (let i = 0; i < 100; i += 1) {
        await Promise.resolve(); // each row produced asynchronously, as from a database
        yield Buffer.from(`row ${String(i).padStart(3, '0')}\n`);
      }
    }

    expect(await storage.putStream(key, chunks(), 'text/csv')).toBe(800);

    expect(await readAll(await storage.getStream(key))).toEqual(await storage.get(key));
    expect((await readAll(await storage.getStream(key, { start: 8, end: 15 }))).toString()).toBe('row 001\n');
    expect((await readAll(await storage.getStream(key, { start: 799, end: 799 }))).toString()).toBe('\n');
    expect(await storage.getStream(newStorageKey('csv'))).toBeUndefined();
  });

  it('leaves nothing under the key, and no temporary file, when the stream fails half-way', async () => {
    const key = newStorageKey('csv');
    async function* failing() {
      yield Buffer.from('half a ledger\n');
      await Promise.resolve();
      throw new Error('database went away');
    }

    await expect(storage.putStream(key, failing(), 'text/csv')).rejects.toThrow('database went away');

    expect(await storage.get(key)).toBeUndefined();
    expect(await fs.readdir(path.join(root, 'uploads', path.dirname(key)))).toEqual([]);
  });

  it('answers undefined for a key that was never stored, and deletes it without complaint', async () => {
    const key = newStorageKey('jpg');

    expect(await storage.get(key)).toBeUndefined();
    await expect(storage.delete(key)).resolves.toBeUndefined();
  });

  it.each([
    '../outside.txt',
    'ab/../../outside.txt',
    'ab/..',
    '/etc/passwd',
    path.join(os.tmpdir(), 'x.jpg'),
    'ab\\..\\x.jpg',
    'ab//x.jpg',
    '.hidden',
    'ab/.x.jpg.tmp',
    'AB/cd/x.jpg',
    'ab/cd/x.jpg\0.png',
    '',
  ])('refuses the key %p before touching the disk', async (key) => {
    await expect(storage.put(key, Buffer.from('x'), 'text/plain')).rejects.toThrow(/storage key/i);
    await expect(storage.get(key)).rejects.toThrow(/storage key/i);
    await expect(storage.delete(key)).rejects.toThrow(/storage key/i);
    await expect(storage.putStream(key, Readable.from([Buffer.from('x')]), 'text/plain')).rejects.toThrow(
      /storage key/i,
    );
    await expect(storage.getStream(key)).rejects.toThrow(/storage key/i);
    expect(await fs.readdir(root)).toEqual([]);
  });
});
