import { Injectable } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { AppConfig } from '../config/app-config';
import { chooseWebLocale } from './i18n/web-locale';
import { WebErrors } from './errors/web-errors';
import { WebRenderer } from './render/web-renderer';
import { WebSessionService } from './session/web-session.service';

/**
 * Runs before every website handler (a Fastify preHandler, so also before 404 pages): the session
 * from the cookie (never a bearer token), then the language. On a POST, `Origin` is checked here;
 * the CSRF token is checked next by @fastify/csrf-protection; both before any side effect.
 */
@Injectable()
export class WebRequestHook {
  private readonly expectedOrigin: string;

  constructor(
    config: AppConfig,
    private readonly sessions: WebSessionService,
    private readonly renderer: WebRenderer,
  ) {
    this.expectedOrigin = new URL(config.http.publicUrl).origin;
  }

  async attach(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const token = request.cookies[this.renderer.cookies.session];
    const resolved = token ? await this.sessions.resolve(token) : null;
    if (token && !resolved) {
      this.renderer.clearCookie(reply, this.renderer.cookies.session);
    }
    const choice = chooseWebLocale(request, resolved?.user.locale);
    request.web = {
      locale: choice.locale,
      rememberLocale: choice.remember,
      user: resolved?.user,
      sessionId: resolved?.sessionId,
      sessionToken: resolved ? token : undefined,
    };
  }

  /**
   * The browser says where a form post came from. It must be this portal; `Origin: null` (sent by
   * some privacy settings) passes only when Fetch Metadata says same-origin. A request without
   * `Origin` is not from a current browser's cross-site form, and still needs the CSRF token.
   */
  assertSameOrigin(request: FastifyRequest): void {
    const origin = request.headers.origin;
    if (origin === undefined) {
      return;
    }
    if (origin === 'null' && request.headers['sec-fetch-site'] === 'same-origin') {
      return;
    }
    if (origin !== this.expectedOrigin) {
      throw WebErrors.crossOrigin();
    }
  }
}
