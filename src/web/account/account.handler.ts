import { Injectable } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { AcceptablePasswordDto } from './password.dto';
import { DomainError, FieldError } from '../../common/errors/domain-error';
import { isLocale } from '../../common/i18n/locale';
import { UpdateProfileDto } from '../../users/dto/user-profile.dto';
import { UsersService } from '../../users/users.service';
import { LocalizedErrors, localizeErrors, text, validateAgainst } from '../forms/form-validation';
import { WebRenderer } from '../render/web-renderer';
import { webState } from '../web-state';
import { accountPage, PASSWORD_FIELDS, PROFILE_FIELDS, ProfileForm, profileFormOf } from './account.view';
import { SessionService } from '../../auth/session.service';
import { RepresentativesService } from '../../representatives/representatives.service';

function checked(body: Record<string, unknown>, name: string, value: string): boolean {
  const posted = body[name];
  return Array.isArray(posted) ? posted.includes(value) : posted === value;
}

/** The account page and its three forms; the language saved here is the one emails follow. */
@Injectable()
export class AccountHandler {
  constructor(
    private readonly web: WebRenderer,
    private readonly users: UsersService,
    private readonly sessions: SessionService,
    private readonly representatives: RepresentativesService,
  ) {}

  /** An approved representative gets a link to their municipality's practices (/my). */
  private async represents(request: FastifyRequest): Promise<boolean> {
    const memberships = await this.representatives.mine(webState(request).user!);
    return memberships.some((membership) => membership.status === 'approved');
  }

  async show(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const profile = await this.users.getProfile(webState(request).user!.id);
    await this.web.send(
      request,
      reply,
      accountPage(
        this.web.context(request),
        profile,
        profileFormOf(profile),
        {},
        200,
        await this.represents(request),
      ),
    );
  }

  async saveProfile(
    request: FastifyRequest,
    reply: FastifyReply,
    body: Record<string, unknown>,
  ): Promise<void> {
    const userId = webState(request).user!.id;
    const profile = await this.users.getProfile(userId);
    const form: ProfileForm = {
      fullName: text(body.fullName),
      locale: isLocale(body.locale) ? body.locale : profile.locale,
      contestNews: checked(body, 'notifications', 'contestNews'),
      moderationAlerts: checked(body, 'notifications', 'moderationAlerts'),
    };
    const result = await validateAgainst(UpdateProfileDto, {
      fullName: form.fullName.trim(),
      locale: body.locale,
      notificationPreferences: { contestNews: form.contestNews, moderationAlerts: form.moderationAlerts },
    });
    if (result.errors.length > 0) {
      const context = this.web.context(request);
      const errors = localizeErrors(
        context,
        'account.details.errors',
        result.errors,
        UpdateProfileDto,
        PROFILE_FIELDS,
      );
      await this.web.send(
        request,
        reply,
        accountPage(context, profile, form, { profile: errors }, 400, await this.represents(request)),
      );
      return;
    }
    await this.users.updateProfile(userId, result.value);
    this.web.redirect(reply, '/account', 'account.details.saved');
  }

  async changePassword(
    request: FastifyRequest,
    reply: FastifyReply,
    body: Record<string, unknown>,
  ): Promise<void> {
    const userId = webState(request).user!.id;
    const current = text(body.currentPassword);
    const result = await validateAgainst(AcceptablePasswordDto, { newPassword: text(body.newPassword) });
    const problems: FieldError[] = [...result.errors];
    if (!current) {
      problems.unshift({
        field: 'currentPassword',
        code: 'required',
        message: 'current password is required',
      });
    }
    if (problems.length === 0) {
      try {
        // The API's pair of tokens is not needed here: the website signs in again with a cookie.
        await this.sessions.changePassword(userId, current, result.value.newPassword);
        // The bump ended this session too: sign in again with the new password.
        this.web.clearCookie(reply, this.web.cookies.session);
        this.web.redirect(reply, '/login', 'account.password.changed');
        return;
      } catch (error) {
        if (!(error instanceof DomainError && error.code === 'current_password_wrong')) {
          throw error;
        }
        problems.push({ field: 'currentPassword', code: 'wrong', message: 'the current password is wrong' });
      }
    }
    await this.refusePassword(request, reply, userId, problems);
  }

  async signOutEverywhere(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    await this.sessions.signOutEverywhere(webState(request).user!.id);
    this.web.clearCookie(reply, this.web.cookies.session);
    this.web.redirect(reply, '/login', 'account.everywhere.done');
  }

  private async refusePassword(
    request: FastifyRequest,
    reply: FastifyReply,
    userId: string,
    problems: FieldError[],
  ): Promise<void> {
    const context = this.web.context(request);
    const profile = await this.users.getProfile(userId);
    const errors: LocalizedErrors = localizeErrors(
      context,
      'account.password.errors',
      problems,
      AcceptablePasswordDto,
      PASSWORD_FIELDS,
    );
    await this.web.send(
      request,
      reply,
      accountPage(
        context,
        profile,
        profileFormOf(profile),
        { password: errors },
        400,
        await this.represents(request),
      ),
    );
  }
}
