import { FieldError } from '../../common/errors/domain-error';
import { ContestDto } from '../../contests/dto/contest.dto';
import { ErrorItem, Link, Page, WebContext } from '../render/page';
import { contestActions } from './admin-contests.view';
import { ContestForm, LANGUAGES, MAX_NOMINATIONS, TEXT_FIELDS, WINDOW_FIELDS } from './contest-form';

export const LANGUAGE_NAMES: Record<string, string> = { ky: 'Кыргызча', ru: 'Русский', en: 'English' };

/** Where an error's message goes: the message key's kind, the element it links to, who it is about. */
interface ErrorPlace {
  kind: string;
  anchor: string;
  language?: string;
  nomination?: number;
}

/** The API's field paths (`nominations.1.title.ru`) as places in the form. */
function placeOf(field: string, code: string): ErrorPlace {
  const nomination = /^nominations\.(\d+)\.(title|winnersCount)(?:\.(ky|ru|en))?$/.exec(field);
  if (nomination) {
    const [, index, part, language] = nomination;
    const anchor =
      part === 'title'
        ? `nominations-${index}-title-${language ?? 'ky'}`
        : `nominations-${index}-winnersCount`;
    return {
      kind: part === 'title' ? 'nominationTitle' : 'winnersCount',
      anchor,
      language,
      nomination: Number(index),
    };
  }
  const text = /^(title|description|rules)(?:\.(ky|ru|en))?$/.exec(field);
  if (text) {
    return { kind: text[1], anchor: `${text[1]}-${text[2] ?? 'ky'}`, language: text[2] };
  }
  if ((WINDOW_FIELDS as readonly string[]).includes(field)) {
    return { kind: 'window', anchor: code === 'invalidTime' ? `${field}-time` : `${field}-day` };
  }
  if (field === 'votesPerVoter' || field === 'voterPolicy' || field === 'nominations') {
    return { kind: field, anchor: field };
  }
  return { kind: 'form', anchor: 'contest-form' };
}

/** Many API codes say the same thing to a person: one message per kind of problem. */
const PLAIN_CODES: Record<string, Record<string, string>> = {
  title: { atLeastOneLanguage: 'missing', maxLength: 'tooLong', minLength: 'missing', isString: 'missing' },
  description: {
    atLeastOneLanguage: 'missing',
    maxLength: 'tooLong',
    minLength: 'missing',
    isString: 'missing',
  },
  rules: { atLeastOneLanguage: 'missing', maxLength: 'tooLong', minLength: 'missing', isString: 'missing' },
  nominationTitle: { atLeastOneLanguage: 'missing', maxLength: 'tooLong', minLength: 'missing' },
  winnersCount: { isInt: 'range', min: 'range', max: 'range' },
  window: {
    required: 'missing',
    invalidDate: 'invalidDate',
    invalidTime: 'invalidTime',
    isIso8601: 'invalidDate',
    matches: 'invalidDate',
    windowsOutOfOrder: 'order',
    closed_window: 'closed',
  },
  votesPerVoter: { required: 'range', isInt: 'range', min: 'range', max: 'range', settings_locked: 'locked' },
  voterPolicy: { isIn: 'choose', settings_locked: 'locked' },
  nominations: { arrayMinSize: 'none', arrayMaxSize: 'tooMany' },
  form: { results_published: 'published' },
};

/** A refusal of the whole form carries the service's own localized words; a field rule, a plain fallback. */
function unplainMessage(context: WebContext, kind: string, error: FieldError): string {
  return kind === 'form' ? error.message : context.t('adminContests.errors.invalid');
}

export interface ContestFormErrors {
  byAnchor: Record<string, string>;
  summary: ErrorItem[];
}

