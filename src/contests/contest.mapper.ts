import { Locale } from '../common/i18n/locale';
import { contestPhase } from './contest-phase';
import { ContestDto } from './dto/contest.dto';
import { Contest } from './entities/contest.entity';
import { Nomination } from './entities/nomination.entity';
import { resolveText } from './localized-text';

export function toContestDto(
  contest: Contest,
  nominations: Nomination[],
  locale: Locale,
  now = new Date(),
): ContestDto {
  return {
    id: contest.id,
    title: resolveText(contest.title, locale),
    description: resolveText(contest.description, locale),
    rules: resolveText(contest.rules, locale),
    translations: { title: contest.title, description: contest.description, rules: contest.rules },
    phase: contestPhase(contest, now),
    nominations: nominations
      .filter((n) => n.contestId === contest.id)
      .map((n) => ({ id: n.id, title: resolveText(n.title, locale), winnersCount: n.winnersCount })),
    entriesOpenAt: contest.entriesOpenAt,
    entriesCloseAt: contest.entriesCloseAt,
    votingOpensAt: contest.votingOpensAt,
    votingClosesAt: contest.votingClosesAt,
    votesPerVoter: contest.votesPerVoter,
    voterPolicy: contest.voterPolicy,
    showLiveCounts: contest.showLiveCounts,
    allowRetract: contest.allowRetract,
    resultsPublishedAt: contest.resultsPublishedAt,
  };
}
