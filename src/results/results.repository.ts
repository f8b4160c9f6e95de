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

@Injectable()
export class ResultsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Accepted entries with their counted votes and the time each reached its final count. */
  entryTallies(manager: EntityManager | DataSource, contestId: string): Promise<EntryTallyRow[]> {
    return manager.query(
      `SELECT e.id AS entry_id, e.number, e.nomination_id, p.id AS practice_id, p.title, m.id AS municipality_id,
              m.name_ky AS m_ky, m.name_ru AS m_ru, m.name_en AS m_en,
              count(v.id) FILTER (WHERE v.annulled_at IS NULL)::int AS votes,
              max(v.cast_at) FILTER (WHERE v.annulled_at IS NULL) AS reached_at
         FROM contest_entries e
         JOIN practices p ON p.id = e.practice_id
         JOIN municipalities m ON m.id = p.municipality_id
         LEFT JOIN votes v ON v.entry_id = e.id
        WHERE e.contest_id = $1 AND e.status = 'accepted'
        GROUP BY e.id, p.id, m.id
        ORDER BY e.number`,
      [contestId],
    );
  }

  ledgerRows(manager: EntityManager, contestId: string) {
    return manager.query<{ number: number; voter_id: string; cast_at: Date; annulled: boolean }[]>(
      `SELECT e.number, v.voter_id, v.cast_at, v.annulled_at IS NOT NULL AS annulled
         FROM votes v JOIN contest_entries e ON e.id = v.entry_id WHERE v.contest_id = $1`,
      [contestId],
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

  /** Everyone to tell about the results: the representatives who entered and the voters. */
  recipients(manager: EntityManager, contestId: string) {
    return manager.query<{ id: string; email: string; full_name: string; locale: 'ky' | 'ru' | 'en' }[]>(
      `SELECT u.id, u.email, u.full_name, u.locale FROM users u
        WHERE u.blocked_at IS NULL AND (u.notification_preferences ->> 'contestNews')::boolean IS NOT FALSE
          AND (u.id IN (SELECT submitted_by FROM contest_entries WHERE contest_id = $1)
               OR u.id IN (SELECT voter_id FROM votes WHERE contest_id = $1))`,
      [contestId],
    );
  }

  findResult(contestId: string): Promise<ContestResult | null> {
    return this.dataSource.getRepository(ContestResult).findOneBy({ contestId });
  }
}
