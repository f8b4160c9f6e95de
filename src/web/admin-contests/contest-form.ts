import { FieldError } from '../../common/errors/domain-error';
import { ContestDto } from '../../contests/dto/contest.dto';
import { LocalizedText } from '../../contests/localized-text';
import { bishkekParts, DateTimeParts, parseBishkekDateTime, sameMinute } from '../forms/bishkek-date-time';
import { optionalText, text } from '../forms/form-validation';

export const LANGUAGES = ['ky', 'ru', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const TEXT_FIELDS = ['title', 'description', 'rules'] as const;
export type TextField = (typeof TEXT_FIELDS)[number];
export const WINDOW_FIELDS = ['entriesOpenAt', 'entriesCloseAt', 'votingOpensAt', 'votingClosesAt'] as const;
export type WindowField = (typeof WINDOW_FIELDS)[number];
/** The API's limit (CreateContestDto's ArrayMaxSize): "add another" stops there. */
export const MAX_NOMINATIONS = 30;

export interface NominationRow {
  ky: string;
  ru: string;
  en: string;
  winnersCount: string;
}

/** The contest form exactly as typed (strings), so a re-render shows what was there. */
export interface ContestForm {
  texts: Record<TextField, Record<Language, string>>;
  nominations: NominationRow[];
  windows: Record<WindowField, DateTimeParts>;
  votesLimit: 'limited' | 'unlimited';
  votesPerVoter: string;
  voterPolicy: string;
  showLiveCounts: boolean;
  allowRetract: boolean;
}

/** What a press of one of the form's buttons asks for. */
export type FormIntent = { kind: 'save' } | { kind: 'add' } | { kind: 'remove'; index: number };

export function emptyNomination(): NominationRow {
  return { ky: '', ru: '', en: '', winnersCount: '1' };
}

export function blankContestForm(): ContestForm {
  const noDate = { day: '', month: '', year: '', time: '' };
  return {
    texts: {
      title: { ky: '', ru: '', en: '' },
      description: { ky: '', ru: '', en: '' },
      rules: { ky: '', ru: '', en: '' },
    },
    nominations: [emptyNomination()],
    windows: {
      entriesOpenAt: { ...noDate, time: '09:00' },
      entriesCloseAt: { ...noDate, time: '18:00' },
      votingOpensAt: { ...noDate, time: '09:00' },
      votingClosesAt: { ...noDate, time: '18:00' },
    },
    votesLimit: 'limited',
    votesPerVoter: '1',
    voterPolicy: 'verified',
    showLiveCounts: false,
    allowRetract: true,
  };
}

/** A stored contest as the form shows it: dates in Bishkek time. */
export function contestToForm(contest: ContestDto): ContestForm {
  const languages = (value: LocalizedText) => ({
    ky: value.ky ?? '',
    ru: value.ru ?? '',
    en: value.en ?? '',
  });
  return {
    texts: {
      title: languages(contest.translations.title),
      description: languages(contest.translations.description),
      rules: languages(contest.translations.rules),
    },
    nominations: [],
    windows: Object.fromEntries(WINDOW_FIELDS.map((f) => [f, bishkekParts(contest[f])])) as Record<
      WindowField,
      DateTimeParts
    >,
    votesLimit: contest.votesPerVoter === null ? 'unlimited' : 'limited',
    votesPerVoter: contest.votesPerVoter === null ? '' : String(contest.votesPerVoter),
    voterPolicy: contest.voterPolicy,
    showLiveCounts: contest.showLiveCounts,
    allowRetract: contest.allowRetract,
  };
}

/** The posted strings as a form (names as the template writes them: `title.ky`, `nominations.0.en`). */
export function readContestForm(body: Record<string, unknown>): ContestForm {
  const field = (name: string) => text(body[name]);
  const languages = (prefix: string) => ({
    ky: field(`${prefix}.ky`),
    ru: field(`${prefix}.ru`),
    en: field(`${prefix}.en`),
  });
  return {
    texts: {
      title: languages('title'),
      description: languages('description'),
      rules: languages('rules'),
    },
    nominations: nominationIndexes(body).map((i) => ({
      ...languages(`nominations.${i}.title`),
      winnersCount: field(`nominations.${i}.winnersCount`),
    })),
    windows: Object.fromEntries(
      WINDOW_FIELDS.map((f) => [
        f,
        {
          day: field(`${f}-day`),
          month: field(`${f}-month`),
          year: field(`${f}-year`),
          time: field(`${f}-time`),
        },
      ]),
    ) as Record<WindowField, DateTimeParts>,
    votesLimit: field('votesLimit') === 'unlimited' ? 'unlimited' : 'limited',
    votesPerVoter: field('votesPerVoter'),
    voterPolicy: field('voterPolicy'),
    showLiveCounts: field('showLiveCounts') === 'true',
    allowRetract: field('allowRetract') === 'true',
  };
}

/** The rows posted, in order (indexes may have gaps after a removal; at most the API's limit). */
function nominationIndexes(body: Record<string, unknown>): number[] {
  const indexes = new Set<number>();
  for (const key of Object.keys(body)) {
    const match = /^nominations\.(\d{1,2})\./.exec(key);
    if (match) {
      indexes.add(Number(match[1]));
    }
  }
  return [...indexes].sort((a, b) => a - b).slice(0, MAX_NOMINATIONS);
}

export function readIntent(body: Record<string, unknown>): FormIntent {
  const intent = text(body.intent);
  if (intent === 'add') {
    return { kind: 'add' };
  }
  const remove = /^remove-(\d{1,2})$/.exec(intent);
  return remove ? { kind: 'remove', index: Number(remove[1]) } : { kind: 'save' };
}

/** "Add another" and "Remove" change only the rows; everything else typed stays as it was. */
export function applyRowIntent(form: ContestForm, intent: FormIntent): ContestForm {
  if (intent.kind === 'add' && form.nominations.length < MAX_NOMINATIONS) {
    return { ...form, nominations: [...form.nominations, emptyNomination()] };
  }
  if (intent.kind === 'remove') {
    return { ...form, nominations: form.nominations.filter((_row, i) => i !== intent.index) };
  }
  return form;
}

function localized(values: Record<Language, string>): LocalizedText {
  const result: LocalizedText = {};
  for (const language of LANGUAGES) {
    const value = optionalText(values[language]);
    if (value !== undefined) {
      result[language] = value;
    }
  }
  return result;
}

function hasAny(values: Record<Language, string>): boolean {
  return LANGUAGES.some((language) => optionalText(values[language]) !== undefined);
}

/** A form integer: "12" → 12; anything else is left as typed for the DTO to refuse as not an integer. */
function integer(value: string): number | string | undefined {
  const trimmed = value.trim();
  if (trimmed === '') {
    return undefined;
  }
  return /^\d{1,6}$/.test(trimmed) ? Number(trimmed) : trimmed;
}

export interface Converted {
  values: Record<string, unknown>;
  /** What the form itself finds wrong before the API's rules: dates, a title in no language. */
  errors: FieldError[];
}

function convertTexts(form: ContestForm, errors: FieldError[]): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const field of TEXT_FIELDS) {
    if (!hasAny(form.texts[field])) {
      errors.push({ field, code: 'atLeastOneLanguage', message: `give ${field} in at least one language` });
    }
    values[field] = localized(form.texts[field]);
  }
  return values;
}

