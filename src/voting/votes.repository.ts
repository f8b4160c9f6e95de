import { Injectable } from '@nestjs/common';
import { PoolClient } from 'pg';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError } from '../common/errors/domain-error';
import { pgPool, Queryable } from '../database/pg-pool';
import { INSERT_OUTBOX_SQL, NewOutboxEmail, outboxParams } from '../notifications/outbox.repository';

export interface CastParams {
  contestId: string;
  entryId: string;
  voterId: string;
  networkHash: string | null;
  userAgentHash: string | null;
  accountAgeDays: number;
}

export interface InsertedVote {
  id: string;
  cast_at: Date;
  number: number;
  title: string;
}

/**
 * The vote statements, hand-written: the hot path of the whole portal. The benchmark's SQL baseline
 * runs exactly these (bench/vote).
 */
export const CAST_VOTE_SQL = `
  WITH target AS (
    SELECT e.id, e.contest_id, e.number, p.title
      FROM contest_entries e
      JOIN contests c ON c.id = e.contest_id
      JOIN practices p ON p.id = e.practice_id
     WHERE e.id = $2 AND e.contest_id = $1 AND e.status = 'accepted'
       AND c.results_published_at IS NULL AND now() >= c.voting_opens_at AND now() < c.voting_closes_at),
  inserted AS (
    INSERT INTO votes (contest_id, entry_id, voter_id, cast_at, network_hash, user_agent_hash, account_age_days)
    SELECT contest_id, id, $3, date_trunc('milliseconds', clock_timestamp()), $4, $5, $6 FROM target
    ON CONFLICT (contest_id, entry_id, voter_id) DO NOTHING
    RETURNING id, cast_at)
  SELECT inserted.id, inserted.cast_at, target.number, target.title FROM inserted, target`;

/** Counts the vote against the voter's limit; the CHECK constraint refuses going past it. */
export const COUNT_BALLOT_SQL = `
  INSERT INTO voter_ballots (contest_id, voter_id, votes_used, votes_limit) VALUES ($1, $2, 1, $3)
  ON CONFLICT (contest_id, voter_id) DO UPDATE SET votes_used = voter_ballots.votes_used + 1`;

/** The statements of one cast, on the transaction's own client. */
export interface CastTransaction {
  /** Inserts the vote if the entry is on the ballot and voting is open; nothing when it already exists. */
  insertVote(p: CastParams): Promise<InsertedVote | undefined>;
  countBallot(contestId: string, voterId: string, limit: number | null): Promise<void>;
  queueEmail(email: NewOutboxEmail): Promise<void>;
}

@Injectable()
export class VotesRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The cast's transaction, straight on a client of the pool TypeORM opened (same connections,
   * statement timeout, and pg-pool's acquire timeout that the problem filter turns into 503). The
   * profile of bench:vote showed TypeORM's QueryRunner and EntityManager as the portal's largest own
   * cost per vote after the socket writes; the statements, their order and BEGIN … COMMIT are as
   * before. Errors are pg's own (a DatabaseError with `code`), not TypeORM's QueryFailedError.
   *
   * `prepare` (the contest's read) runs on the same client before BEGIN, so a vote takes one pool
   * checkout instead of two; what it throws (a refusal) ends the cast before any transaction starts.
   */
  async castTransaction<T, P = undefined>(
    work: (tx: CastTransaction, prepared: P) => Promise<T>,
    prepare?: (client: Queryable) => Promise<P>,
  ): Promise<T> {
    const client = await pgPool(this.dataSource).connect();
    let broken: Error | undefined;
    let begun = false;
    // A checked-out client has no pool listener: a connection lost mid-transaction would otherwise be
    // an unhandled 'error' event that ends the process (the pending query rejects on its own).
    const onConnectionError = (error: Error): void => {
      broken = error;
    };
    client.on('error', onConnectionError);
    try {
      const prepared = (prepare ? await prepare(client) : undefined) as P;
      begun = true;
      await client.query('BEGIN');
      const result = await work(castStatements(client), prepared);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      if (begun) {
        // A connection that cannot even roll back is dropped from the pool, not reused.
        await client.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
      } else if (!(error instanceof DomainError)) {
        // The read itself failed: dropped, as pool.query does with a client whose query failed.
        broken ??= error instanceof Error ? error : new Error('the read before the cast failed');
      }
      throw error;
    } finally {
      client.off('error', onConnectionError);
      client.release(broken);
    }
  }

  async findVote(
    contestId: string,
    entryId: string,
    voterId: string,
  ): Promise<{ id: string; cast_at: Date } | undefined> {
    const rows: { id: string; cast_at: Date }[] = await this.dataSource.query(
      'SELECT id, cast_at FROM votes WHERE contest_id = $1 AND entry_id = $2 AND voter_id = $3',
      [contestId, entryId, voterId],
    );
    return rows[0];
  }

  async deleteVote(
    manager: EntityManager,
    contestId: string,
    entryId: string,
    voterId: string,
  ): Promise<string | undefined> {
    const rows: [{ id: string }[], number] = await manager.query(
      `DELETE FROM votes WHERE contest_id = $1 AND entry_id = $2 AND voter_id = $3 AND annulled_at IS NULL RETURNING id`,
      [contestId, entryId, voterId],
    );
    return rows[0][0]?.id;
  }

  async uncountBallot(manager: EntityManager, contestId: string, voterId: string): Promise<void> {
    await manager.query(
      'UPDATE voter_ballots SET votes_used = votes_used - 1 WHERE contest_id = $1 AND voter_id = $2',
      [contestId, voterId],
    );
  }

  async votesOf(contestId: string, voterId: string) {
    return this.dataSource.query<
      { id: string; entry_id: string; number: number | null; cast_at: Date; annulled: boolean }[]
    >(
      `SELECT v.id, v.entry_id, e.number, v.cast_at, v.annulled_at IS NOT NULL AS annulled
         FROM votes v JOIN contest_entries e ON e.id = v.entry_id
        WHERE v.contest_id = $1 AND v.voter_id = $2 ORDER BY v.cast_at`,
      [contestId, voterId],
    );
  }

  async annul(manager: EntityManager, contestId: string, voteId: string, adminId: string, reason: string) {
    const rows: [{ id: string }[], number] = await manager.query(
      `UPDATE votes SET annulled_at = now(), annulled_by = $3, annul_reason = $4
        WHERE id = $2 AND contest_id = $1 AND annulled_at IS NULL RETURNING id`,
      [contestId, voteId, adminId, reason],
    );
    return rows[0].length > 0;
  }

  async exists(contestId: string, voteId: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      'SELECT 1 FROM votes WHERE id = $1 AND contest_id = $2',
      [voteId, contestId],
    );
    return rows.length > 0;
  }
}

function castStatements(client: PoolClient): CastTransaction {
  return {
    async insertVote(p) {
      const { rows } = await client.query<InsertedVote>(CAST_VOTE_SQL, [
        p.contestId,
        p.entryId,
        p.voterId,
        p.networkHash,
        p.userAgentHash,
        p.accountAgeDays,
      ]);
      return rows[0];
    },
    async countBallot(contestId, voterId, limit) {
      await client.query(COUNT_BALLOT_SQL, [contestId, voterId, limit]);
    },
    async queueEmail(email) {
      await client.query(INSERT_OUTBOX_SQL, outboxParams(email));
    },
  };
}
