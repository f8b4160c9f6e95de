import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Keyring } from '../common/crypto/keyring';
import { networkPrefix } from '../common/http/network-prefix';

const FLUSH_INTERVAL_MS = 5_000;
const PURGE_INTERVAL_MS = 3_600_000;
/** Past this many distinct views waiting, flush at once rather than grow until the timer. */
const MAX_PENDING = 20_000;

export interface Viewer {
  address: string;
  userAgent: string | undefined;
}

/**
 * Counts a view once per practice, per day (UTC) and per viewer: a keyed hash of the viewer's network
 * and user agent, never the address. Views are collected in memory and written every few seconds in
 * one statement that inserts them into practice_views (its primary key drops a view already counted
 * that day, by any instance) and adds only the new ones to practices.view_count. Reading a practice
 * therefore never waits on a write, and reloading it does not make it more popular. Rows older than
 * two days are purged (hourly, by each instance; deleting is idempotent).
 */
@Injectable()
export class ViewCounter implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ViewCounter.name);
  private pending = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private lastPurge = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly keyring: Keyring,
  ) {}

  count(practiceId: string, viewer: Viewer): void {
    const network = networkPrefix(viewer.address) ?? viewer.address;
    const viewerHash = this.keyring.keyedHash('practice-view', `${network}\n${viewer.userAgent ?? ''}`);
    this.pending.add(`${practiceId} ${new Date().toISOString().slice(0, 10)} ${viewerHash}`);
    if (this.pending.size >= MAX_PENDING) {
      void this.flush();
    }
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.flush(), FLUSH_INTERVAL_MS).unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }

  async flush(): Promise<void> {
    await this.purgeHourly();
    if (this.pending.size === 0) {
      return;
    }
    const batch = this.pending;
    this.pending = new Set();
    const columns: [string[], string[], string[]] = [[], [], []];
    for (const view of batch) {
      view.split(' ').forEach((value, i) => columns[i].push(value));
    }
    try {
      await this.dataSource.query(
        `WITH fresh AS (
           INSERT INTO practice_views (practice_id, day, viewer_hash)
           SELECT v.practice_id, v.day, v.viewer_hash
             FROM unnest($1::uuid[], $2::date[], $3::text[]) AS v(practice_id, day, viewer_hash)
             JOIN practices p ON p.id = v.practice_id
           ON CONFLICT DO NOTHING
           RETURNING practice_id)
         UPDATE practices p SET view_count = p.view_count + f.n
           FROM (SELECT practice_id, count(*)::int AS n FROM fresh GROUP BY practice_id) f
          WHERE p.id = f.practice_id`,
        columns,
      );
    } catch (error) {
      // Put the views back: a later flush tries again (the primary key keeps that from counting twice).
      batch.forEach((view) => this.pending.add(view));
      this.logger.warn({ error: (error as Error).message }, 'view count flush failed');
    }
  }

  /** Deletes the views of days before yesterday (UTC): they can no longer be repeated. */
  async purge(): Promise<number> {
    const [, deleted] = await this.dataSource.query<[unknown[], number]>(
      `DELETE FROM practice_views WHERE day < (now() AT TIME ZONE 'UTC')::date - 1`,
    );
    return deleted;
  }

  private async purgeHourly(): Promise<void> {
    if (Date.now() - this.lastPurge < PURGE_INTERVAL_MS) {
      return;
    }
    this.lastPurge = Date.now();
    try {
      await this.purge();
    } catch (error) {
      this.logger.warn({ error: (error as Error).message }, 'view purge failed');
    }
  }
}
