import { Locale } from '../../common/i18n/locale';

/** Dates and numbers as each language writes them; times in Bishkek, where the portal's users are. */
const TIME_ZONE = 'Asia/Bishkek';
const INTL_LOCALE: Record<Locale, string> = { ky: 'ky-KG', ru: 'ru-RU', en: 'en-GB' };

export function formatNumber(value: number, locale: Locale): string {
  return new Intl.NumberFormat(INTL_LOCALE[locale]).format(value);
}

export function formatDate(value: Date | string, locale: Locale): string {
  return new Intl.DateTimeFormat(INTL_LOCALE[locale], { dateStyle: 'long', timeZone: TIME_ZONE }).format(
    new Date(value),
  );
}

export function formatDateTime(value: Date | string, locale: Locale): string {
  return new Intl.DateTimeFormat(INTL_LOCALE[locale], {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: TIME_ZONE,
  }).format(new Date(value));
}
