import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Locale } from '../common/i18n/locale';
import { LocalizedText, resolveText } from './localized-text';

/** A contest a published practice was accepted into, and what it won once results are published. */
export interface PracticeContestEntry {
  contestId: string;
  contestTitle: string;
  nominationTitle: string;
  /** From the published results: its rank and whether it won; null before publication. */
  rank: number | null;
  winner: boolean;
}

interface Row {
  entry_id: string;
  contest_id: string;
  contest_title: LocalizedText;
  nomination_title: LocalizedText;
  snapshot: { nominations?: { ranking?: { entryId: string; rank: number; winner: boolean }[] }[] } | null;
}

/**
 * The contests a practice was entered in (accepted entries only: a pending or refused entry is the
 * representative's business), for the practice's public page. One statement; the prize comes from
 * the published results snapshot, the same numbers the results page shows.
 */
@Injectable()
export class PracticeContestsQuery {
  constructor(private readonly dataSource: DataSource) {}

  async ofPractice(practiceId: string, locale: Locale): Promise<PracticeContestEntry[]> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT e.id AS entry_id, c.id AS contest_id, c.title AS contest_title, n.title AS nomination_title,
              r.snapshot
         FROM contest_entries e
         JOIN contests c ON c.id = e.contest_id
         JOIN nominations n ON n.id = e.nomination_id
         LEFT JOIN contest_results r ON r.contest_id = e.contest_id
        WHERE e.practice_id = $1 AND e.status = 'accepted'
        ORDER BY c.voting_closes_at DESC`,
      [practiceId],
    );
    return rows.map((row) => {
      const ranked = (row.snapshot?.nominations ?? [])
        .flatMap((nomination) => nomination.ranking ?? [])
        .find((entry) => entry.entryId === row.entry_id);
      return {
        contestId: row.contest_id,
        contestTitle: resolveText(row.contest_title, locale),
        nominationTitle: resolveText(row.nomination_title, locale),
        rank: ranked?.rank ?? null,
        winner: ranked?.winner ?? false,
      };
    });
  }
}
