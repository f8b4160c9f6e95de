import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';

const FLUSH_INTERVAL_MS = 5_000;

/**
 * Counts views in memory and adds them to practices.view_count in one statement every few seconds,
 * so reading a practice never waits on a write (nor contends on a popular row). Additive, so every
 * instance may flush its own counts; the last few seconds are flushed at shutdown.
 */
@Injectable()
export class ViewCounter implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ViewCounter.name);
  private pending = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly dataSource: DataSource) {}

  count(practiceId: string): void {
    this.pending.set(practiceId, (this.pending.get(practiceId) ?? 0) + 1);
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.flush(), FLUSH_INTERVAL_MS).unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }

  async flush(): Promise<void> {
    if (this.pending.size === 0) {
      return;
    }
    const batch = this.pending;
    this.pending = new Map();
    try {
      await this.dataSource.query(
        `UPDATE practices p SET view_count = p.view_count + v.n
           FROM unnest($1::uuid[], $2::int[]) AS v(id, n) WHERE p.id = v.id`,
        [[...batch.keys()], [...batch.values()]],
      );
    } catch (error) {
      // Put the counts back: a later flush tries again.
      for (const [id, n] of batch) {
        this.pending.set(id, (this.pending.get(id) ?? 0) + n);
      }
      this.logger.warn({ error: (error as Error).message }, 'view count flush failed');
    }
  }
}
