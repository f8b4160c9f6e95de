import { AuditEntryDto, AuditPageDto } from '../../audit/dto/audit.dto';
import { LocalizedErrors } from '../forms/form-validation';
import { formatDateTime } from '../render/formats';
import { Page, WebContext } from '../render/page';
import { adminCrumbs } from './admin-home.view';
import { AUDIT_OBJECT_TYPES, AuditForm, auditHref, EMPTY_AUDIT_FORM } from './audit-filter';

/** Entries per page: each is a small card, so a phone scrolls through a page in a few swipes. */
export const AUDIT_PAGE_SIZE = 25;

type Names = Map<string, { fullName: string; email: string }>;

/** The date fields link to their first box (GOV.UK date input), the others to themselves. */
const SUMMARY_TARGETS: Record<string, string> = { from: '#from-day', to: '#to-day' };

function personText(context: WebContext, names: Names, id: string): string {
  const person = names.get(id);
  return person ? `${person.fullName} (${person.email})` : context.t('admin.audit.unknownUser', { id });
}

/** Where an entry's object can be looked at: a user's page, a contest's administration page. */
function objectHref(entry: AuditEntryDto): string | null {
  switch (entry.objectType) {
    case 'user':
      return `/admin/users/${entry.objectId}`;
    case 'contest':
      return `/admin/contests/${entry.objectId}`;
    default:
      return null;
  }
}

function objectTypeText(context: WebContext, type: string): string {
  return (AUDIT_OBJECT_TYPES as readonly string[]).includes(type)
    ? context.t(`admin.audit.objectTypes.${type}`)
    : type;
}

function entryView(context: WebContext, entry: AuditEntryDto, names: Names) {
  const details = Object.keys(entry.details ?? {}).length > 0 ? JSON.stringify(entry.details) : null;
  return {
    action: entry.action,
    at: formatDateTime(entry.at, context.locale),
    actor: entry.actorId ? personText(context, names, entry.actorId) : context.t('admin.audit.system'),
    // Fresh filters, not added to the current ones: "everything this person did".
    actorHref: entry.actorId ? auditHref({ ...EMPTY_AUDIT_FORM, actor: entry.actorId }) : null,
    objectType: objectTypeText(context, entry.objectType),
    object:
      entry.objectType === 'user' && names.has(entry.objectId)
        ? personText(context, names, entry.objectId)
        : entry.objectId,
    objectHref: objectHref(entry),
    historyHref: auditHref({ ...EMPTY_AUDIT_FORM, objectType: entry.objectType, objectId: entry.objectId }),
    reason: entry.reason,
    details,
  };
}

/** The filters that fold away under "more" once the log is filtered. */
const FOLDED_FIELDS = ['objectType', 'objectId', 'from', 'to'] as const;

function usesMore(form: AuditForm): boolean {
  const dates = [form.from, form.to].flatMap((parts) => [parts.day, parts.month, parts.year]);
  return Boolean(form.objectType || form.objectId || dates.some((part) => part !== ''));
}

/** The audit log: the filter form (GET) and the entries as stacked cards, "next page" by cursor. */
export function auditPage(
  context: WebContext,
  form: AuditForm,
  results: AuditPageDto | null,
  names: Names,
  errors?: LocalizedErrors,
): Page {
  const filtered = auditHref({ ...form, cursor: '' }) !== '/admin/audit';
  return {
    template: 'admin/audit.njk',
    title: context.t('admin.audit.title'),
    status: errors ? 400 : 200,
    errors: errors?.summary.map((item) => ({
      ...item,
      href: SUMMARY_TARGETS[item.href.slice(1)] ?? item.href,
    })),
    breadcrumbs: adminCrumbs(context),
    model: {
      form,
      fieldErrors: errors?.byField ?? {},
      filtered,
      moreOpen: !filtered || usesMore(form) || FOLDED_FIELDS.some((field) => errors?.byField[field]),
      objectTypeOptions: [
        { value: '', text: context.t('admin.audit.anyType'), selected: !form.objectType },
        ...AUDIT_OBJECT_TYPES.map((type) => ({
          value: type,
          text: objectTypeText(context, type),
          selected: form.objectType === type,
        })),
      ],
      entries: (results?.items ?? []).map((entry) => entryView(context, entry, names)),
      searched: results !== null,
      nextHref: results?.nextCursor ? auditHref(form, results.nextCursor) : null,
      firstHref: form.cursor ? auditHref({ ...form, cursor: '' }) : null,
    },
  };
}
