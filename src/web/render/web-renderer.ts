import * as fs from 'node:fs';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlib, gzip } from 'node:zlib';
import { Injectable } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import nunjucks from 'nunjucks';
import { Locale, LOCALES } from '../../common/i18n/locale';
import { projectPath } from '../../common/project-path';
import { AppConfig } from '../../config/app-config';
import { LANG_COOKIE } from '../i18n/web-locale';
import { MessageCatalog, MessageParams } from '../i18n/message-catalog';
import { cookieNames, CookieNames, webState } from '../web-state';
import { Page, WebContext } from './page';
import { formatDate, formatDateTime, formatNumber } from './formats';
import { cacheMacroImports } from './macro-import-cache';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** Brotli quality for HTML: above 4 it costs milliseconds a page for a few bytes (WEB.md §4). */
const BROTLI_QUALITY = 4;
/** Smaller bodies are sent as they are: compression would not save a packet. */
const COMPRESS_MIN_BYTES = 1024;
/** Anonymous pages may be cached this long by the browser and shared caches (Vary set). */
const ANONYMOUS_MAX_AGE_SECONDS = 60;
const YEAR_SECONDS = 365 * 86_400;

const LANGUAGE_NAMES: Record<Locale, string> = { ky: 'Кыргызча', ru: 'Русский', en: 'English' };

/**
 * The one place that configures Nunjucks (autoescape on; GOV.UK Frontend's macros on the search
 * path) and sends HTML: headers (Referrer-Policy, Vary, Cache-Control), the language cookie, the
 * CSRF token, the flash banner, and compression.
 */
@Injectable()
export class WebRenderer {
  readonly catalog = MessageCatalog.load();
  readonly cookies: CookieNames;
  readonly secureCookies: boolean;
  private readonly env: nunjucks.Environment;
  private readonly assets: Record<string, string>;

  constructor(private readonly config: AppConfig) {
    this.secureCookies = config.http.publicUrl.startsWith('https:');
    this.cookies = cookieNames(this.secureCookies);
    cacheMacroImports();
    this.env = new nunjucks.Environment(
      new nunjucks.FileSystemLoader(
        [projectPath('src', 'web', 'views'), projectPath('node_modules', 'govuk-frontend', 'dist')],
        { noCache: config.nodeEnv === 'development' },
      ),
      { autoescape: true, throwOnUndefined: false, trimBlocks: true, lstripBlocks: true },
    );
    this.assets = readAssetManifest();
    this.env.addGlobal('asset', (name: string) => `/assets/${this.assets[name] ?? name}`);
    this.env.addFilter('number', (value: number, locale: Locale) => formatNumber(value, locale));
    this.env.addFilter('date', (value: Date | string, locale: Locale) => formatDate(value, locale));
    this.env.addFilter('dateTime', (value: Date | string, locale: Locale) => formatDateTime(value, locale));
  }

  /** The language, user and message functions a view builder needs. */
  context(request: FastifyRequest): WebContext {
    const { locale, user } = webState(request);
    return {
      locale,
      user,
      url: request.url,
      t: (key: string, params?: MessageParams) => this.catalog.t(locale, key, params),
      tn: (key: string, count: number, params?: MessageParams) => this.catalog.tn(locale, key, count, params),
    };
  }

  async send(request: FastifyRequest, reply: FastifyReply, page: Page): Promise<void> {
    const state = webState(request);
    const context = this.context(request);
    // Signed-in pages carry the sign-out form; every form needs the token, bound to the session.
    const csrfToken =
      page.form || state.user ? reply.generateCsrf({ userInfo: csrfUserInfo(request) }) : undefined;
    const flash = this.takeFlash(request, reply);
    const html = this.env.render(page.template, {
      ...page.model,
      page,
      locale: state.locale,
      user: state.user,
      csrfToken,
      flash,
      t: context.t,
      tn: context.tn,
      pageTitle: this.title(context, page),
      languages: this.languageLinks(request, state.locale),
      signInHref: signInLink(request.url),
    });
    if (state.rememberLocale) {
      this.setCookie(reply, LANG_COOKIE, state.locale, YEAR_SECONDS);
    }
    // Pages send same-origin (a form post then still carries Origin); a page whose URL holds a token, nothing.
    void reply.header('Referrer-Policy', page.noReferrer ? 'no-referrer' : 'same-origin');
    await this.sendHtml(
      request,
      reply,
      page.status ?? 200,
      html,
      csrfToken !== undefined || page.noStore === true,
    );
  }

