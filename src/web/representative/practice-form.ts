import { createHash } from 'node:crypto';
import { DomainError, FieldError } from '../../common/errors/domain-error';
import { CreatePracticeDto } from '../../practices/dto/practice-input.dto';
import { PracticeDto } from '../../practices/dto/practice.dto';
import { optionalText, text, validateAgainst } from '../forms/form-validation';

/** Every member of a practice as the form posts it: strings, exactly as typed. */
export const PRACTICE_FIELDS = [
  'title',
  'summary',
  'categoryId',
  'language',
  'startYear',
  'endYear',
  'tags',
  'problem',
  'solution',
  'results',
  'resources',
  'replicability',
  'contactName',
  'contactPhone',
  'contactEmail',
] as const;
export type PracticeField = (typeof PRACTICE_FIELDS)[number];
export type PracticeForm = Record<PracticeField, string>;

/**
 * The form's sections (GOV.UK task list), in the order a representative writes them. The first one
 * holds what a new draft needs at once (see PracticesService.startDraft).
 */
export const SECTIONS = {
  about: ['title', 'summary', 'categoryId', 'language', 'startYear', 'endYear', 'tags'],
  story: ['problem', 'solution'],
  outcome: ['results', 'resources'],
  replicability: ['replicability'],
  contact: ['contactName', 'contactPhone', 'contactEmail'],
} as const satisfies Record<string, readonly PracticeField[]>;
export type SectionKey = keyof typeof SECTIONS;
export const SECTION_KEYS = Object.keys(SECTIONS) as SectionKey[];

export function isSectionKey(value: unknown): value is SectionKey {
  return typeof value === 'string' && Object.hasOwn(SECTIONS, value);
}

/** Members that may be left empty: an empty one is absent (null in an edit: cleared). */
const OPTIONAL_FIELDS: readonly PracticeField[] = ['endYear', 'tags', 'contactPhone', 'contactEmail'];
const YEAR_FIELDS: readonly PracticeField[] = ['startYear', 'endYear'];

/** The limits the API states, shown by the character counts (the DTO's MaxLength rules). */
export const CHARACTER_LIMITS: Partial<Record<PracticeField, number>> = {
  title: 200,
  summary: 500,
  problem: 20_000,
  solution: 20_000,
  results: 20_000,
  resources: 20_000,
  replicability: 20_000,
};

export type SectionStatus = 'notStarted' | 'inProgress' | 'completed';

export function formOfPractice(practice: PracticeDto): PracticeForm {
  return {
    title: practice.title,
    summary: practice.summary,
    categoryId: practice.category.id,
    language: practice.language,
    startYear: String(practice.startYear),
    endYear: practice.endYear === null ? '' : String(practice.endYear),
    tags: practice.tags.join(', '),
    problem: practice.problem,
    solution: practice.solution,
    results: practice.results,
    resources: practice.resources,
    replicability: practice.replicability,
    contactName: practice.contactName,
    contactPhone: practice.contactPhone ?? '',
    contactEmail: practice.contactEmail ?? '',
  };
}

/** The posted fields of one section (others are not on its page), as typed. */
export function formOfBody(
  fields: readonly PracticeField[],
  body: Record<string, unknown>,
): Partial<PracticeForm> {
  return Object.fromEntries(fields.map((field) => [field, text(body[field])]));
}

/** Tags as people type them: separated by commas; blanks between commas are ignored. */
export function tagsOf(typed: string): string[] {
  return typed
    .split(',')
    .map((tag) => tag.trim())
    .filter(Boolean);
}

/** A year as typed: a whole number becomes a number, anything else stays text for the DTO to refuse. */
function yearOf(typed: string): number | string {
  return /^\s*\d{1,6}\s*$/.test(typed) ? Number(typed) : typed.trim();
}

/**
 * Turns the typed strings of `fields` into the API DTO's members. An empty optional member is
 * `emptyAs` (null in an edit clears it; undefined when creating leaves it out).
 */
