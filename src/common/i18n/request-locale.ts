import { FastifyRequest } from 'fastify';
import { DEFAULT_LOCALE, isLocale, Locale, localeFromAcceptLanguage } from './locale';

interface WithUserLocale {
  user?: { locale?: Locale };
}

/** `?lang=` wins over Accept-Language, then the signed-in user's locale, then Russian (§3.1). */
export function requestLocale(request: FastifyRequest): Locale {
  const query = request.query as Record<string, unknown> | undefined;
  if (isLocale(query?.lang)) {
    return query.lang;
  }
  return (
    localeFromAcceptLanguage(request.headers['accept-language']) ??
    (request as FastifyRequest & WithUserLocale).user?.locale ??
    DEFAULT_LOCALE
  );
}
