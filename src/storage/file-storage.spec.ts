import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { LocalFileStorage, newStorageKey } from './file-storage';

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
    expect(await fs.readdir(root)).toEqual([]);
  });
});
