import { Injectable } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { ResetPasswordDto } from '../../auth/dto/auth.dto';
import { PasswordResetService } from '../../auth/password-reset.service';
import { RegistrationService } from '../../auth/registration.service';
import { DomainError } from '../../common/errors/domain-error';
import { localizeErrors, text, validateAgainst } from '../forms/form-validation';
import { WebRenderer } from '../render/web-renderer';
import { emailLinkDonePage, emailLinkFormPage, emailLinkInvalidPage } from './email-links.view';

/** Confirm-email and reset-password, on the website's layout. A used or unknown token is a 410 page. */
@Injectable()
export class EmailLinksHandler {
  constructor(
    private readonly web: WebRenderer,
    private readonly registration: RegistrationService,
    private readonly passwordReset: PasswordResetService,
  ) {}

  async confirmForm(request: FastifyRequest, reply: FastifyReply, token: unknown): Promise<void> {
    const context = this.web.context(request);
    const live = typeof token === 'string' && (await this.registration.isConfirmationTokenLive(token));
    await this.web.send(
      request,
      reply,
      live ? emailLinkFormPage(context, 'confirm', token) : emailLinkInvalidPage(context),
    );
  }

  async confirm(
    request: FastifyRequest,
    reply: FastifyReply,
    body: Record<string, unknown>,
    address: string,
  ) {
    const context = this.web.context(request);
    if (!(await this.usedUp(() => this.registration.confirmEmail(text(body.token), address)))) {
      await this.web.send(request, reply, emailLinkDonePage(context, 'confirm'));
      return;
    }
    await this.web.send(request, reply, emailLinkInvalidPage(context));
  }

  async resetForm(request: FastifyRequest, reply: FastifyReply, token: unknown): Promise<void> {
    const context = this.web.context(request);
    const live = typeof token === 'string' && (await this.passwordReset.isResetTokenLive(token));
    await this.web.send(
      request,
      reply,
      live ? emailLinkFormPage(context, 'reset', token) : emailLinkInvalidPage(context),
    );
  }

  async reset(request: FastifyRequest, reply: FastifyReply, body: Record<string, unknown>, address: string) {
    const context = this.web.context(request);
    const token = text(body.token);
    const checked = await validateAgainst(ResetPasswordDto, { token, password: text(body.password) });
    const passwordErrors = checked.errors.filter((error) => error.field === 'password');
    if (passwordErrors.length > 0) {
      const errors = localizeErrors(context, 'emailLinks.reset.errors', passwordErrors, ResetPasswordDto);
      await this.web.send(request, reply, emailLinkFormPage(context, 'reset', token, errors));
      return;
    }
    if (!(await this.usedUp(() => this.passwordReset.resetPassword(checked.value, address)))) {
      await this.web.send(request, reply, emailLinkDonePage(context, 'reset'));
      return;
    }
    await this.web.send(request, reply, emailLinkInvalidPage(context));
  }

  /** Runs the action; true when the token was unknown, expired or used (the service's 401). */
  private async usedUp(action: () => Promise<void>): Promise<boolean> {
    try {
      await action();
      return false;
    } catch (error) {
      if (error instanceof DomainError && error.status === 401) {
        return true;
      }
      throw error;
    }
  }
}
