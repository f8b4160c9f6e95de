import {
  ContentValue,
  EntryReview,
  FieldChange,
  MembershipReview,
  PracticeReview,
  VerificationReview,
} from '../../moderation/moderation-items.service';
import { formatDateTime } from '../render/formats';
import { WebContext } from '../render/page';
import { DetailRow, ItemDetails } from './item.view';
import { itemPath } from './queue-tabs';

/** Practice text fields shown with their line breaks. */
const LONG_FIELDS = new Set(['summary', 'problem', 'solution', 'results', 'resources', 'replicability']);

const when = (context: WebContext, at: Date | string) => formatDateTime(at, context.locale);

/** The decision's own rows once an item is decided: when, and the reason given. */
function decisionRows(context: WebContext, decidedAt: Date | null, reason: string | null): DetailRow[] {
  const rows: DetailRow[] = [];
  if (decidedAt) {
    rows.push({ key: context.t('moderation.item.decidedAt'), value: when(context, decidedAt) });
  }
  if (reason) {
    rows.push({ key: context.t('moderation.item.reason'), value: reason, long: true });
  }
  return rows;
}

/** A practice under review: every field, those changed since the previous revision marked. */
export function practiceDetails(context: WebContext, review: PracticeReview): ItemDetails {
  const { practice } = review;
  const show = (field: FieldChange['field'], value: ContentValue | undefined) =>
    fieldText(context, field, value, review.categoryNames);
  const fieldRows = review.fields.map((change) => ({
    id: `field-${change.field}`,
    key: context.t(`moderation.practice.fields.${change.field}`),
    value: show(change.field, change.value),
    long: LONG_FIELDS.has(change.field),
    changed: change.changed,
    ...(change.changed && { previous: show(change.field, change.previous) }),
  }));
  const changedCount = review.fields.filter((change) => change.changed).length;
  return {
    title: practice.title,
    caption: context.t('moderation.item.practiceCaption'),
    status: practice.status,
    lead:
      review.previousRevision === null
        ? context.t('moderation.practice.firstRevision', { revision: review.revision })
        : context.t('moderation.practice.comparedWith', {
            revision: review.revision,
            previous: review.previousRevision,
            count: changedCount,
          }),
    warnings: review.claimedByOther ? [context.t('moderation.practice.claimedByOther')] : [],
    standing: review,
    rows: [
      { key: context.t('moderation.item.municipality'), value: practice.municipality.name },
      ...(review.lastRequest
        ? [
            {
              key: context.t('moderation.practice.lastRequest', {
                at: when(context, review.lastRequest.at),
                by: review.lastRequest.by,
              }),
              value: review.lastRequest.reason ?? context.t('moderation.item.none'),
              long: true,
            },
          ]
        : []),
      ...fieldRows,
      {
        key: context.t('moderation.practice.attachments'),
        value:
          practice.attachments.map((file) => file.fileName).join(', ') || context.t('moderation.item.none'),
      },
    ],
  };
}

function fieldText(
  context: WebContext,
  field: FieldChange['field'],
  value: ContentValue | undefined,
  categoryNames: Record<string, string>,
): string {
  if (value === null || value === undefined || value === '') {
    return context.t('moderation.item.none');
  }
  if (field === 'categoryId') {
    return categoryNames[String(value)] ?? String(value);
  }
  if (field === 'language') {
    return context.t(`moderation.practice.languages.${String(value)}`);
  }
  if (Array.isArray(value)) {
    return value.length ? value.join(', ') : context.t('moderation.item.none');
  }
  return String(value);
}

/** A voter verification: who, where, and the PIN clash the service recorded, if any. */
export function verificationDetails(context: WebContext, review: VerificationReview): ItemDetails {
  const { verification } = review;
  return {
    title: context.t('moderation.verification.title', { name: verification.fullName }),
    status: verification.status,
    warnings: verification.pinClashWith ? [context.t('moderation.verification.pinClash')] : [],
    standing: review,
    rows: [
      { key: context.t('moderation.item.person'), value: verification.fullName },
      { key: context.t('moderation.verification.phone'), value: verification.phone },
      { key: context.t('moderation.verification.residence'), value: review.municipalityName },
      {
        key: context.t('moderation.verification.pin'),
        value: context.t(verification.pinGiven ? 'moderation.item.yes' : 'moderation.item.no'),
      },
      ...(verification.pinClashWith
        ? [
            {
              key: context.t('moderation.verification.clashWith'),
              value: context.t('moderation.verification.openClash'),
              href: itemPath('voter_verification', verification.pinClashWith),
            },
          ]
        : []),
      { key: context.t('moderation.item.requestedAt'), value: when(context, verification.requestedAt) },
      ...decisionRows(context, verification.decidedAt, verification.reason),
    ],
  };
}

/** A request to represent a municipality: the person and the municipality. */
export function membershipDetails(context: WebContext, review: MembershipReview): ItemDetails {
  return {
    title: context.t('moderation.representative.title', { name: review.fullName }),
    status: review.status,
    warnings: [],
    standing: review,
    rows: [
      { key: context.t('moderation.item.person'), value: review.fullName },
      { key: context.t('moderation.representative.email'), value: review.email },
      { key: context.t('moderation.representative.registeredAt'), value: when(context, review.registeredAt) },
      { key: context.t('moderation.item.municipality'), value: review.municipalityName },
      { key: context.t('moderation.item.requestedAt'), value: when(context, review.requestedAt) },
      ...decisionRows(context, review.decidedAt, review.reason),
    ],
  };
}

/** A contest entry: the practice entered and the contest and nomination it was entered in. */
export function entryDetails(context: WebContext, review: EntryReview): ItemDetails {
  const published = review.practice.status === 'published';
  return {
    title: context.t('moderation.entry.title', { title: review.practice.title }),
    status: review.status,
    warnings: published ? [] : [context.t('moderation.entry.notPublished')],
    standing: review,
    rows: [
      {
        key: context.t('moderation.entry.practice'),
        value: review.practice.title,
        ...(published && { href: `/practices/${review.practice.id}` }),
      },
      { key: context.t('moderation.practice.fields.summary'), value: review.practice.summary, long: true },
      { key: context.t('moderation.item.municipality'), value: review.municipalityName },
      {
        key: context.t('moderation.entry.contest'),
        value: review.contestTitle,
        href: `/contests/${review.contestId}`,
      },
      { key: context.t('moderation.entry.nomination'), value: review.nominationTitle },
      { key: context.t('moderation.entry.submittedBy'), value: review.submitterName },
      { key: context.t('moderation.item.requestedAt'), value: when(context, review.requestedAt) },
      ...(review.number ? [{ key: context.t('moderation.entry.number'), value: String(review.number) }] : []),
      ...decisionRows(context, review.decidedAt, review.reason),
    ],
  };
}
