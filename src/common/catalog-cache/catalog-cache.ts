import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';

interface Entry {
  expiresAt: number;
  page: Promise<Buffer>;
}

/**
 * Catalog pages kept in memory for a few seconds (CATALOG_CACHE_TTL_MS), because in the last days of
 * a contest thousands of citizens open the same first pages and filters at once. Pages are kept as
 * the UTF-8 JSON bytes sent to clients: serializing and encoding a 20 KB page on every hit cost more
 * CPU than all the rest of the request.
 *
 * - Identical requests that arrive while a page is being read share that one query (the promise is
 *   stored before it settles), so a burst costs one statement, not one per citizen.
 * - Approving or archiving a practice and renaming a municipality clear it at once on this instance;
 *   other instances catch up within the TTL, as do view counts (flushed every few seconds anyway).
 * - A failed read is never kept; the least recently used page goes first past the size limit.
 */
@Injectable()
export class CatalogCache {
  private readonly entries = new Map<string, Entry>();
  private readonly ttlMs: number;
  private readonly maxEntries: number;

  constructor(config: AppConfig) {
    this.ttlMs = config.catalog.cacheTtlMs;
    this.maxEntries = config.catalog.cacheMaxEntries;
  }

  page(key: string, read: () => Promise<Buffer>): Promise<Buffer> {
    if (this.ttlMs === 0) {
      return read();
    }
    const now = Date.now();
    const cached = this.entries.get(key);
    this.entries.delete(key);
    if (cached && cached.expiresAt > now) {
      this.entries.set(key, cached); // re-inserted: Map order is the recency order
      return cached.page;
    }
    const entry: Entry = { expiresAt: now + this.ttlMs, page: read() };
    this.entries.set(key, entry);
    this.evictBeyondLimit();
    entry.page.catch(() => {
      if (this.entries.get(key) === entry) {
        this.entries.delete(key);
      }
    });
    return entry.page;
  }

  /** The catalog changed: the next request of every page reads it again. */
  clear(): void {
    this.entries.clear();
  }

  private evictBeyondLimit(): void {
    for (const key of this.entries.keys()) {
      if (this.entries.size <= this.maxEntries) {
        return;
      }
      this.entries.delete(key);
    }
  }
}
