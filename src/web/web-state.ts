import { FastifyRequest } from 'fastify';
import { AuthUser } from '../common/auth/auth-user';
import { Locale } from '../common/i18n/locale';

/** What the website knows about a request, attached by the web hook before any handler runs. */
export interface WebState {
  locale: Locale;
  /** The signed-in user, from the session cookie only (never a bearer token). */
  user?: AuthUser;
  sessionId?: string;
  /** The raw session token, to end it at sign-out or replace it at sign-in. */
  sessionToken?: string;
  /** `?lang=` chose the language: the response sets the `lang` cookie. */
  rememberLocale: boolean;
}

declare module 'fastify' {
  interface FastifyRequest {
    web?: WebState;
  }
}

/** Paths that are not the website's: the API, its docs, health probes, static files. */
const NOT_WEB = [/^\/api\//, /^\/docs(?:[/?-]|$)/, /^\/health(?:[/?]|$)/, /^\/assets\//];

export function isWebPath(url: string): boolean {
  return !NOT_WEB.some((pattern) => pattern.test(url));
}

/**
 * Root POST routes that predate the website and carry their own protection: the pages email links
 * open (a single-use token in the form) and one-click unsubscribe (RFC 8058: mail clients post it).
 */
const CSRF_EXEMPT = new Set(['/confirm-email', '/reset-password', '/unsubscribe']);

export function needsCsrfCheck(request: FastifyRequest): boolean {
  return request.method === 'POST' && !CSRF_EXEMPT.has(request.url.split('?')[0]);
}

export interface CookieNames {
  session: string;
  csrf: string;
  flash: string;
}

/** `__Host-` names (Secure, Path=/, no Domain) when the portal is served over https. */
export function cookieNames(secure: boolean): CookieNames {
  const prefix = secure ? '__Host-' : '';
  return { session: `${prefix}session`, csrf: `${prefix}csrf`, flash: `${prefix}flash` };
}

export function webState(request: FastifyRequest): WebState {
  if (!request.web) {
    throw new Error('web state missing: the route is outside the website');
  }
  return request.web;
}
