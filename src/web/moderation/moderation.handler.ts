import { Injectable } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { AuthUser } from '../../common/auth/auth-user';
import { DomainError, FieldError } from '../../common/errors/domain-error';
import { QueueKind } from '../../moderation/dto/queue.dto';
import { ModerationItemsService } from '../../moderation/moderation-items.service';
import { ModerationService } from '../../moderation/moderation.service';
import { text } from '../forms/form-validation';
import { WebContext } from '../render/page';
import { WebRenderer } from '../render/web-renderer';
import {
  checkDecision,
  chosenReason,
  DecisionForm,
  decisionFormOf,
  emptyDecisionForm,
  localizeDecisionErrors,
} from './decision-form';
import { entryDetails, membershipDetails, practiceDetails, verificationDetails } from './item-details';
import { DecisionNotice, ItemDetails, itemPage } from './item.view';
import { kindOfSlug, TAB_ORDER, tabPath } from './queue-tabs';
import { QUEUE_PAGE_SIZE, queuePage } from './queue.view';

/** A refusal the page explains in place (the item is shown again), rather than an error page. */
type Refusal = { errors: FieldError[] } | { notice: DecisionNotice; status: number };

/** The moderator's pages: the queue by kind, an item, and the decision on it. */
@Injectable()
export class ModerationHandler {
  constructor(
    private readonly web: WebRenderer,
    private readonly queue: ModerationService,
    private readonly items: ModerationItemsService,
  ) {}

  landing(reply: FastifyReply): void {
    this.web.redirect(reply, tabPath(TAB_ORDER[0]));
  }

  async tab(request: FastifyRequest, reply: FastifyReply, slug: string, cursor: unknown): Promise<void> {
    const kind = kindOfSlug(slug);
    const context = this.web.context(request);
    const after = text(cursor) || undefined;
    const [page, own] = await Promise.all([
      this.queue.listQueue({ kind, limit: QUEUE_PAGE_SIZE, cursor: after }, context.locale),
      this.items.ownMunicipalities(context.user!),
    ]);
    await this.web.send(request, reply, queuePage(context, kind, page, own, after));
  }

  async item(request: FastifyRequest, reply: FastifyReply, slug: string, id: string): Promise<void> {
    const kind = kindOfSlug(slug);
    const context = this.web.context(request);
    const details = await this.details(context, kind, id);
    await this.web.send(request, reply, itemPage(context, kind, id, details, emptyDecisionForm()));
  }

  async decide(
    request: FastifyRequest,
    reply: FastifyReply,
    slug: string,
    id: string,
    body: Record<string, unknown>,
  ): Promise<void> {
    const kind = kindOfSlug(slug);
    const context = this.web.context(request);
    const form = decisionFormOf(kind, body);
    const errors = await checkDecision(kind, form);
    const refusal = errors.length ? { errors } : await this.tryDecision(context, kind, id, form);
    if (!refusal) {
      this.web.redirect(reply, tabPath(kind), `moderation.flash.${form.action}`);
      return;
    }
    // Read after the refusal: a colleague's decision shows as the item's new status.
    const details = await this.details(context, kind, id);
    const page =
      'errors' in refusal
        ? itemPage(
            context,
            kind,
            id,
            details,
            form,
            localizeDecisionErrors(context, kind, form, refusal.errors),
            undefined,
            400,
          )
        : itemPage(context, kind, id, details, form, undefined, refusal.notice, refusal.status);
    await this.web.send(request, reply, page);
  }

  /** Decides; or says why not: a field to correct, or a refusal explained on the item's page. */
  private async tryDecision(
    context: WebContext,
    kind: QueueKind,
    id: string,
    form: DecisionForm,
  ): Promise<Refusal | undefined> {
    try {
      const decision = { action: form.action, reason: chosenReason(form) };
      await this.items.decide(context.user!, kind, id, decision, context.locale);
      return undefined;
    } catch (error) {
      return refusalOf(context, error);
    }
  }

  private async details(context: WebContext, kind: QueueKind, id: string): Promise<ItemDetails> {
    const moderator: AuthUser = context.user!;
    switch (kind) {
      case 'practice':
        return practiceDetails(context, await this.items.practice(moderator, id, context.locale));
      case 'voter_verification':
        return verificationDetails(context, await this.items.verification(moderator, id, context.locale));
      case 'representative':
        return membershipDetails(context, await this.items.membership(moderator, id, context.locale));
      case 'entry':
        return entryDetails(context, await this.items.entry(moderator, id, context.locale));
    }
  }
}

/**
 * A service's refusal as the page shows it: a validation error at its field; a conflict of interest
 * (403) or a decision no longer possible (409: decided by a colleague or by a double submit, a PIN
 * clash, a closed contest phase) as a notice above the item. Anything else is the error page.
 */
function refusalOf(context: WebContext, error: unknown): Refusal {
  if (!(error instanceof DomainError)) {
    throw error;
  }
  if (error.status === 400 && Array.isArray(error.options.errors)) {
    return { errors: error.options.errors };
  }
  if (error.status === 403 || error.status === 409) {
    const text = isAlreadyDecided(error)
      ? context.t('moderation.item.decidedMeanwhile')
      : error.title[context.locale];
    return { notice: { text }, status: error.status };
  }
  throw error;
}

const ALREADY_DECIDED = new Set([
  'wrong_status',
  'verification_decided',
  'representative_request_decided',
  'entry_decided',
]);

function isAlreadyDecided(error: DomainError): boolean {
  return ALREADY_DECIDED.has(error.code);
}
