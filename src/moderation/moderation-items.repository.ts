import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { LocalizedText } from '../contests/localized-text';

export interface NamesRow {
  m_ky: string | null;
  m_ru: string | null;
  m_en: string | null;
}

export interface MembershipRow extends NamesRow {
  id: string;
  status: string;
  user_id: string;
  full_name: string;
  email: string;
  registered_at: Date;
  municipality_id: string;
  requested_at: Date;
  decided_at: Date | null;
  reason: string | null;
}

export interface EntryRow extends NamesRow {
  id: string;
  status: string;
  number: number | null;
  contest_id: string;
  contest_title: LocalizedText;
  nomination_title: LocalizedText;
  practice_id: string;
  practice_title: string;
  practice_summary: string;
  practice_status: string;
  municipality_id: string;
  submitted_by: string;
  submitter_name: string;
  requested_at: Date;
  decided_at: Date | null;
  reason: string | null;
}

/** One queue item with what a moderator needs to decide it, read in one statement each. */
@Injectable()
export class ModerationItemsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async membership(id: string): Promise<MembershipRow | undefined> {
    const rows: MembershipRow[] = await this.dataSource.query(
      `SELECT r.id, r.status, r.user_id, u.full_name, u.email, u.created_at AS registered_at, r.municipality_id,
              r.created_at AS requested_at, r.decided_at, r.reason,
              m.name_ky AS m_ky, m.name_ru AS m_ru, m.name_en AS m_en
         FROM representative_memberships r
         JOIN users u ON u.id = r.user_id
         JOIN municipalities m ON m.id = r.municipality_id
        WHERE r.id = $1`,
      [id],
    );
    return rows[0];
  }

  async entry(id: string): Promise<EntryRow | undefined> {
    const rows: EntryRow[] = await this.dataSource.query(
      `SELECT e.id, e.status, e.number, e.contest_id, c.title AS contest_title, n.title AS nomination_title,
              p.id AS practice_id, p.title AS practice_title, p.summary AS practice_summary,
              p.status AS practice_status, p.municipality_id, e.submitted_by, u.full_name AS submitter_name,
              e.created_at AS requested_at, e.decided_at, e.reason,
              m.name_ky AS m_ky, m.name_ru AS m_ru, m.name_en AS m_en
         FROM contest_entries e
         JOIN contests c ON c.id = e.contest_id
         JOIN nominations n ON n.id = e.nomination_id
         JOIN practices p ON p.id = e.practice_id
         JOIN municipalities m ON m.id = p.municipality_id
         JOIN users u ON u.id = e.submitted_by
        WHERE e.id = $1`,
      [id],
    );
    return rows[0];
  }

  /** Category names by id (a revision keeps the category's id only). */
  async categoryNames(ids: string[]): Promise<(NamesRow & { id: string })[]> {
    return this.dataSource.query(
      `SELECT id, name_ky AS m_ky, name_ru AS m_ru, name_en AS m_en FROM categories WHERE id = ANY($1::uuid[])`,
      [ids],
    );
  }
}
