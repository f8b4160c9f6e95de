import { Injectable } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { AuthUser } from '../../common/auth/auth-user';
import { DomainError, FieldError } from '../../common/errors/domain-error';
import { Locale } from '../../common/i18n/locale';
import { GeographyService } from '../../geography/geography.service';
import { RepresentativesService } from '../../representatives/representatives.service';
import { VerificationRequestDto } from '../../verification/dto/verification.dto';
import { VerificationService } from '../../verification/verification.service';
import { localizeErrors, optionalText, text, validateAgainst } from '../forms/form-validation';
import { WebRenderer } from '../render/web-renderer';
import { webState } from '../web-state';
import { MunicipalityPicker } from './municipality-picker';
import { representationPage } from './representation.view';
import { VERIFICATION_FIELDS, verificationPage, VerificationForm } from './verification.view';

/** A refusal the service explains (already requested, unknown municipality): shown at the field. */
function asFieldError(error: unknown, field: string, locale: Locale): FieldError[] {
  if (error instanceof DomainError && error.status >= 400 && error.status < 500 && error.status !== 429) {
    return [{ field, code: error.code, message: error.title[locale] }];
  }
  throw error;
}

/** Asking to be a verified voter, and to represent a municipality: requests and their decisions. */
@Injectable()
export class RequestsHandler {
  constructor(
    private readonly web: WebRenderer,
    private readonly verification: VerificationService,
    private readonly representatives: RepresentativesService,
    private readonly geography: GeographyService,
    private readonly picker: MunicipalityPicker,
  ) {}

  async showVerification(request: FastifyRequest, reply: FastifyReply, regionId: unknown): Promise<void> {
    await this.renderVerification(request, reply, regionId, { phone: '', pin: '' }, []);
  }

  async requestVerification(request: FastifyRequest, reply: FastifyReply, body: Record<string, unknown>) {
    const state = webState(request);
    const form: VerificationForm = { phone: text(body.phone), pin: text(body.pin) };
    const checked = await validateAgainst(VerificationRequestDto, {
      municipalityId: text(body.municipalityId),
      phone: form.phone.trim(),
      pin: optionalText(body.pin)?.replace(/\s/g, ''),
    });
    let errors = checked.errors;
    if (errors.length === 0) {
      try {
        await this.verification.request(state.user!, checked.value);
        this.web.redirect(reply, '/account/verification', 'account.verification.sent');
        return;
      } catch (error) {
        errors = asFieldError(error, 'municipalityId', state.locale);
      }
    }
    await this.renderVerification(request, reply, body.region, form, errors, 400, text(body.municipalityId));
  }

  async showRepresentation(request: FastifyRequest, reply: FastifyReply, regionId: unknown): Promise<void> {
    await this.renderRepresentation(request, reply, regionId, []);
  }

  async requestRepresentation(request: FastifyRequest, reply: FastifyReply, body: Record<string, unknown>) {
    const state = webState(request);
    const municipalityId = text(body.municipalityId);
    const errors = await this.tryRepresentation(reply, state.user!, municipalityId, state.locale);
    if (errors.length === 0) {
      return;
    }
    await this.renderRepresentation(request, reply, body.region, errors, 400, municipalityId);
  }

  /** Sends the request and redirects; or the field errors that explain why not. */
  private async tryRepresentation(
    reply: FastifyReply,
    user: AuthUser,
    municipalityId: string,
    locale: Locale,
  ): Promise<FieldError[]> {
    if (!/^[0-9a-f-]{36}$/i.test(municipalityId)) {
      return [{ field: 'municipalityId', code: 'isUuid', message: 'choose a municipality' }];
    }
    try {
      await this.representatives.request(user, municipalityId);
      this.web.redirect(reply, '/account/representation', 'account.representation.sent');
      return [];
    } catch (error) {
      return asFieldError(error, 'municipalityId', locale);
    }
  }

  private async renderVerification(
    request: FastifyRequest,
    reply: FastifyReply,
    regionId: unknown,
    form: VerificationForm,
    errors: FieldError[],
    status = 200,
    municipalityId?: string,
  ): Promise<void> {
    const context = this.web.context(request);
    const current = await this.verification.mine(context.user!);
    const picker = await this.picker.model(context.locale, regionId, municipalityId);
    const localized = errors.length
      ? localizeErrors(
          context,
          'account.verification.errors',
          errors,
          VerificationRequestDto,
          VERIFICATION_FIELDS,
        )
      : undefined;
    await this.web.send(request, reply, verificationPage(context, current, picker, form, localized, status));
  }

  private async renderRepresentation(
    request: FastifyRequest,
    reply: FastifyReply,
    regionId: unknown,
    errors: FieldError[],
    status = 200,
    municipalityId?: string,
  ): Promise<void> {
    const context = this.web.context(request);
    const memberships = await this.representatives.mine(context.user!);
    const named = await Promise.all(
      memberships.map(async (membership) => ({
        ...membership,
        municipalityName: (await this.geography.municipality(membership.municipalityId, context.locale)).name,
      })),
    );
    const picker = await this.picker.model(context.locale, regionId, municipalityId);
    const localized = errors.length
      ? localizeErrors(context, 'account.representation.errors', errors, undefined, ['municipalityId'])
      : undefined;
    await this.web.send(request, reply, representationPage(context, named, picker, localized, status));
  }
}