  /** Post/redirect/get: 303 to a local path, with an optional confirmation banner (a message key). */
  redirect(reply: FastifyReply, location: string, flashKey?: string): void {
    if (flashKey) {
      this.setCookie(reply, this.cookies.flash, flashKey, 300);
    }
    void reply.header('Cache-Control', 'private, no-store').redirect(location, 303);
  }

  setCookie(reply: FastifyReply, name: string, value: string, maxAgeSeconds?: number): void {
    void reply.setCookie(name, value, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: this.secureCookies,
      ...(maxAgeSeconds === undefined ? {} : { maxAge: maxAgeSeconds }),
    });
  }

  clearCookie(reply: FastifyReply, name: string): void {
    void reply.clearCookie(name, { path: '/', httpOnly: true, sameSite: 'lax', secure: this.secureCookies });
  }

  private title(context: WebContext, page: Page): string {
    const full = `${page.title} — ${context.t('common.portalName')}`;
    return page.errors?.length ? `${context.t('common.errorPrefix')} ${full}` : full;
  }

  /** The same page in each language: the path with `lang` set (hreflang and lang on each link). */
  private languageLinks(request: FastifyRequest, current: Locale) {
    const url = new URL(request.url, 'http://portal.invalid');
    return LOCALES.map((code) => {
      url.searchParams.set('lang', code);
      return {
        text: LANGUAGE_NAMES[code],
        lang: code,
        href: request.method === 'GET' ? `${url.pathname}${url.search}` : `/?lang=${code}`,
        current: code === current,
      };
    });
  }

  /** A confirmation banner set by the previous redirect: shown once. Only catalog keys are accepted. */
  private takeFlash(request: FastifyRequest, reply: FastifyReply): string | undefined {
    const key = request.cookies[this.cookies.flash];
    if (!key) {
      return undefined;
    }
    this.clearCookie(reply, this.cookies.flash);
    const locale = webState(request).locale;
    return /^[a-z][\w.]*$/i.test(key) && this.catalog.has(locale, key)
      ? this.catalog.t(locale, key)
      : undefined;
  }

  private async sendHtml(
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    html: string,
    hasToken: boolean,
  ): Promise<void> {
    // Only a plain anonymous GET that sets no cookie may be cached (by anyone: Vary says on what).
    const personal =
      hasToken ||
      status >= 400 ||
      request.method !== 'GET' ||
      Boolean(webState(request).user) ||
      webState(request).rememberLocale ||
      request.cookies[this.cookies.flash] !== undefined;
    void reply
      .status(status)
      .header('Content-Type', 'text/html; charset=utf-8')
      .header('Vary', 'Cookie, Accept-Language, Accept-Encoding')
      .header(
        'Cache-Control',
        personal ? 'private, no-store' : `public, max-age=${ANONYMOUS_MAX_AGE_SECONDS}`,
      );
    const body = Buffer.from(html);
    const encoding =
      this.config.web.compressHtml && body.length >= COMPRESS_MIN_BYTES ? pickEncoding(request) : undefined;
    if (encoding === 'br') {
      await reply
        .header('Content-Encoding', 'br')
        .send(await brotli(body, { params: { [zlib.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY } }));
    } else if (encoding === 'gzip') {
      await reply.header('Content-Encoding', 'gzip').send(await gzipAsync(body, { level: 6 }));
    } else {
      await reply.send(body);
    }
  }
}

/** A CSRF token is bound to the session (or, before sign-in, to the anonymous pre-session cookie). */
export function csrfUserInfo(request: FastifyRequest): string {
  return request.web?.sessionId ?? 'anonymous';
}

/** Pages the header's sign-in link never returns to: the account forms themselves and the home page. */
const NO_RETURN_PATHS = new Set([
  '/',
  '/login',
  '/register',
  '/forgot-password',
  '/confirm-email',
  '/reset-password',
]);

/**
 * The header's sign-in link brings the visitor back to the page they were reading. The path only:
 * a query may hold a token.
 */
function signInLink(url: string): string {
  const path = url.split('?')[0];
  return NO_RETURN_PATHS.has(path) ? '/login' : `/login?returnTo=${encodeURIComponent(path)}`;
}

function pickEncoding(request: FastifyRequest): 'br' | 'gzip' | undefined {
  const accepted = String(request.headers['accept-encoding'] ?? '');
  if (/\bbr\b/.test(accepted)) {
    return 'br';
  }
  return /\bgzip\b/.test(accepted) ? 'gzip' : undefined;
}

function readAssetManifest(): Record<string, string> {
  const file = projectPath('dist', 'assets', 'manifest.json');
  if (!fs.existsSync(file)) {
    throw new Error('dist/assets/manifest.json is missing: run `npm run build` first');
  }
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as { files: Record<string, string> }).files;
}
