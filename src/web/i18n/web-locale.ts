import { FastifyRequest } from 'fastify';
import { DEFAULT_LOCALE, isLocale, Locale, localeFromAcceptLanguage } from '../../common/i18n/locale';

export const LANG_COOKIE = 'lang';

export interface LocaleChoice {
  locale: Locale;
  /** Set when `?lang=` chose the language: the response remembers it in the `lang` cookie. */
  remember: boolean;
}

/**
 * The website's order (WEB.md §2): `?lang=` (remembered in a cookie) > the `lang` cookie > the
 * signed-in user's saved language > Accept-Language > Russian. A GET never changes the profile.
 */
export function chooseWebLocale(request: FastifyRequest, savedLocale: Locale | undefined): LocaleChoice {
  const query = request.query as Record<string, unknown> | undefined;
  if (isLocale(query?.lang)) {
    return { locale: query.lang, remember: request.cookies[LANG_COOKIE] !== query.lang };
  }
  const cookie = request.cookies[LANG_COOKIE];
  if (isLocale(cookie)) {
    return { locale: cookie, remember: false };
  }
  return {
    locale: savedLocale ?? localeFromAcceptLanguage(request.headers['accept-language']) ?? DEFAULT_LOCALE,
    remember: false,
  };
}
