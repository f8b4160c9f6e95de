import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../config/app-config';
import { CatalogCache } from './catalog-cache';

const cacheWith = (env: Record<string, string>) =>
  new CatalogCache(loadConfig({ DATA_DIR: mkdtempSync(join(tmpdir(), 'portal-cache-')), ...env }));

/** A reader that counts its calls and answers a page naming the call. */
function counter() {
  const reader = {
    calls: 0,
    read: () => {
      reader.calls += 1;
      return Promise.resolve(Buffer.from(`read ${reader.calls}`));
    },
  };
  return reader;
}

describe('CatalogCache', () => {
  afterEach(() => jest.useRealTimers());

  it('reads a page once while it is fresh, and again after CATALOG_CACHE_TTL_MS', async () => {
    jest.useFakeTimers({ now: 1_000_000 });
    const cache = cacheWith({ CATALOG_CACHE_TTL_MS: '5000' });
    const reader = counter();
    expect(String(await cache.page('a', reader.read))).toBe('read 1');
    jest.setSystemTime(1_004_999);
    expect(String(await cache.page('a', reader.read))).toBe('read 1');
    jest.setSystemTime(1_005_000);
    expect(String(await cache.page('a', reader.read))).toBe('read 2');
    expect(reader.calls).toBe(2);
  });

  it('lets identical requests in flight share one read, and keeps distinct keys apart', async () => {
    const cache = cacheWith({});
    let release!: (page: Buffer) => void;
    let calls = 0;
    const slow = () => {
      calls += 1;
      return new Promise<Buffer>((resolve) => (release = resolve));
    };
    const pages = [cache.page('a', slow), cache.page('a', slow), cache.page('a', slow)];
    expect(calls).toBe(1);
    release(Buffer.from('shared'));
    expect((await Promise.all(pages)).map(String)).toEqual(['shared', 'shared', 'shared']);
    const other = counter();
    await cache.page('b', other.read);
    expect(other.calls).toBe(1);
  });

  it('never keeps a failed read', async () => {
    const cache = cacheWith({});
    await expect(cache.page('a', () => Promise.reject(new Error('pool exhausted')))).rejects.toThrow(
      'pool exhausted',
    );
    const reader = counter();
    expect(String(await cache.page('a', reader.read))).toBe('read 1');
  });

  it('forgets the least recently used page past CATALOG_CACHE_MAX_ENTRIES', async () => {
    const cache = cacheWith({ CATALOG_CACHE_MAX_ENTRIES: '2' });
    const reader = counter();
    await cache.page('a', reader.read);
    await cache.page('b', reader.read);
    await cache.page('a', reader.read); // a is now the most recent
    await cache.page('c', reader.read); // evicts b
    expect(reader.calls).toBe(3);
    await cache.page('a', reader.read);
    await cache.page('b', reader.read);
    expect(reader.calls).toBe(4);
  });

  it('reads again after clear(), and on every request with CATALOG_CACHE_TTL_MS=0', async () => {
    const cache = cacheWith({});
    const reader = counter();
    await cache.page('a', reader.read);
    cache.clear();
    await cache.page('a', reader.read);
    expect(reader.calls).toBe(2);

    const uncached = cacheWith({ CATALOG_CACHE_TTL_MS: '0' });
    const direct = counter();
    await Promise.all([uncached.page('a', direct.read), uncached.page('a', direct.read)]);
    expect(direct.calls).toBe(2);
  });
});
