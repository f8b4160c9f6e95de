import { LOCALES } from '../../common/i18n/locale';

export interface SitemapEntry {
  /** A local path, e.g. `/practices/…`. */
  path: string;
  lastModified?: Date | string | null;
}

function xmlEscape(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The URL of a page in a language: `?lang=` picks it (and sets the cookie) on the website. */
function localized(origin: string, path: string, locale: string): string {
  return `${origin}${path}${path.includes('?') ? '&' : '?'}lang=${locale}`;
}

/**
 * sitemap.xml (sitemaps.org 0.9) with an `xhtml:link` hreflang alternate per language for every
 * page (Google's format), plus `x-default` for the address without `?lang=`.
 */
export function sitemapXml(origin: string, entries: SitemapEntry[]): string {
  const urls = entries.map(({ path, lastModified }) => {
    const alternates = [
      ...LOCALES.map(
        (locale) =>
          `<xhtml:link rel="alternate" hreflang="${locale}" href="${xmlEscape(localized(origin, path, locale))}"/>`,
      ),
      `<xhtml:link rel="alternate" hreflang="x-default" href="${xmlEscape(origin + path)}"/>`,
    ].join('');
    const lastmod = lastModified ? `<lastmod>${new Date(lastModified).toISOString()}</lastmod>` : '';
    return `<url><loc>${xmlEscape(origin + path)}</loc>${lastmod}${alternates}</url>`;
  });
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n' +
    urls.join('\n') +
    '\n</urlset>\n'
  );
}

/** Crawlers read the public pages; personal, staff and API paths are not for them. */
export function robotsTxt(origin: string): string {
  return [
    'User-agent: *',
    'Disallow: /account',
    'Disallow: /my/',
    'Disallow: /moderation/',
    'Disallow: /admin/',
    'Disallow: /login',
    'Disallow: /register',
    'Disallow: /api/',
    'Allow: /',
    '',
    `Sitemap: ${origin}/sitemap.xml`,
    '',
  ].join('\n');
}
