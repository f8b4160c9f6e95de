import { isUUID } from 'class-validator';
import { FieldError } from '../../common/errors/domain-error';
import { BISHKEK_OFFSET_MS, calendarDate } from '../forms/bishkek-date-time';

const DAY_MS = 86_400_000;

/** The filter's fields, in the order the error summary lists them. */
export const AUDIT_FIELDS = ['actor', 'action', 'objectType', 'objectId', 'from', 'to'] as const;

/** Object types the audit log records (AuditService callers), offered as a select. */
export const AUDIT_OBJECT_TYPES = [
  'user',
  'practice',
  'contest',
  'contest_entry',
  'representative_membership',
  'voter_verification',
  'vote',
  'email',
] as const;

const TEXT_PARAMS = ['actor', 'action', 'objectType', 'objectId', 'cursor'] as const;
const DATE_PARTS = ['day', 'month', 'year'] as const;

export interface DateParts {
  day: string;
  month: string;
  year: string;
}

/** What was typed, as strings (a GET form: the address is the filter, so it can be bookmarked). */
export interface AuditForm {
  actor: string;
  action: string;
  objectType: string;
  objectId: string;
  cursor: string;
  from: DateParts;
  to: DateParts;
}

/** The filter as the service takes it, before the actor's email is looked up. */
export interface AuditFilter {
  actor?: { id: string } | { email: string };
  action?: string;
  objectType?: string;
  objectId?: string;
  /** ISO 8601 instants: from the start of the first day to the end of the last, Bishkek time. */
  from?: string;
  to?: string;
  cursor?: string;
}

const NO_DATE: DateParts = { day: '', month: '', year: '' };

/** No filter at all: the whole log. */
export const EMPTY_AUDIT_FORM: AuditForm = {
  actor: '',
  action: '',
  objectType: '',
  objectId: '',
  cursor: '',
  from: NO_DATE,
  to: NO_DATE,
};

function param(raw: Record<string, unknown>, name: string): string {
  const value = raw[name];
  return typeof value === 'string' ? value.trim() : '';
}

export function readAuditForm(raw: Record<string, unknown>): AuditForm {
  const dateOf = (prefix: string): DateParts => ({
    day: param(raw, `${prefix}-day`),
    month: param(raw, `${prefix}-month`),
    year: param(raw, `${prefix}-year`),
  });
  const texts = Object.fromEntries(TEXT_PARAMS.map((name) => [name, param(raw, name)])) as Record<
    (typeof TEXT_PARAMS)[number],
    string
  >;
  return { ...texts, from: dateOf('from'), to: dateOf('to') };
}

/**
 * The midnight that starts a Bishkek calendar day, or what is wrong with the typed day: `incomplete`
 * (some parts missing) or `invalid` (not a real date, e.g. 30 February). All parts empty: no date.
 */
export function bishkekMidnight(
  parts: DateParts,
): { at: Date } | { problem: 'incomplete' | 'invalid' } | null {
  const filled = DATE_PARTS.filter((part) => parts[part] !== '');
  if (filled.length === 0) {
    return null;
  }
  if (filled.length < DATE_PARTS.length) {
    return { problem: 'incomplete' };
  }
  const date = calendarDate(parts.day, parts.month, parts.year);
  if (!date) {
    return { problem: 'invalid' };
  }
  return { at: new Date(Date.UTC(date.y, date.m - 1, date.d) - BISHKEK_OFFSET_MS) };
}

/**
 * The typed filter checked field by field; the actor is an email address or a user id. A period is
 * whole days in Bishkek time: "to" includes its day. Length limits are the API DTO's (checked later).
 */
export function parseAuditFilter(form: AuditForm): { filter: AuditFilter; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const filter: AuditFilter = {};
  if (form.actor) {
    if (isUUID(form.actor)) {
      filter.actor = { id: form.actor.toLowerCase() };
    } else if (/^[^\s@]+@[^\s@]+$/.test(form.actor)) {
      filter.actor = { email: form.actor };
    } else {
      errors.push({ field: 'actor', code: 'format', message: 'an email address or a user id' });
    }
  }
  if (form.objectType) {
    if ((AUDIT_OBJECT_TYPES as readonly string[]).includes(form.objectType)) {
      filter.objectType = form.objectType;
    } else {
      errors.push({ field: 'objectType', code: 'unknown', message: 'not an object type' });
    }
  }
  filter.action = form.action || undefined;
  filter.objectId = form.objectId || undefined;
  filter.cursor = form.cursor || undefined;
  const from = bishkekMidnight(form.from);
  const to = bishkekMidnight(form.to);
  for (const [field, parsed] of [
    ['from', from],
    ['to', to],
  ] as const) {
    if (parsed && 'problem' in parsed) {
      errors.push({ field, code: parsed.problem, message: `the ${field} date is ${parsed.problem}` });
    }
  }
  if (from && 'at' in from) {
    filter.from = from.at.toISOString();
  }
  if (to && 'at' in to) {
    filter.to = new Date(to.at.getTime() + DAY_MS).toISOString();
  }
  if (from && 'at' in from && to && 'at' in to && to.at < from.at) {
    errors.push({ field: 'to', code: 'beforeFrom', message: 'the period ends before it starts' });
  }
  return { filter, errors };
}

/** The audit log's address with this filter (and a cursor), for "next page" and bookmarks. */
export function auditHref(form: AuditForm, cursor?: string): string {
  const params = new URLSearchParams();
  for (const name of ['actor', 'action', 'objectType', 'objectId'] as const) {
    if (form[name]) {
      params.set(name, form[name]);
    }
  }
  for (const prefix of ['from', 'to'] as const) {
    for (const part of DATE_PARTS) {
      if (form[prefix][part]) {
        params.set(`${prefix}-${part}`, form[prefix][part]);
      }
    }
  }
  if (cursor) {
    params.set('cursor', cursor);
  }
  const query = params.toString();
  return query ? `/admin/audit?${query}` : '/admin/audit';
}
