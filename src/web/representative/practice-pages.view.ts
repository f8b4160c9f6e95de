import { HistoryEntryDto, PracticeDto, RevisionDto } from '../../practices/dto/practice.dto';
import { isEditable, nextStatus } from '../../practices/practice-status';
import { ErrorItem, Page, WebContext } from '../render/page';
import { formatDateTime } from '../render/formats';
import { myBreadcrumbs, practiceBreadcrumbs, statusTag } from './my-page-parts';
import { formOfPractice, SECTION_KEYS, SECTIONS, SectionKey, SectionStatus } from './practice-form';
import { CategoryChoice, displayValue } from './section.view';

const STATUS_TAGS: Record<SectionStatus, string> = {
  notStarted: 'govuk-tag--grey',
  inProgress: 'govuk-tag--light-blue',
  completed: '',
};

/** What the practice's own pages show at the top: status, municipality, the moderator's reason. */
function header(context: WebContext, practice: PracticeDto, reason: string | null) {
  return {
    practiceId: practice.id,
    practiceTitle: practice.title,
    municipalityName: practice.municipality.name,
    tag: statusTag(context, practice.status),
    reason: practice.status === 'changes_requested' || practice.status === 'rejected' ? reason : null,
    reasonHeading: context.t(
      practice.status === 'rejected' ? 'my.reason.rejectedHeading' : 'my.reason.changesHeading',
    ),
  };
}

/** `/my/practices/:id`: the task list (GOV.UK pattern) with each section's status. */
export function taskListPage(
  context: WebContext,
  practice: PracticeDto,
  statuses: Record<SectionKey, SectionStatus>,
  reason: string | null,
): Page {
  const editable = isEditable(practice.status);
  const base = `/my/practices/${practice.id}`;
  const sectionItems = SECTION_KEYS.map((key) => ({
    title: { text: context.t(`my.sections.${key}.title`) },
    href: editable ? `${base}/sections/${key}` : undefined,
    status: {
      tag: { text: context.t(`my.taskStatus.${statuses[key]}`), classes: STATUS_TAGS[statuses[key]] },
    },
  }));
  const photos = practice.attachments.length;
  return {
    template: 'my/task-list.njk',
    title: practice.title,
    breadcrumbs: myBreadcrumbs(context),
    model: {
      ...header(context, practice, reason),
      editable,
      sectionItems,
      extraItems: [
        {
          title: { text: context.t('my.taskList.attachments') },
          href: `${base}/attachments`,
          status: { text: context.tn('my.taskList.attachmentCount', photos) },
        },
        {
          title: { text: context.t('my.taskList.contests') },
          href: `${base}/contests`,
          status: { text: context.t('my.taskList.contestsHint') },
        },
      ],
      checkHref: editable ? `${base}/check` : null,
      withdrawHref: nextStatus(practice.status, 'withdraw') ? `${base}/withdraw` : null,
      historyHref: `${base}/history`,
      publicHref: practice.status === 'published' ? `/practices/${practice.id}` : null,
    },
  };
}

/** The sections with a summary list each, and Change links when the practice may still be edited. */
function summarySections(context: WebContext, practice: PracticeDto, categories: CategoryChoice[]) {
  const form = formOfPractice(practice);
  const editable = isEditable(practice.status);
  return SECTION_KEYS.map((key) => ({
    heading: context.t(`my.sections.${key}.title`),
    rows: SECTIONS[key].map((field) => ({
      key: { text: context.t(`my.fields.${field}.label`) },
      value: { text: displayValue(context, field, form[field], categories) || context.t('my.check.empty') },
      actions: editable
        ? {
            items: [
              {
                href: `/my/practices/${practice.id}/sections/${key}#${field}`,
                text: context.t('my.check.change'),
                visuallyHiddenText: context.t(`my.fields.${field}.label`),
              },
            ],
          }
        : undefined,
    })),
  }));
}

/** `/my/practices/:id/check`: check your answers, then submit for review. */
export function checkPage(
  context: WebContext,
  practice: PracticeDto,
  categories: CategoryChoice[],
  reason: string | null,
  incomplete: SectionKey[] = [],
  status = 200,
): Page {
  const errors: ErrorItem[] = incomplete.map((key) => ({
    text: context.t('my.check.incomplete', { section: context.t(`my.sections.${key}.title`) }),
    href: `/my/practices/${practice.id}/sections/${key}`,
  }));
  return {
    template: 'my/check.njk',
    title: context.t('my.check.title'),
    status,
    form: true,
    errors: errors.length ? errors : undefined,
    breadcrumbs: practiceBreadcrumbs(context, practice),
    model: {
      ...header(context, practice, reason),
      sections: summarySections(context, practice, categories),
      attachmentCount: context.tn('my.taskList.attachmentCount', practice.attachments.length),
      action: isEditable(practice.status) ? `/my/practices/${practice.id}/check` : null,
      resubmit: practice.status === 'changes_requested',
    },
  };
}

/** `/my/practices/:id/withdraw`: the confirmation before withdrawing. */
export function withdrawPage(context: WebContext, practice: PracticeDto): Page {
  return {
    template: 'my/withdraw.njk',
    title: context.t('my.withdraw.title'),
    form: true,
    breadcrumbs: practiceBreadcrumbs(context, practice),
    model: {
      practiceId: practice.id,
      practiceTitle: practice.title,
      action: `/my/practices/${practice.id}/withdraw`,
    },
  };
}

/** A practice that cannot be changed in its status (409): what it is now, and where to go. */
export function notEditablePage(context: WebContext, practice: PracticeDto): Page {
  return {
    template: 'my/not-editable.njk',
    title: context.t('my.notEditable.title'),
    status: 409,
    breadcrumbs: practiceBreadcrumbs(context, practice),
    model: {
      practiceHref: `/my/practices/${practice.id}`,
      tag: statusTag(context, practice.status),
    },
  };
}

/**
 * `/my/practices/:id/history`: every transition with its date (Bishkek time), who and why, oldest
 * first. Each submission kept a revision: the n-th submit is revision n.
 */
export function historyPage(
  context: WebContext,
  practice: PracticeDto,
  history: HistoryEntryDto[],
  revisions: RevisionDto[],
): Page {
  const revisionNumbers = revisions.map((revision) => revision.revision).sort((a, b) => a - b);
  let submits = 0;
  const rows = history.map((entry) => {
    const revision = entry.action === 'submit' ? revisionNumbers[submits++] : undefined;
    return {
      when: formatDateTime(entry.at, context.locale),
      what: context.t(`my.history.actions.${entry.action}`),
      revision: revision === undefined ? null : context.t('my.history.revision', { number: revision }),
      who: entry.actor.name,
      status: statusTag(context, entry.toStatus),
      reason: entry.reason,
    };
  });
  return {
    template: 'my/history.njk',
    title: context.t('my.history.title'),
    breadcrumbs: practiceBreadcrumbs(context, practice),
    model: { practiceTitle: practice.title, rows },
  };
}
