import { Injectable } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { FieldError, DomainError } from '../../common/errors/domain-error';
import { LoginDto } from '../../auth/dto/auth.dto';
import { SessionService } from '../../auth/session.service';
import { AppConfig } from '../../config/app-config';
import { localizeErrors, text, validateAgainst } from '../forms/form-validation';
import { WebRenderer } from '../render/web-renderer';
import { WebSessionService } from '../session/web-session.service';
import { webState } from '../web-state';
import { safeReturnTo } from './return-to';
import { signInPage, SignInForm } from './sign-in.view';

const SIGN_IN_FIELDS = ['email', 'password'];

/** Sign-in and sign-out: the API's credential check, then a cookie session of the website's own. */
@Injectable()
export class SignInHandler {
  constructor(
    private readonly config: AppConfig,
    private readonly web: WebRenderer,
    private readonly sessions: SessionService,
    private readonly webSessions: WebSessionService,
  ) {}

  async show(request: FastifyRequest, reply: FastifyReply, returnTo: unknown): Promise<void> {
    const form: SignInForm = { email: '', returnTo: safeReturnTo(returnTo) };
    await this.web.send(request, reply, signInPage(this.web.context(request), form));
  }

  async submit(
    request: FastifyRequest,
    reply: FastifyReply,
    body: Record<string, unknown>,
    address: string,
  ): Promise<void> {
    const form: SignInForm = { email: text(body.email).trim(), returnTo: safeReturnTo(body.returnTo) };
    const problems = this.missingFields(form.email, text(body.password));
    const checked = await validateAgainst(LoginDto, { email: form.email, password: text(body.password) });
    const errors = problems.length > 0 ? problems : checked.errors;
    if (errors.length > 0) {
      return this.refuse(request, reply, form, errors);
    }
    try {
      const user = await this.sessions.authenticate(checked.value, address);
      const token = await this.webSessions.start(user, webState(request).sessionToken);
      this.web.setCookie(
        reply,
        this.web.cookies.session,
        token,
        this.config.web.sessionAbsoluteDays * 86_400,
      );
      this.web.redirect(reply, form.returnTo);
    } catch (error) {
      if (
        error instanceof DomainError &&
        (error.code === 'invalid_credentials' || error.code === 'account_blocked')
      ) {
        return this.refuse(request, reply, form, [
          { field: 'email', code: error.code, message: error.message },
        ]);
      }
      throw error;
    }
  }

  async signOut(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const token = webState(request).sessionToken;
    if (token) {
      await this.webSessions.end(token);
    }
    this.web.clearCookie(reply, this.web.cookies.session);
    this.web.redirect(reply, '/', 'account.signOut.done');
  }

  private missingFields(email: string, password: string): FieldError[] {
    const missing: FieldError[] = [];
    if (!email) {
      missing.push({ field: 'email', code: 'required', message: 'email is required' });
    }
    if (!password) {
      missing.push({ field: 'password', code: 'required', message: 'password is required' });
    }
    return missing;
  }

  private async refuse(
    request: FastifyRequest,
    reply: FastifyReply,
    form: SignInForm,
    errors: FieldError[],
  ): Promise<void> {
    const context = this.web.context(request);
    const localized = localizeErrors(context, 'account.signIn.errors', errors, LoginDto, SIGN_IN_FIELDS);
    await this.web.send(request, reply, signInPage(context, form, localized, 400));
  }
}