export function dtoValuesOf(
  form: Partial<PracticeForm>,
  fields: readonly PracticeField[],
  emptyAs: null | undefined,
): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const field of fields) {
    const typed = form[field] ?? '';
    if (OPTIONAL_FIELDS.includes(field) && optionalText(typed) === undefined) {
      values[field] = field === 'tags' ? [] : emptyAs;
    } else if (field === 'tags') {
      values[field] = tagsOf(typed);
    } else if (YEAR_FIELDS.includes(field)) {
      values[field] = yearOf(typed);
    } else {
      values[field] = typed.trim();
    }
  }
  return values;
}

/** A required field left empty says "fill in" rather than the length or format it missed. */
export function requiredEmptyErrors(
  form: Partial<PracticeForm>,
  fields: readonly PracticeField[],
): FieldError[] {
  return fields
    .filter((field) => !OPTIONAL_FIELDS.includes(field) && (form[field] ?? '').trim() === '')
    .map((field) => ({ field, code: 'required', message: `${field} is required` }));
}

/** Rules about the kind of value: "enter a whole number" says more than "at most 2027" for "twenty". */
const KIND_CODES = new Set(['isInt', 'isString', 'isArray', 'isUuid', 'isIn']);

/**
 * Field errors first from "fill in", then the DTO's rules for the fields that have something; for
 * each field a wrong kind of value comes before its limits (a field shows one message).
 */
export function mergeErrors(required: FieldError[], rules: FieldError[]): FieldError[] {
  const empty = new Set(required.map((error) => error.field));
  const rest = rules.filter((error) => !empty.has(error.field));
  const kindFirst = [
    ...rest.filter((e) => KIND_CODES.has(e.code)),
    ...rest.filter((e) => !KIND_CODES.has(e.code)),
  ];
  return [...required, ...kindFirst];
}

/** A section's values as the service stores them (tags deduplicated case-insensitively), as one string. */
function comparableSection(form: Partial<PracticeForm>, fields: readonly PracticeField[]): string {
  const values = dtoValuesOf(form, fields, null);
  if (Array.isArray(values.tags)) {
    values.tags = [...new Set((values.tags as string[]).map((tag) => tag.toLowerCase()))];
  }
  return JSON.stringify(values);
}

/**
 * Whether the saved practice already holds what was typed in these fields. A save refused as stale
 * that matches is the user's own earlier click.
 */
export function sameAsSaved(
  typed: Partial<PracticeForm>,
  saved: PracticeForm,
  fields: readonly PracticeField[],
): boolean {
  return comparableSection(typed, fields) === comparableSection(saved, fields);
}

/**
 * A fingerprint of a section's saved values, carried by its form beside the version. When a save is
 * stale only because a colleague saved another section, the fingerprint still matches the section's
 * saved values and the save goes through: a conflict is shown only where the same fields changed.
 */
export function sectionDigest(saved: Partial<PracticeForm>, fields: readonly PracticeField[]): string {
  return createHash('sha256').update(comparableSection(saved, fields)).digest('base64url').slice(0, 22);
}

/** The service's own refusals of a form's values (end before start, unknown category) at their fields. */
export function serviceFieldErrors(error: unknown): FieldError[] | undefined {
  if (error instanceof DomainError && error.code === 'validation_failed') {
    return error.options.errors ?? [];
  }
  return undefined;
}

/**
 * Each section's status from the saved practice measured against the API's rules for a complete
 * one: completed when none of its fields fails, not started while its required texts are empty.
 */
export async function sectionStatuses(practice: PracticeDto): Promise<Record<SectionKey, SectionStatus>> {
  const form = formOfPractice(practice);
  const { errors } = await validateAgainst(CreatePracticeDto, dtoValuesOf(form, PRACTICE_FIELDS, undefined));
  const failing = new Set(errors.map((error) => error.field.split('.')[0]));
  const statuses = {} as Record<SectionKey, SectionStatus>;
  for (const key of SECTION_KEYS) {
    const fields: readonly PracticeField[] = SECTIONS[key];
    const required = fields.filter((field) => !OPTIONAL_FIELDS.includes(field));
    if (!fields.some((field) => failing.has(field))) {
      statuses[key] = 'completed';
    } else if (required.every((field) => form[field].trim() === '')) {
      statuses[key] = 'notStarted';
    } else {
      statuses[key] = 'inProgress';
    }
  }
  return statuses;
}
