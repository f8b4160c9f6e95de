import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { OutageBackoff } from '../database/outage-backoff';
import { OutboxService } from '../notifications/outbox.service';
import { Contest } from './entities/contest.entity';
import { resolveText } from './localized-text';

const POLL_MS = 30_000;
/** Longest pause between passes while the database is away. */
const MAX_OUTAGE_POLL_MS = 120_000;

type Announcement = 'entries' | 'voting';

const CLAIM: Record<Announcement, string> = {
  entries: `UPDATE contests SET entries_announced_at = now()
             WHERE entries_announced_at IS NULL AND entries_open_at <= now() AND entries_close_at > now()
               AND results_published_at IS NULL RETURNING *`,
  voting: `UPDATE contests SET voting_announced_at = now()
            WHERE voting_announced_at IS NULL AND voting_opens_at <= now() AND voting_closes_at > now()
              AND results_published_at IS NULL RETURNING *`,
};

/**
 * Tells representatives and subscribers when a contest opens for entries and for voting. Every
 * instance polls; the UPDATE … RETURNING claims a contest for exactly one of them, and the emails are
 * queued in that same transaction, so each announcement goes out once.
 */
@Injectable()
export class ContestAnnouncer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ContestAnnouncer.name);
  private readonly backoff = new OutageBackoff(this.logger, MAX_OUTAGE_POLL_MS);
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
  ) {}

  onApplicationBootstrap(): void {
    this.schedule(POLL_MS);
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  /** Polls every POLL_MS; slower while the database is away, back to normal after a pass succeeds. */
  private schedule(delayMs: number): void {
    if (this.stopped) {
      return;
    }
    this.timer = setTimeout(() => {
      this.announceDue().then(
        () => {
          this.backoff.succeeded();
          this.schedule(POLL_MS);
        },
        (error: unknown) => this.schedule(this.backoff.failed(error, POLL_MS)),
      );
    }, delayMs).unref();
  }

  /** One pass; returns how many announcements were queued. */
  async announceDue(): Promise<number> {
    let announced = 0;
    for (const kind of ['entries', 'voting'] as const) {
      announced += await this.dataSource.transaction(async (manager) => {
        const [rows] = await manager.query<[Record<string, unknown>[], number]>(CLAIM[kind]);
        for (const row of rows) {
          await this.announce(manager, kind, row);
        }
        return rows.length;
      });
    }
    return announced;
  }

  private async announce(
    manager: EntityManager,
    kind: Announcement,
    row: Record<string, unknown>,
  ): Promise<void> {
    const contest = { id: row.id as string, title: row.title as Contest['title'] };
    const recipients = await manager.query<
      { id: string; email: string; full_name: string; locale: 'ky' | 'ru' | 'en' }[]
    >(
      `SELECT u.id, u.email, u.full_name, u.locale FROM users u
        WHERE u.blocked_at IS NULL AND u.email_confirmed_at IS NOT NULL
          AND ((u.notification_preferences ->> 'contestNews')::boolean IS NOT FALSE
               OR EXISTS (SELECT 1 FROM representative_memberships r WHERE r.user_id = u.id AND r.status = 'approved'))`,
    );
    for (const user of recipients) {
      await this.outbox.enqueue(manager, {
        to: user.email,
        locale: user.locale,
        template: 'contest-announcement',
        vars: { fullName: user.full_name, contest: resolveText(contest.title, user.locale), [kind]: true },
        actionPath: `/api/v1/contests/${contest.id}`,
        unsubscribe: { userId: user.id, preference: 'contestNews' },
      });
    }
    this.logger.log({ contestId: contest.id, kind, recipients: recipients.length }, 'contest announced');
  }
}
