import { Locale, LOCALES } from '../../common/i18n/locale';

/** Dates and numbers as each language writes them; times in Bishkek, where the portal's users are. */
const TIME_ZONE = 'Asia/Bishkek';
const INTL_LOCALE: Record<Locale, string> = { ky: 'ky-KG', ru: 'ru-RU', en: 'en-GB' };

/**
 * One formatter per language, made once: constructing an Intl formatter costs far more than using
 * it, and a contest page formats a dozen dates (bench:pages profile).
 */
function perLocale<T>(make: (intlLocale: string) => T): Record<Locale, T> {
  return Object.fromEntries(LOCALES.map((locale) => [locale, make(INTL_LOCALE[locale])])) as Record<
    Locale,
    T
  >;
}

const NUMBER = perLocale((l) => new Intl.NumberFormat(l));
const DATE = perLocale((l) => new Intl.DateTimeFormat(l, { dateStyle: 'long', timeZone: TIME_ZONE }));
const DATE_TIME = perLocale(
  (l) => new Intl.DateTimeFormat(l, { dateStyle: 'long', timeStyle: 'short', timeZone: TIME_ZONE }),
);

export function formatNumber(value: number, locale: Locale): string {
  return NUMBER[locale].format(value);
}

export function formatDate(value: Date | string, locale: Locale): string {
  return DATE[locale].format(new Date(value));
}

export function formatDateTime(value: Date | string, locale: Locale): string {
  return DATE_TIME[locale].format(new Date(value));
}
