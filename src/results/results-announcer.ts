import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ContestsRepository } from '../contests/contests.repository';
import { resolveText } from '../contests/localized-text';
import { OutboxService } from '../notifications/outbox.service';
import { ResultsRepository } from './results.repository';

const POLL_MS = 30_000;
const BATCH = 1_000;

/**
 * Tells a contest's voters and representatives that its results are out. A national vote has
 * hundreds of thousands of them: queued in the publication's transaction, their emails made
 * publication take over a minute (200,000 rendered and inserted). So publication only commits the
 * results, and this queues the emails after it, a batch per transaction: the batch's emails and
 * the progress (`announced_through`, the last user id) commit together, so a crash or a restart
 * resumes where it stopped and nobody is told twice. The row lock (SKIP LOCKED) keeps two instances
 * off the same contest. Started right after a publication, and polled for anything left over.
 */
@Injectable()
export class ResultsAnnouncer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ResultsAnnouncer.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopping = false;
  private again = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly results: ResultsRepository,
    private readonly contests: ContestsRepository,
    private readonly outbox: OutboxService,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.kick(), POLL_MS).unref();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    clearInterval(this.timer);
    await this.running; // a batch in flight finishes (or rolls back) before the pool closes
  }

  /**
   * Starts a pass, or asks the running one for another round (it listed its contests when it
   * began, so a publication meanwhile would wait for the next poll). Resolves when the work ends;
   * never rejects.
   */
  kick(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.announcePending().catch((error: unknown) =>
          this.logger.error({ err: error }, 'results announcement failed; retried later'),
        );
      } while (this.again && !this.stopping);
    })().finally(() => (this.running = undefined));
    return this.running;
  }

  private async announcePending(): Promise<void> {
    for (const contestId of await this.results.unannounced()) {
      let queued = 0;
      for (let more = true; more && !this.stopping;) {
        const batch = await this.nextBatch(contestId);
        queued += batch.queued;
        more = batch.more;
      }
      if (queued > 0) {
        this.logger.log({ contestId, queued }, 'results announced');
      }
    }
  }

  private nextBatch(contestId: string): Promise<{ queued: number; more: boolean }> {
    return this.dataSource.transaction(async (manager) => {
      const progress = await this.results.lockAnnouncement(manager, contestId);
      const contest = progress && (await this.contests.findById(contestId, manager));
      if (!progress || !contest) {
        return { queued: 0, more: false };
      }
      const users = await this.results.recipientsAfter(manager, contestId, progress.announced_through, BATCH);
      await this.outbox.enqueueMany(
        manager,
        users.map((user) => ({
          to: user.email,
          locale: user.locale,
          template: 'results-published',
          vars: { fullName: user.full_name, contest: resolveText(contest.title, user.locale) },
          actionPath: `/api/v1/contests/${contestId}/results`,
          unsubscribe: { userId: user.id, preference: 'contestNews' },
        })),
      );
      const more = users.length === BATCH;
      await this.results.setAnnounced(
        manager,
        contestId,
        users.at(-1)?.id ?? progress.announced_through,
        !more,
      );
      return { queued: users.length, more };
    });
  }
}
