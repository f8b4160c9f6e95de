import { Logger } from '@nestjs/common';
import { isDatabaseUnavailable } from './database-unavailable';

/**
 * Pacing for a background loop (outbox worker, scheduled jobs) while the database is away: the pause
 * between passes doubles from the loop's own interval up to `maxDelayMs`, with one log line when the
 * outage starts and one when a pass succeeds again. Nothing is given up: the loop keeps trying and
 * resumes its normal pace by itself. Other errors are logged each time at the normal interval.
 */
export class OutageBackoff {
  private consecutiveOutages = 0;

  constructor(
    private readonly logger: Logger,
    private readonly maxDelayMs: number,
  ) {}

  get databaseAway(): boolean {
    return this.consecutiveOutages > 0;
  }

  succeeded(): void {
    if (this.consecutiveOutages > 0) {
      this.logger.log({ failedPasses: this.consecutiveOutages }, 'database reachable again; resuming');
      this.consecutiveOutages = 0;
    }
  }

  /** Records a failed pass; returns how long to wait before the next one. */
  failed(error: unknown, intervalMs: number): number {
    if (!isDatabaseUnavailable(error)) {
      this.logger.warn({ error: error instanceof Error ? error.message : String(error) }, 'pass failed');
      return intervalMs;
    }
    if (this.consecutiveOutages === 0) {
      this.logger.warn(
        { error: error instanceof Error ? error.message : String(error) },
        'database unreachable; backing off until it is back',
      );
    }
    this.consecutiveOutages += 1;
    const delay = Math.max(intervalMs, 50) * 2 ** Math.min(this.consecutiveOutages, 20);
    return Math.min(delay, Math.max(this.maxDelayMs, intervalMs));
  }
}
