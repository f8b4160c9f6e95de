import { Locale } from '../i18n/locale';

export type LocalizedText = Record<Locale, string>;

export interface FieldError {
  /** Dotted path of the member in the request body or query, e.g. `password` or `nominations.0.title`. */
  field: string;
  /** Stable machine code of the rule that failed, e.g. `minLength`, `commonPassword`, `unknownField`. */
  code: string;
  message: string;
}

export interface DomainErrorOptions {
  errors?: FieldError[];
  retryAfterSeconds?: number;
  /** What went wrong underneath (logged by the problem filter, never sent to the client). */
  cause?: unknown;
}

/**
 * The one error type that features throw. `code` is stable (clients and tests match on it); the
 * title is given in the three portal languages and chosen per request by the problem filter.
 */
export class DomainError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: LocalizedText,
    readonly options: DomainErrorOptions = {},
  ) {
    super(title.en, { cause: options.cause });
    this.name = 'DomainError';
  }
}

export const SERVICE_UNAVAILABLE = 'service_unavailable';
/** Long enough for a restart or failover to finish, short enough that a voter does not give up. */
export const SERVICE_UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

/** Errors shared by every feature; features define their own beside their services. */
export const CommonErrors = {
  validation: (errors: FieldError[]) =>
    new DomainError(
      400,
      'validation_failed',
      {
        en: 'The request is not valid',
        ru: 'Запрос содержит ошибки',
        ky: 'Суроодо каталар бар',
      },
      { errors },
    ),
  malformedBody: () =>
    new DomainError(400, 'malformed_body', {
      en: 'The request body could not be read',
      ru: 'Не удалось прочитать тело запроса',
      ky: 'Суроонун мазмунун окуу мүмкүн болгон жок',
    }),
  unauthenticated: () =>
    new DomainError(401, 'unauthenticated', {
      en: 'Sign in to continue',
      ru: 'Войдите, чтобы продолжить',
      ky: 'Улантуу үчүн кириңиз',
    }),
  forbidden: () =>
    new DomainError(403, 'forbidden', {
      en: 'You are not allowed to do this',
      ru: 'У вас нет прав на это действие',
      ky: 'Бул аракетке укугуңуз жок',
    }),
  emailNotConfirmed: () =>
    new DomainError(403, 'email_not_confirmed', {
      en: 'Confirm your email address first',
      ru: 'Сначала подтвердите адрес электронной почты',
      ky: 'Адегенде электрондук почтаңызды ырастаңыз',
    }),
  notFound: () =>
    new DomainError(404, 'not_found', {
      en: 'Not found',
      ru: 'Не найдено',
      ky: 'Табылган жок',
    }),
  unsupportedMediaType: () =>
    new DomainError(415, 'unsupported_media_type', {
      en: 'This content type is not supported',
      ru: 'Этот тип содержимого не поддерживается',
      ky: 'Бул мазмун түрү колдоого алынбайт',
    }),
  payloadTooLarge: () =>
    new DomainError(413, 'payload_too_large', {
      en: 'The request is too large',
      ru: 'Запрос слишком большой',
      ky: 'Суроо өтө чоң',
    }),
  rateLimited: (retryAfterSeconds: number) =>
    new DomainError(
      429,
      'rate_limited',
      {
        en: 'Too many attempts; try again later',
        ru: 'Слишком много попыток; повторите позже',
        ky: 'Аракеттер өтө көп; кийинчерээк кайталаңыз',
      },
      { retryAfterSeconds },
    ),
  /** The portal's own overload caps (the password-hash queue): the portal, not a dependency, is full. */
  overloaded: () =>
    new DomainError(
      503,
      'service_busy',
      {
        en: 'The portal is busy; try again in a moment',
        ru: 'Портал перегружен; повторите через минуту',
        ky: 'Портал бош эмес; бир аздан кийин кайталаңыз',
      },
      { retryAfterSeconds: 2 },
    ),
  /**
   * A dependency the request needs (PostgreSQL, the rate-limit store) cannot be reached or cannot
   * serve now: down, restarting, read-only, too slow, or no pooled connection within the acquire
   * timeout. Nothing about the caller is judged from it; the same request may simply be sent again.
   */
  serviceUnavailable: (cause: unknown) =>
    new DomainError(
      503,
      SERVICE_UNAVAILABLE,
      {
        en: 'The portal is temporarily unavailable; try again in a minute',
        ru: 'Портал временно недоступен; повторите через минуту',
        ky: 'Портал убактылуу жеткиликсиз; бир мүнөттөн кийин кайталаңыз',
      },
      { retryAfterSeconds: SERVICE_UNAVAILABLE_RETRY_AFTER_SECONDS, cause },
    ),
  internal: () =>
    new DomainError(500, 'internal_error', {
      en: 'Something went wrong on our side',
      ru: 'На нашей стороне произошла ошибка',
      ky: 'Биз тараптан ката кетти',
    }),
};
