import { HttpException, Injectable } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { HtmlErrorPages } from '../../common/errors/problem.filter';
import { toDomainError } from '../../common/errors/problem-response';
import { chooseWebLocale } from '../i18n/web-locale';
import { WebRenderer } from '../render/web-renderer';
import { isWebPath } from '../web-state';
import { errorPage } from './error.view';
import { WebErrors } from './web-errors';

/**
 * Errors on the website's paths become pages in the visitor's language (the API keeps its problem
 * details). A page that needs a signed-in user sends the visitor to sign in and back instead.
 */
@Injectable()
export class WebErrorPages implements HtmlErrorPages {
  constructor(private readonly renderer: WebRenderer) {}

  handles(request: FastifyRequest): boolean {
    return isWebPath(request.url);
  }

  async send(request: FastifyRequest, reply: FastifyReply, exception: unknown): Promise<void> {
    const { error, errorId } = isCsrfPluginError(exception)
      ? { error: WebErrors.crossOrigin(), errorId: undefined }
      : toDomainError(exception, request.id);
    request.web ??= { locale: chooseWebLocale(request, undefined).locale, rememberLocale: false };
    if (error.code === 'sign_in_required') {
      this.renderer.redirect(reply, signInPath(request));
      return;
    }
    if (error.options.retryAfterSeconds !== undefined) {
      void reply.header('Retry-After', String(error.options.retryAfterSeconds));
    }
    await this.renderer.send(request, reply, errorPage(this.renderer.context(request), error, errorId));
  }
}

/**
 * @fastify/csrf-protection's own errors (a missing secret cookie, a wrong token). Nest's Fastify
 * error handler has already turned them into a 403 HttpException carrying only their message.
 */
const CSRF_PLUGIN_MESSAGES = new Set(['Missing csrf secret', 'Invalid csrf token']);

function isCsrfPluginError(exception: unknown): boolean {
  if (exception instanceof HttpException) {
    return exception.getStatus() === 403 && CSRF_PLUGIN_MESSAGES.has(exception.message);
  }
  const code = (exception as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('FST_CSRF_');
}

/** Back to this page after signing in (a GET); after a refused POST, back to the page that posted. */
function signInPath(request: FastifyRequest): string {
  const returnTo = request.method === 'GET' ? request.url : request.url.split('?')[0];
  return `/login?returnTo=${encodeURIComponent(returnTo)}`;
}
