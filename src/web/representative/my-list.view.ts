import { PracticeSummaryDto } from '../../practices/dto/practice.dto';
import { PracticeStatus } from '../../practices/practice-status';
import { LocalizedErrors } from '../forms/form-validation';
import { formatDate } from '../render/formats';
import { Page, WebContext } from '../render/page';
import { PracticeForm } from './practice-form';
import { aboutFieldsModel, CategoryChoice } from './section.view';
import { myBreadcrumbs, statusTag } from './my-page-parts';

export interface RepresentedMunicipality {
  id: string;
  name: string;
}

/** The list's groups: what the representative has to do first comes first. */
const GROUPS: { key: string; statuses: PracticeStatus[] }[] = [
  { key: 'changesRequested', statuses: ['changes_requested'] },
  { key: 'drafts', statuses: ['draft'] },
  { key: 'awaiting', statuses: ['submitted', 'in_review'] },
  { key: 'published', statuses: ['published'] },
  { key: 'rejected', statuses: ['rejected'] },
  { key: 'closed', statuses: ['withdrawn', 'archived'] },
];

/** `/my`: one municipality's practices grouped by status, with the moderator's reason where one was given. */
export function myListPage(
  context: WebContext,
  municipalities: RepresentedMunicipality[],
  current: RepresentedMunicipality,
  practices: PracticeSummaryDto[],
  reasons: Map<string, string>,
): Page {
  const groups = GROUPS.map((group) => ({
    heading: context.t(`my.list.groups.${group.key}`),
    items: practices
      .filter((practice) => group.statuses.includes(practice.status))
      .map((practice) => ({
        title: practice.title,
        href: `/my/practices/${practice.id}`,
        tag: statusTag(context, practice.status),
        updated: formatDate(practice.updatedAt, context.locale),
        reason: reasons.get(practice.id) ?? null,
      })),
  })).filter((group) => group.items.length > 0);
  return {
    template: 'my/list.njk',
    title: context.t('my.list.title'),
    model: {
      municipalityName: current.name,
      picker:
        municipalities.length > 1
          ? municipalities.map((m) => ({ value: m.id, text: m.name, selected: m.id === current.id }))
          : null,
      newHref: `/my/practices/new?municipality=${current.id}`,
      groups,
    },
  };
}

/** A signed-in user who represents no municipality: how to become a representative. */
export function notRepresentativePage(context: WebContext): Page {
  return {
    template: 'my/not-representative.njk',
    title: context.t('my.notRepresentative.title'),
  };
}

/** `/my/practices/new`: the first section, and the municipality when the user represents several. */
/** What the new-practice form holds: the chosen municipality, the fields, and its one-time key. */
export interface NewDraftForm {
  municipalityId: string;
  form: PracticeForm;
  /** Posted back so that a second post of the same form returns the first post's draft. */
  draftKey: string;
}

export function newPracticePage(
  context: WebContext,
  municipalities: RepresentedMunicipality[],
  { municipalityId, form, draftKey }: NewDraftForm,
  categories: CategoryChoice[],
  errors?: LocalizedErrors,
  status = 200,
): Page {
  return {
    template: 'my/new.njk',
    title: context.t('my.new.title'),
    status,
    form: true,
    errors: errors?.summary,
    breadcrumbs: myBreadcrumbs(context),
    model: {
      municipalityItems:
        municipalities.length > 1
          ? [{ value: '', text: context.t('my.new.chooseMunicipality') }].concat(
              municipalities.map((m) => ({ value: m.id, text: m.name, selected: m.id === municipalityId })),
            )
          : null,
      municipalityName: municipalities.length === 1 ? municipalities[0].name : null,
      draftKey,
      fieldErrors: errors?.byField ?? {},
      ...aboutFieldsModel(context, form, categories, errors?.byField),
    },
  };
}
