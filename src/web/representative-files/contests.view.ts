import { ContestDto } from '../../contests/dto/contest.dto';
import { EntryStatus } from '../../contests/entry-status';
import { OwnPracticeEntry } from '../../contests/practice-entries';
import { PracticeDto } from '../../practices/dto/practice.dto';
import { ErrorItem, Page, WebContext } from '../render/page';
import { formatDateTime } from '../render/formats';
import { practiceBreadcrumbs } from '../representative/my-page-parts';

/** Why entering was refused, in plain words (`myFiles.contests.errors.<refusal>`). */
export const ENTRY_REFUSAL_BY_CODE = {
  wrong_phase: 'windowClosed',
  already_entered: 'alreadyEntered',
  practice_not_published: 'notPublished',
  validation_failed: 'chooseNomination',
} as const;
export type EntryRefusal = (typeof ENTRY_REFUSAL_BY_CODE)[keyof typeof ENTRY_REFUSAL_BY_CODE];

/** A refused entry: which contest's form it concerns, why, and the nomination that was chosen. */
export interface EntryFormError {
  contestId: string;
  refusal: EntryRefusal;
  nominationId?: string;
}

const STATUS_TAG: Record<EntryStatus, string> = {
  pending: 'govuk-tag--yellow',
  accepted: 'govuk-tag--green',
  rejected: 'govuk-tag--red',
};

export function contestsPath(practiceId: string): string {
  return `/my/practices/${practiceId}/contests`;
}

/**
 * A published practice's contests: the open ones with a form per contest (one nomination each;
 * a practice enters a contest once), and the practice's entries with their status.
 */
export function contestsPage(
  context: WebContext,
  practice: PracticeDto,
  openContests: ContestDto[],
  entries: OwnPracticeEntry[],
  error?: EntryFormError,
  httpStatus = 200,
): Page {
  const published = practice.status === 'published';
  const enteredIn = new Map(entries.map((entry) => [entry.contestId, entry]));
  const errorText = error ? context.t(`myFiles.contests.errors.${error.refusal}`) : undefined;
  const formShown = error !== undefined && published && openContests.some((c) => c.id === error.contestId);
  const errors: ErrorItem[] =
    error && errorText
      ? [{ text: errorText, href: formShown ? `#nomination-${error.contestId}` : '#open-contests' }]
      : [];
  return {
    template: 'my-files/contests.njk',
    title: context.t('myFiles.contests.title'),
    status: httpStatus,
    form: published,
    errors,
    breadcrumbs: practiceBreadcrumbs(context, practice),
    model: {
      practiceTitle: practice.title,
      published,
      statusLabel: context.t(`myFiles.status.${practice.status}`),
      contests: openContests.map((contest) => {
        const entry = enteredIn.get(contest.id);
        const chosen = error?.contestId === contest.id ? error.nominationId : undefined;
        return {
          id: contest.id,
          title: contest.title,
          href: `/contests/${contest.id}`,
          closes: context.t('myFiles.contests.closes', {
            date: formatDateTime(contest.entriesCloseAt, context.locale),
          }),
          action: `${contestsPath(practice.id)}/${contest.id}/entries`,
          entered: entry
            ? context.t('myFiles.contests.alreadyIn', { nomination: entry.nominationTitle })
            : undefined,
          nominations: contest.nominations.map((n) => ({
            value: n.id,
            text: n.title,
            checked: n.id === chosen,
          })),
          fieldError: error?.contestId === contest.id ? errorText : undefined,
        };
      }),
      entries: entries.map((entry) => ({
        contestTitle: entry.contestTitle,
        contestHref: `/contests/${entry.contestId}`,
        nomination: entry.nominationTitle,
        statusLabel: context.t(`myFiles.contests.status.${entry.status}`),
        tagClass: STATUS_TAG[entry.status],
        reason: entry.status === 'rejected' ? entry.reason : null,
        enteredAt: formatDateTime(entry.enteredAt, context.locale),
      })),
    },
  };
}
