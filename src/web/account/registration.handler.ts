import { Injectable } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { RegisterDto } from '../../auth/dto/auth.dto';
import { PasswordResetService } from '../../auth/password-reset.service';
import { PRIVACY_TERMS_VERSION, RegistrationService } from '../../auth/registration.service';
import { FieldError } from '../../common/errors/domain-error';
import { localizeErrors, text, validateAgainst } from '../forms/form-validation';
import { WebRenderer } from '../render/web-renderer';
import { webState } from '../web-state';
import { checkEmailPage, REGISTER_FIELDS, registerPage, RegisterForm } from './register.view';
import { forgotPasswordPage, resetSentPage } from './forgot-password.view';

/** Registration and forgot-password: the API's services and DTOs behind HTML forms. */
@Injectable()
export class RegistrationHandler {
  constructor(
    private readonly web: WebRenderer,
    private readonly registration: RegistrationService,
    private readonly passwordReset: PasswordResetService,
  ) {}

  async showRegister(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const form: RegisterForm = { fullName: '', email: '', consent: false };
    await this.web.send(request, reply, registerPage(this.web.context(request), form, PRIVACY_TERMS_VERSION));
  }

  async register(
    request: FastifyRequest,
    reply: FastifyReply,
    body: Record<string, unknown>,
    address: string,
  ) {
    const form: RegisterForm = {
      fullName: text(body.fullName),
      email: text(body.email).trim(),
      consent: body.consent === 'yes',
    };
    // The account's language is the one the visitor is reading the portal in.
    const checked = await validateAgainst(RegisterDto, {
      fullName: form.fullName.trim(),
      email: form.email,
      password: text(body.password),
      locale: webState(request).locale,
      consent: form.consent ? true : undefined,
    });
    if (checked.errors.length > 0) {
      const context = this.web.context(request);
      const errors = localizeErrors(
        context,
        'account.register.errors',
        checked.errors,
        RegisterDto,
        REGISTER_FIELDS,
      );
      await this.web.send(request, reply, registerPage(context, form, PRIVACY_TERMS_VERSION, errors, 400));
      return;
    }
    await this.registration.register(checked.value, address);
    this.web.redirect(reply, '/register/check-email');
  }

  async checkEmail(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    await this.web.send(request, reply, checkEmailPage(this.web.context(request)));
  }

  async showForgot(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    await this.web.send(request, reply, forgotPasswordPage(this.web.context(request), ''));
  }

  async forgot(request: FastifyRequest, reply: FastifyReply, body: Record<string, unknown>, address: string) {
    const email = text(body.email).trim();
    const problems: FieldError[] = [];
    if (!email) {
      problems.push({ field: 'email', code: 'required', message: 'email is required' });
    } else if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) || email.length > 254) {
      problems.push({ field: 'email', code: 'isEmail', message: 'email must be an email address' });
    }
    if (problems.length > 0) {
      const context = this.web.context(request);
      const errors = localizeErrors(context, 'account.forgot.errors', problems);
      await this.web.send(request, reply, forgotPasswordPage(context, email, errors, 400));
      return;
    }
    await this.passwordReset.requestReset(email, address);
    this.web.redirect(reply, '/forgot-password/sent');
  }

  async resetSent(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    await this.web.send(request, reply, resetSentPage(this.web.context(request)));
  }
}