function convertWindows(
  form: ContestForm,
  errors: FieldError[],
  unchanged?: ContestDto,
): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const field of WINDOW_FIELDS) {
    const parsed = parseBishkekDateTime(form.windows[field]);
    if ('problem' in parsed) {
      errors.push({ field, code: parsed.problem, message: `${field}: ${parsed.problem}` });
    } else if (!unchanged || !sameMinute(parsed.iso, unchanged[field])) {
      values[field] = parsed.iso;
    }
  }
  return values;
}

function votesPerVoter(form: ContestForm, errors: FieldError[]): number | string | null | undefined {
  if (form.votesLimit === 'unlimited') {
    return null;
  }
  const limit = integer(form.votesPerVoter);
  if (limit === undefined) {
    errors.push({ field: 'votesPerVoter', code: 'required', message: 'votes per voter' });
  }
  return limit;
}

/** The form as the API's CreateContestDto values. */
export function toCreateValues(form: ContestForm): Converted {
  const errors: FieldError[] = [];
  const values: Record<string, unknown> = {
    ...convertTexts(form, errors),
    nominations: form.nominations.map((row, i) => {
      if (!hasAny(row)) {
        errors.push({ field: `nominations.${i}.title`, code: 'atLeastOneLanguage', message: 'no title' });
      }
      return { title: localized(row), winnersCount: integer(row.winnersCount) };
    }),
    ...convertWindows(form, errors),
    votesPerVoter: votesPerVoter(form, errors),
    voterPolicy: form.voterPolicy || undefined,
    showLiveCounts: form.showLiveCounts,
    allowRetract: form.allowRetract,
  };
  return { values, errors };
}

/**
 * The form as UpdateContestDto values: only what changed among the dates and the locked settings,
 * so an untouched past date or setting is never sent (the service refuses to move those).
 */
export function toUpdateValues(form: ContestForm, current: ContestDto): Converted {
  const errors: FieldError[] = [];
  const values: Record<string, unknown> = {
    ...convertTexts(form, errors),
    ...convertWindows(form, errors, current),
    showLiveCounts: form.showLiveCounts,
    allowRetract: form.allowRetract,
  };
  const limit = votesPerVoter(form, errors);
  if (limit !== current.votesPerVoter) {
    values.votesPerVoter = limit;
  }
  if (form.voterPolicy !== current.voterPolicy) {
    values.voterPolicy = form.voterPolicy || undefined;
  }
  return { values, errors };
}
