import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuthUser } from '../common/auth/auth-user';
import { Locale } from '../common/i18n/locale';
import { PracticeAccess } from '../practices/practice-access';
import { PracticeErrors } from '../practices/practices.errors';
import { PracticesRepository } from '../practices/practices.repository';
import { contestPhase, ContestPhase } from './contest-phase';
import { EntryStatus } from './entry-status';
import { LocalizedText, resolveText } from './localized-text';

/** One entry of a practice as its representatives follow it: any status, with the reason of a refusal. */
export interface OwnPracticeEntry {
  id: string;
  contestId: string;
  contestTitle: string;
  contestPhase: ContestPhase;
  nominationId: string;
  nominationTitle: string;
  status: EntryStatus;
  /** The moderator's reason (required to reject). */
  reason: string | null;
  enteredAt: Date;
  decidedAt: Date | null;
}

interface Row {
  id: string;
  contest_id: string;
  contest_title: LocalizedText;
  entries_open_at: Date;
  entries_close_at: Date;
  voting_opens_at: Date;
  voting_closes_at: Date;
  results_published_at: Date | null;
  nomination_id: string;
  nomination_title: LocalizedText;
  status: EntryStatus;
  reason: string | null;
  created_at: Date;
  decided_at: Date | null;
}

/**
 * Every entry of one practice, pending and refused ones included, for the representatives of its
 * municipality (anyone else: 404, as for its drafts). The public page shows accepted ones only
 * (PracticeContestsQuery).
 */
@Injectable()
export class PracticeEntriesQuery {
  constructor(
    private readonly dataSource: DataSource,
    private readonly practices: PracticesRepository,
    private readonly access: PracticeAccess,
  ) {}

  async ofOwnPractice(caller: AuthUser, practiceId: string, locale: Locale): Promise<OwnPracticeEntry[]> {
    const practice = await this.practices.findById(practiceId);
    if (!practice || !(await this.access.isOwner(caller, practice))) {
      throw PracticeErrors.notFound();
    }
    const rows: Row[] = await this.dataSource.query(
      `SELECT e.id, c.id AS contest_id, c.title AS contest_title, c.entries_open_at, c.entries_close_at,
              c.voting_opens_at, c.voting_closes_at, c.results_published_at,
              n.id AS nomination_id, n.title AS nomination_title,
              e.status, e.reason, e.created_at, e.decided_at
         FROM contest_entries e
         JOIN contests c ON c.id = e.contest_id
         JOIN nominations n ON n.id = e.nomination_id
        WHERE e.practice_id = $1
        ORDER BY e.created_at DESC`,
      [practiceId],
    );
    return rows.map((row) => ({
      id: row.id,
      contestId: row.contest_id,
      contestTitle: resolveText(row.contest_title, locale),
      contestPhase: contestPhase({
        entriesOpenAt: row.entries_open_at,
        entriesCloseAt: row.entries_close_at,
        votingOpensAt: row.voting_opens_at,
        votingClosesAt: row.voting_closes_at,
        resultsPublishedAt: row.results_published_at,
      }),
      nominationId: row.nomination_id,
      nominationTitle: resolveText(row.nomination_title, locale),
      status: row.status,
      reason: row.reason,
      enteredAt: row.created_at,
      decidedAt: row.decided_at,
    }));
  }
}
