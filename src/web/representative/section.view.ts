import { PRACTICE_LANGUAGES } from '../../practices/entities/practice.entity';
import { PracticeDto } from '../../practices/dto/practice.dto';
import { FormErrors, LocalizedErrors } from '../forms/form-validation';
import { formatNumber } from '../render/formats';
import { Page, WebContext } from '../render/page';
import { practiceBreadcrumbs } from './my-page-parts';
import {
  CHARACTER_LIMITS,
  formOfPractice,
  PracticeField,
  PracticeForm,
  sectionDigest,
  SECTIONS,
  SectionKey,
} from './practice-form';

export interface CategoryChoice {
  id: string;
  name: string;
}

type FieldKind = 'text' | 'textarea' | 'select' | 'radios' | 'year' | 'email' | 'tel' | 'tags';

const FIELD_KINDS: Record<PracticeField, FieldKind> = {
  title: 'textarea',
  summary: 'textarea',
  categoryId: 'select',
  language: 'radios',
  startYear: 'year',
  endYear: 'year',
  tags: 'tags',
  problem: 'textarea',
  solution: 'textarea',
  results: 'textarea',
  resources: 'textarea',
  replicability: 'textarea',
  contactName: 'text',
  contactPhone: 'tel',
  contactEmail: 'email',
};

const AUTOCOMPLETE: Partial<Record<PracticeField, string>> = {
  contactName: 'name',
  contactPhone: 'tel',
  contactEmail: 'email',
};

/** Short one-line texts get a small box; the long ones room to write. */
const ROWS: Partial<Record<PracticeField, number>> = { title: 2, summary: 4 };

const PLURAL_FORMS = ['one', 'few', 'many', 'other'] as const;

/** The forms of a counted message that this language has (GOV.UK's script fills `%{count}`). */
function countedTexts(context: WebContext, key: 'under' | 'over'): Record<string, string> {
  const texts: Record<string, string> = {};
  for (const form of PLURAL_FORMS) {
    const name = `my.count.${key}.${form}`;
    const text = context.t(name);
    if (text !== name) {
      texts[form] = text;
    }
  }
  return texts;
}

/** The character count's words: the limit stated without JavaScript, the live count with it. */
function characterCountTexts(context: WebContext, limit: number | undefined) {
  if (limit === undefined) {
    return undefined;
  }
  return {
    textareaDescriptionText: context.t('my.count.description', {
      limit: formatNumber(limit, context.locale),
    }),
    charactersUnderLimitText: countedTexts(context, 'under'),
    charactersAtLimitText: context.t('my.count.atLimit'),
    charactersOverLimitText: countedTexts(context, 'over'),
  };
}

/** One field as the section template draws it (the template picks the GOV.UK macro by `kind`). */
function fieldModel(
  context: WebContext,
  field: PracticeField,
  value: string,
  error: string | undefined,
  categories: CategoryChoice[],
) {
  const kind = FIELD_KINDS[field];
  return {
    name: field,
    kind,
    label: context.t(`my.fields.${field}.label`),
    hint: context.t(`my.fields.${field}.hint`),
    value,
    error,
    maxlength: CHARACTER_LIMITS[field],
    count: characterCountTexts(context, CHARACTER_LIMITS[field]),
    rows: ROWS[field] ?? 8,
    autocomplete: AUTOCOMPLETE[field],
    items: itemsOf(context, field, value, categories),
  };
}

function itemsOf(context: WebContext, field: PracticeField, value: string, categories: CategoryChoice[]) {
  if (field === 'categoryId') {
    return [{ value: '', text: context.t('my.fields.categoryId.choose') }].concat(
      categories.map((c) => ({ value: c.id, text: c.name, selected: c.id === value })),
    );
  }
  if (field === 'language') {
    return PRACTICE_LANGUAGES.map((language) => ({
      value: language,
      text: context.t(`my.fields.language.${language}`),
      checked: language === value,
    }));
  }
  return undefined;
}

export function fieldsModel(
  context: WebContext,
  fields: readonly PracticeField[],
  form: Partial<PracticeForm>,
  errors: FormErrors,
  categories: CategoryChoice[],
) {
  return fields.map((field) => fieldModel(context, field, form[field] ?? '', errors[field], categories));
}

export function aboutFieldsModel(
  context: WebContext,
  form: Partial<PracticeForm>,
  categories: CategoryChoice[],
  errors: FormErrors = {},
) {
  return { fields: fieldsModel(context, SECTIONS.about, form, errors, categories) };
}

/** A saved value as people read it (a category by name, a language by name, ongoing for no end). */
export function displayValue(
  context: WebContext,
  field: PracticeField,
  value: string,
  categories: CategoryChoice[],
): string {
  if (field === 'categoryId') {
    return categories.find((c) => c.id === value)?.name ?? '';
  }
  if (field === 'language') {
    return value ? context.t(`my.fields.language.${value}`) : '';
  }
  if (field === 'endYear' && value === '') {
    return context.t('my.fields.endYear.ongoing');
  }
  return value;
}

/** What the section's page was loaded from: the practice's version and the section's fingerprint. */
export interface SectionBase {
  version: number;
  /** sectionDigest of the section's values at that version. */
  digest: string;
}

/** The base of a section's page loaded from the saved practice. */
export function sectionBase(practice: PracticeDto, section: SectionKey): SectionBase {
  return { version: practice.version, digest: sectionDigest(formOfPractice(practice), SECTIONS[section]) };
}

export interface SectionConflict {
  /** The fields as the colleague saved them (now the current version). */
  saved: Partial<PracticeForm>;
}

/** `/my/practices/:id/sections/:section`: one section's fields, saved as a draft by its button. */
export function sectionPage(
  context: WebContext,
  practice: PracticeDto,
  section: SectionKey,
  form: Partial<PracticeForm>,
  base: SectionBase,
  categories: CategoryChoice[],
  extra: {
    errors?: LocalizedErrors;
    conflict?: SectionConflict;
    reason?: string | null;
    status?: number;
  } = {},
): Page {
  const fields = SECTIONS[section];
  return {
    template: 'my/section.njk',
    title: context.t(`my.sections.${section}.title`),
    status: extra.status ?? 200,
    form: true,
    errors: extra.errors?.summary,
    breadcrumbs: practiceBreadcrumbs(context, practice),
    model: {
      action: `/my/practices/${practice.id}/sections/${section}`,
      backHref: `/my/practices/${practice.id}`,
      practiceTitle: practice.title,
      version: base.version,
      digest: base.digest,
      reason: extra.reason ?? null,
      reasonHeading: context.t('my.reason.changesHeading'),
      fields: fieldsModel(context, fields, form, extra.errors?.byField ?? {}, categories),
      conflictRows: extra.conflict
        ? fields.map((field) => ({
            key: { text: context.t(`my.fields.${field}.label`) },
            value: { text: displayValue(context, field, extra.conflict!.saved[field] ?? '', categories) },
          }))
        : null,
    },
  };
}
