import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ContestResult } from '../contests/entities/contest-result.entity';

export interface EntryTallyRow {
  entry_id: string;
  number: number;
  nomination_id: string;
  practice_id: string;
  title: string;
  municipality_id: string;
  m_ky: string | null;
  m_ru: string | null;
  m_en: string | null;
  votes: number;
  reached_at: Date | null;
}

export interface LedgerRow {
  number: number;
  voter_id: string;
  cast_at: Date;
  annulled: boolean;
}

export interface Recipient {
  id: string;
  email: string;
  full_name: string;
  locale: 'ky' | 'ru' | 'en';
}

@Injectable()
export class ResultsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Publication and recount read every vote: the first FETCH of the ledger's cursor sorts them all
   * (a few seconds at a million votes). Their transaction gets ten minutes a statement instead of
   * the API's DATABASE_STATEMENT_TIMEOUT_MS, for this transaction only.
   */
  async allowLongStatements(manager: EntityManager): Promise<void> {
    await manager.query(`SET LOCAL statement_timeout = '10min'`);
  }

  /**
   * Accepted entries with their counted votes and the time each reached its final count. The votes
   * are counted by one GROUP BY before the join, so a million votes never leave PostgreSQL.
   */
  entryTallies(manager: EntityManager | DataSource, contestId: string): Promise<EntryTallyRow[]> {
    return manager.query(
      `WITH counted AS (
         SELECT entry_id, count(*)::int AS votes, max(cast_at) AS reached_at
           FROM votes WHERE contest_id = $1 AND annulled_at IS NULL GROUP BY entry_id)
       SELECT e.id AS entry_id, e.number, e.nomination_id, p.id AS practice_id, p.title, m.id AS municipality_id,
              m.name_ky AS m_ky, m.name_ru AS m_ru, m.name_en AS m_en,
              coalesce(c.votes, 0) AS votes, c.reached_at
         FROM contest_entries e
         JOIN practices p ON p.id = e.practice_id
         JOIN municipalities m ON m.id = p.municipality_id
         LEFT JOIN counted c ON c.entry_id = e.id
        WHERE e.contest_id = $1 AND e.status = 'accepted'
        ORDER BY e.number`,
      [contestId],
    );
  }

  /**
   * Every vote of the contest in cast_at order, `batchSize` at a time, through a server-side cursor:
   * PostgreSQL sorts once and Node holds one batch. `manager` must be inside a transaction (a
   * cursor lives as long as its transaction).
   */
  async *ledgerRows(
    manager: EntityManager,
    contestId: string,
    batchSize = 5_000,
  ): AsyncGenerator<LedgerRow[]> {
    yield* cursorBatches<LedgerRow>(
      manager,
      'ledger_votes',
      `SELECT e.number, v.voter_id, v.cast_at, v.annulled_at IS NOT NULL AS annulled
         FROM votes v JOIN contest_entries e ON e.id = v.entry_id
        WHERE v.contest_id = $1 ORDER BY v.cast_at`,
      [contestId],
      batchSize,
    );
  }

  async turnout(manager: EntityManager, contestId: string) {
    const [row] = await manager.query<
      { voters: number; votes: number; annulled: number; idle_verified: number }[]
    >(
      `SELECT count(DISTINCT voter_id) FILTER (WHERE annulled_at IS NULL)::int AS voters,
              count(*) FILTER (WHERE annulled_at IS NULL)::int AS votes,
              count(*) FILTER (WHERE annulled_at IS NOT NULL)::int AS annulled,
              (SELECT count(*)::int FROM users u
                WHERE u.voter_verified_at IS NOT NULL AND u.blocked_at IS NULL
                  AND NOT EXISTS (SELECT 1 FROM votes w WHERE w.contest_id = $1 AND w.voter_id = u.id)) AS idle_verified
         FROM votes WHERE contest_id = $1`,
      [contestId],
    );
    return row;
  }

  /** Published results whose announcements have not all been queued yet. */
  async unannounced(): Promise<string[]> {
    const rows: { contest_id: string }[] = await this.dataSource.query(
      'SELECT contest_id FROM contest_results WHERE announced_at IS NULL ORDER BY published_at',
    );
    return rows.map((row) => row.contest_id);
  }

  /** Locks the announcement's progress (another instance at it: undefined, skipped). */
  async lockAnnouncement(
    manager: EntityManager,
    contestId: string,
  ): Promise<{ announced_through: string | null } | undefined> {
    const rows: { announced_through: string | null }[] = await manager.query(
      `SELECT announced_through FROM contest_results
        WHERE contest_id = $1 AND announced_at IS NULL FOR UPDATE SKIP LOCKED`,
      [contestId],
    );
    return rows[0];
  }

  /**
   * The next `limit` people to tell about the results, in id order after `after`: the voters and the
   * representatives who entered, not blocked, who want contest news. Walks users by primary key and
   * probes the contest's votes by (contest_id, voter_id), so each batch costs what it returns.
   */
  recipientsAfter(manager: EntityManager, contestId: string, after: string | null, limit: number) {
    return manager.query<Recipient[]>(
      `SELECT u.id, u.email, u.full_name, u.locale FROM users u
        WHERE u.id > coalesce($2::uuid, '00000000-0000-0000-0000-000000000000')
          AND u.blocked_at IS NULL AND (u.notification_preferences ->> 'contestNews')::boolean IS NOT FALSE
          AND (EXISTS (SELECT 1 FROM votes v WHERE v.contest_id = $1 AND v.voter_id = u.id)
               OR EXISTS (SELECT 1 FROM contest_entries e WHERE e.contest_id = $1 AND e.submitted_by = u.id))
        ORDER BY u.id LIMIT $3`,
      [contestId, after, limit],
    );
  }

  async setAnnounced(manager: EntityManager, contestId: string, through: string | null, done: boolean) {
    await manager.query(
      `UPDATE contest_results SET announced_through = $2, announced_at = CASE WHEN $3 THEN now() END
        WHERE contest_id = $1`,
      [contestId, through, done],
    );
  }

  /** Published results whose ledger still sits in the row, from before ledgers moved to the file storage. */
  async contestsWithLedgerInRow(): Promise<string[]> {
    const rows: { contest_id: string }[] = await this.dataSource.query(
      'SELECT contest_id FROM contest_results WHERE ledger_csv IS NOT NULL ORDER BY published_at',
    );
    return rows.map((row) => row.contest_id);
  }

  /** Locks one such row (another instance moving it meanwhile: undefined, it is skipped). */
  async lockLedgerInRow(
    manager: EntityManager,
    contestId: string,
  ): Promise<{ ledger_csv: string; ledger_sha256: string } | undefined> {
    const rows: { ledger_csv: string; ledger_sha256: string }[] = await manager.query(
      `SELECT ledger_csv, ledger_sha256 FROM contest_results
        WHERE contest_id = $1 AND ledger_csv IS NOT NULL FOR UPDATE SKIP LOCKED`,
      [contestId],
    );
    return rows[0];
  }

  async setLedgerStored(
    manager: EntityManager,
    contestId: string,
    key: string,
    bytes: number,
  ): Promise<void> {
    await manager.query(
      'UPDATE contest_results SET ledger_key = $2, ledger_bytes = $3, ledger_csv = NULL WHERE contest_id = $1',
      [contestId, key, bytes],
    );
  }

  findResult(contestId: string): Promise<ContestResult | null> {
    return this.dataSource.getRepository(ContestResult).findOneBy({ contestId });
  }
}

/**
 * Runs `sql` as a named cursor in `manager`'s transaction and yields its rows `batchSize` at a time.
 * Parameters travel with DECLARE (extended protocol), so nothing is interpolated.
 */
async function* cursorBatches<T>(
  manager: EntityManager,
  name: string,
  sql: string,
  params: unknown[],
  batchSize: number,
): AsyncGenerator<T[]> {
  await manager.query(`DECLARE ${name} NO SCROLL CURSOR FOR ${sql}`, params);
  let open = true;
  try {
    while (open) {
      const rows: T[] = await manager.query(`FETCH ${Math.trunc(batchSize)} FROM ${name}`);
      open = rows.length === batchSize;
      if (rows.length > 0) {
        yield rows;
      }
    }
  } finally {
    // Closed also when the consumer stops early. In an aborted transaction CLOSE fails, and the
    // rollback drops the cursor anyway.
    await manager.query(`CLOSE ${name}`).catch(() => undefined);
  }
}