/** The errors in the visitor's language, in the form's order, each linking to its field. */
export function contestFormErrors(context: WebContext, errors: FieldError[]): ContestFormErrors {
  const byAnchor: Record<string, string> = {};
  const order = anchorOrder();
  for (const error of errors) {
    const place = placeOf(error.field, error.code);
    const plain = PLAIN_CODES[place.kind]?.[error.code];
    const message = plain
      ? context.t(`adminContests.errors.${place.kind}.${plain}`, { max: MAX_NOMINATIONS })
      : unplainMessage(context, place.kind, error);
    const who = [
      place.nomination === undefined
        ? undefined
        : context.t('adminContests.form.nominationNumber', { number: place.nomination + 1 }),
      place.language ? LANGUAGE_NAMES[place.language] : undefined,
    ].filter(Boolean);
    byAnchor[place.anchor] ??= who.length ? `${who.join(', ')}: ${message}` : message;
  }
  const anchors = Object.keys(byAnchor).sort((a, b) => rank(order, a) - rank(order, b));
  return { byAnchor, summary: anchors.map((anchor) => ({ text: byAnchor[anchor], href: `#${anchor}` })) };
}

function anchorOrder(): string[] {
  const texts = LANGUAGES.flatMap((language) => TEXT_FIELDS.map((field) => `${field}-${language}`));
  const nominations = Array.from({ length: MAX_NOMINATIONS }, (_v, i) => [
    ...LANGUAGES.map((language) => `nominations-${i}-title-${language}`),
    `nominations-${i}-winnersCount`,
  ]).flat();
  const windows = WINDOW_FIELDS.flatMap((field) => [`${field}-day`, `${field}-time`]);
  return [
    'contest-form',
    ...texts,
    'nominations',
    ...nominations,
    ...windows,
    'votesPerVoter',
    'voterPolicy',
  ];
}

function rank(order: string[], anchor: string): number {
  const index = order.indexOf(anchor);
  return index === -1 ? order.length : index;
}

export interface EditorOptions {
  /** The contest being edited; absent when a new one is created. */
  contest?: ContestDto;
  errors?: ContestFormErrors;
  status?: number;
  /** Where a button press sent the focus back (the new row, the list after a removal). */
  focus?: string;
}

const WINDOW_HINT_FIELDS: Record<string, string> = {
  entriesOpenAt: 'entriesOpen',
  entriesCloseAt: 'entriesClose',
  votingOpensAt: 'votingOpens',
  votingClosesAt: 'votingCloses',
};

/** The contest editor, new or existing: the same builder for the form and its re-render after a POST. */
export function contestEditorPage(context: WebContext, form: ContestForm, options: EditorOptions = {}): Page {
  const contest = options.contest;
  const breadcrumbs: Link[] = [
    { text: context.t('adminContests.breadcrumb.admin'), href: '/admin' },
    { text: context.t('adminContests.list.title'), href: '/admin/contests' },
  ];
  return {
    template: 'admin-contests/editor.njk',
    title: contest ? context.t('adminContests.edit.title') : context.t('adminContests.new.title'),
    status: options.status,
    form: true,
    errors: options.errors?.summary,
    breadcrumbs,
    model: {
      isNew: !contest,
      action: contest ? `/admin/contests/${contest.id}` : '/admin/contests/new',
      contest: contest && {
        id: contest.id,
        title: contest.title,
        phase: context.t(`public.contests.phases.${contest.phase}`),
        published: contest.phase === 'results_published',
        nominations: contest.nominations.map((n) => ({
          title: n.title,
          winners: context.tn('adminContests.form.winners', n.winnersCount),
        })),
      },
      actions: contest && contestActions(context, contest),
      form,
      textLanguages: LANGUAGES.map((code) => ({ code, name: LANGUAGE_NAMES[code] })),
      windows: WINDOW_FIELDS.map((field) => ({
        field,
        label: context.t(`adminContests.form.windows.${WINDOW_HINT_FIELDS[field]}`),
        parts: form.windows[field],
      })),
      canAdd: form.nominations.length < MAX_NOMINATIONS,
      fieldErrors: options.errors?.byAnchor ?? {},
      focus: options.focus,
    },
  };
}
