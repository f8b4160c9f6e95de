import { DECISION_ACTIONS } from '../../moderation/decision-actions';
import { QueueKind } from '../../moderation/dto/queue.dto';
import { ItemStanding } from '../../moderation/moderation-items.service';
import { LocalizedErrors } from '../forms/form-validation';
import { Page, WebContext } from '../render/page';
import { DecisionForm, reasonField } from './decision-form';
import { itemPath, TAB_SLUGS, tabPath } from './queue-tabs';

/** One line of the item's summary list; `changed` and `previous` only on a practice's fields. */
export interface DetailRow {
  /** The row's anchor, for the links to the changed fields. */
  id?: string;
  key: string;
  value: string;
  href?: string;
  /** Long text: kept with its line breaks. */
  long?: boolean;
  changed?: boolean;
  previous?: string;
}

/** What an item's page shows, whatever its kind (built by item-details.ts). */
export interface ItemDetails {
  title: string;
  /** Above the title when the title alone does not say what the item is (a practice's own title). */
  caption?: string;
  status: string;
  rows: DetailRow[];
  /** Things the moderator must know before deciding (a PIN clash, a claim by a colleague). */
  warnings: string[];
  /** A practice: which revision this is and what it is compared with. */
  lead?: string;
  standing: ItemStanding;
}

/** Why the page answers as it does after a refused decision: shown above everything else. */
export interface DecisionNotice {
  text: string;
}

const STATUS_TAG: Record<string, string> = {
  submitted: 'govuk-tag--blue',
  in_review: 'govuk-tag--blue',
  pending: 'govuk-tag--blue',
  published: 'govuk-tag--green',
  approved: 'govuk-tag--green',
  accepted: 'govuk-tag--green',
  changes_requested: 'govuk-tag--yellow',
  rejected: 'govuk-tag--red',
  refused: 'govuk-tag--red',
};

/**
 * An item of the queue with the decision form, or, when this moderator may not decide it (their
 * own municipality or request) or it is decided already, the explanation in its place.
 */
export function itemPage(
  context: WebContext,
  kind: QueueKind,
  id: string,
  details: ItemDetails,
  form: DecisionForm,
  errors?: LocalizedErrors,
  notice?: DecisionNotice,
  httpStatus = 200,
): Page {
  const { standing } = details;
  const decidable = standing.pending && standing.conflict === null;
  return {
    template: 'moderation/item.njk',
    title: details.title,
    status: httpStatus,
    form: decidable,
    errors: errors?.summary,
    breadcrumbs: [
      { text: context.t('moderation.queue.breadcrumb'), href: '/moderation' },
      { text: context.t(`moderation.tabs.${TAB_SLUGS[kind]}`), href: tabPath(kind) },
    ],
    model: {
      caption: details.caption,
      statusLabel: context.t(`moderation.status.${details.status}`),
      statusTag: STATUS_TAG[details.status] ?? 'govuk-tag--grey',
      rows: details.rows,
      changedLinks: details.rows
        .filter((row) => row.changed && row.id)
        .map((row) => ({ text: row.key, href: `#${row.id}` })),
      warnings: details.warnings,
      lead: details.lead,
      notice,
      decidable,
      blocked: blockedExplanation(context, standing),
      action: itemPath(kind, id),
      decision: decisionModel(context, kind, form, errors),
      backHref: tabPath(kind),
    },
  };
}

function blockedExplanation(context: WebContext, standing: ItemStanding): string | null {
  if (standing.conflict) {
    return context.t(`moderation.item.conflict.${standing.conflict}`);
  }
  return standing.pending ? null : context.t('moderation.item.decided');
}

function decisionModel(context: WebContext, kind: QueueKind, form: DecisionForm, errors?: LocalizedErrors) {
  const fieldErrors = errors?.byField ?? {};
  return {
    actionError: fieldErrors.action,
    actions: DECISION_ACTIONS[kind].map(({ action, needsReason }) => ({
      value: action,
      label: context.t(`moderation.decision.actions.${action}`),
      checked: form.action === action,
      reason: needsReason && {
        id: reasonField(action),
        label: context.t(`moderation.decision.reasons.${action}`),
        value: form.reasons[action] ?? '',
        error: fieldErrors[reasonField(action)],
      },
    })),
  };
}
