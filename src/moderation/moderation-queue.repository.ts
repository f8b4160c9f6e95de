import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TimeCursor } from '../common/http/cursor';
import { QueueKind } from './dto/queue.dto';

export interface QueueRow {
  kind: QueueKind;
  id: string;
  title: string;
  municipality_id: string;
  m_ky: string | null;
  m_ru: string | null;
  m_en: string | null;
  status: string;
  claimed_by: string | null;
  contest_id: string | null;
  waiting_since: Date;
}

/**
 * Everything waiting for a moderator, oldest first, as one UNION statement (plus one for the counts):
 * a fixed number of queries whatever the page size.
 */
@Injectable()
export class ModerationQueueRepository {
  constructor(private readonly dataSource: DataSource) {}

  page(kind: QueueKind | undefined, limit: number, after: TimeCursor | undefined): Promise<QueueRow[]> {
    const params: unknown[] = [kind ?? null, limit + 1];
    let cursorCondition = '';
    if (after) {
      params.push(after.at, after.id);
      cursorCondition = 'WHERE (q.waiting_since, q.id) > ($3, $4)';
    }
    return this.dataSource.query(
      `SELECT q.*, m.name_ky AS m_ky, m.name_ru AS m_ru, m.name_en AS m_en FROM (
         SELECT 'practice' AS kind, p.id, p.title, p.municipality_id, p.status, p.claimed_by, NULL::uuid AS contest_id,
                p.submitted_at AS waiting_since
           FROM practices p WHERE p.status IN ('submitted', 'in_review') AND ($1::text IS NULL OR $1 = 'practice')
         UNION ALL
         SELECT 'representative', r.id, u.full_name, r.municipality_id, r.status, NULL, NULL, r.created_at
           FROM representative_memberships r JOIN users u ON u.id = r.user_id
          WHERE r.status = 'pending' AND ($1::text IS NULL OR $1 = 'representative')
         UNION ALL
         SELECT 'voter_verification', v.id, u.full_name, v.municipality_id, v.status, NULL, NULL, v.created_at
           FROM voter_verifications v JOIN users u ON u.id = v.user_id
          WHERE v.status = 'pending' AND ($1::text IS NULL OR $1 = 'voter_verification')
         UNION ALL
         SELECT 'entry', e.id, p.title, p.municipality_id, e.status, NULL, e.contest_id, e.created_at
           FROM contest_entries e JOIN practices p ON p.id = e.practice_id
          WHERE e.status = 'pending' AND ($1::text IS NULL OR $1 = 'entry')
       ) q JOIN municipalities m ON m.id = q.municipality_id
       ${cursorCondition}
       ORDER BY q.waiting_since, q.id
       LIMIT $2`,
      params,
    );
  }

  async counts(): Promise<Record<QueueKind, number>> {
    const [row] = await this.dataSource.query<Record<QueueKind, number>[]>(
      `SELECT (SELECT count(*)::int FROM practices WHERE status IN ('submitted', 'in_review')) AS practice,
              (SELECT count(*)::int FROM representative_memberships WHERE status = 'pending') AS representative,
              (SELECT count(*)::int FROM voter_verifications WHERE status = 'pending') AS voter_verification,
              (SELECT count(*)::int FROM contest_entries WHERE status = 'pending') AS entry`,
    );
    return row;
  }
}
