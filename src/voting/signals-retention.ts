import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';

const POLL_MS = 3_600_000;

/**
 * Claims the contests whose results were published more than a year ago and whose signals are still
 * kept. The UPDATE … RETURNING claims each for exactly one instance: a concurrent one waits for the
 * row lock, then finds `signals_purged_at` set and skips it.
 */
const CLAIM_SQL = `
  UPDATE contests SET signals_purged_at = now()
   WHERE signals_purged_at IS NULL AND results_published_at < now() - interval '1 year'
  RETURNING id`;

const PURGE_SQL = `
  UPDATE votes SET network_hash = NULL, user_agent_hash = NULL, account_age_days = NULL
   WHERE contest_id = $1
     AND (network_hash IS NOT NULL OR user_agent_hash IS NOT NULL OR account_age_days IS NOT NULL)`;

/**
 * §5 retention: fraud signals (network and user-agent hashes, account age) are kept until publication
 * plus one year, then erased from the votes; the votes themselves, the ledger and the results stay.
 * Every instance polls hourly; each contest is purged once, in one transaction with its audit entry.
 */
@Injectable()
export class SignalsRetention implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SignalsRetention.name);
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.purgeDue().catch(() => undefined), POLL_MS).unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** One pass; returns the ids of the contests this instance purged. */
  async purgeDue(): Promise<string[]> {
    return this.dataSource.transaction(async (manager) => {
      const [claimed] = await manager.query<[{ id: string }[], number]>(CLAIM_SQL);
      for (const { id } of claimed) {
        const [, votes] = await manager.query<[unknown[], number]>(PURGE_SQL, [id]);
        await this.audit.record(manager, {
          actorId: null,
          action: 'contest.signals_purged',
          objectType: 'contest',
          objectId: id,
          details: { votes },
        });
        this.logger.log({ contestId: id, votes }, 'fraud signals purged');
      }
      return claimed.map(({ id }) => id);
    });
  }
}
