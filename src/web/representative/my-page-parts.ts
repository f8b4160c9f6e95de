import { PracticeStatus } from '../../practices/practice-status';
import { WebContext } from '../render/page';

/** GOV.UK tag colours for a practice's status, the same on every representative page. */
const TAG_CLASSES: Record<PracticeStatus, string> = {
  draft: 'govuk-tag--grey',
  submitted: 'govuk-tag--blue',
  in_review: 'govuk-tag--blue',
  changes_requested: 'govuk-tag--orange',
  published: 'govuk-tag--green',
  rejected: 'govuk-tag--red',
  withdrawn: 'govuk-tag--grey',
  archived: 'govuk-tag--grey',
};

export function statusTag(context: WebContext, status: PracticeStatus): { text: string; classes: string } {
  return { text: context.t(`my.status.${status}`), classes: TAG_CLASSES[status] };
}

/** Every representative page starts its breadcrumbs from the list of the municipality's practices. */
export const myBreadcrumbs = (context: WebContext) => [{ text: context.t('my.list.title'), href: '/my' }];

/** The list, then the practice's task list: the trail above every page of one practice. */
export function practiceBreadcrumbs(context: WebContext, practice: { id: string; title: string }) {
  return [...myBreadcrumbs(context), { text: practice.title, href: `/my/practices/${practice.id}` }];
}
