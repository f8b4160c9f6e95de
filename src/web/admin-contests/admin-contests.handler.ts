import { Injectable } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, FieldError } from '../../common/errors/domain-error';
import { Locale } from '../../common/i18n/locale';
import { ContestsService } from '../../contests/contests.service';
import { ContestDto, CreateContestDto, UpdateContestDto } from '../../contests/dto/contest.dto';
import { ResultsService } from '../../results/results.service';
import { AnnulDto } from '../../voting/dto/vote.dto';
import { SignalsService } from '../../voting/signals.service';
import { VotingService } from '../../voting/voting.service';
import { text, validateAgainst } from '../forms/form-validation';
import { WebRenderer } from '../render/web-renderer';
import { webState } from '../web-state';
import {
  contestListPage,
  publishPage,
  recountPage,
  signalKind,
  signalsPage,
  votePage,
} from './admin-contests.view';
import { contestEditorPage, contestFormErrors } from './contest-editor.view';
import {
  applyRowIntent,
  blankContestForm,
  ContestForm,
  contestToForm,
  Converted,
  readContestForm,
  readIntent,
  toCreateValues,
  toUpdateValues,
  WINDOW_FIELDS,
} from './contest-form';

/** A refusal of the service in the visitor's language, or the error itself when it is not a refusal. */
function refusalOf(error: unknown): DomainError {
  if (error instanceof DomainError && error.status >= 400 && error.status < 500 && error.status !== 404) {
    return error;
  }
  throw error;
}

/**
 * The service's refusals of a contest edit, placed at the fields they concern: a date that has passed
 * once votes exist, settings locked since voting opened. Anything else (published results) is said
 * at the top of the form, in the service's own words in the visitor's language.
 */
function editRefusalErrors(
  error: DomainError,
  sent: Record<string, unknown>,
  locale: Locale,
  current?: ContestDto,
): FieldError[] {
  if (error.options.errors?.length) {
    return error.options.errors;
  }
  const atFields = (fields: readonly string[]) =>
    fields
      .filter((f) => f in sent)
      .map((field) => ({ field, code: error.code, message: error.title[locale] }));
  let placed: FieldError[] = [];
  if (current && error.code === 'closed_window') {
    const now = Date.now();
    placed = atFields(WINDOW_FIELDS.filter((f) => new Date(current[f]).getTime() <= now));
  } else if (error.code === 'settings_locked') {
    placed = atFields(['votesPerVoter', 'voterPolicy']);
  }
  return placed.length ? placed : [{ field: 'form', code: error.code, message: error.title[locale] }];
}

/** The admin's contest pages (WEB.md §3 Admin, journey 3): every rule stays in the services. */
@Injectable()
export class AdminContestsHandler {
  constructor(
    private readonly web: WebRenderer,
    private readonly contests: ContestsService,
    private readonly results: ResultsService,
    private readonly signals: SignalsService,
    private readonly voting: VotingService,
  ) {}

  async list(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const context = this.web.context(request);
    await this.web.send(request, reply, contestListPage(context, await this.contests.list(context.locale)));
  }

  async newForm(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    await this.web.send(request, reply, contestEditorPage(this.web.context(request), blankContestForm()));
  }

  async create(request: FastifyRequest, reply: FastifyReply, body: Record<string, unknown>): Promise<void> {
    const context = this.web.context(request);
    const intent = readIntent(body);
    const form = applyRowIntent(readContestForm(body), intent);
    if (intent.kind !== 'save') {
      const focus =
        intent.kind === 'add' ? `nominations-${form.nominations.length - 1}-title-ky` : 'add-nomination';
      await this.web.send(request, reply, contestEditorPage(context, form, { focus }));
      return;
    }
    const errors = await this.checked(toCreateValues(form), CreateContestDto);
    let status = 400;
    if (errors.fieldErrors.length === 0) {
      try {
        const created = await this.contests.create(webState(request).user!, errors.value, context.locale);
        this.web.redirect(reply, `/admin/contests/${created.id}`, 'adminContests.flash.created');
        return;
      } catch (error) {
        const refusal = refusalOf(error);
        errors.fieldErrors = editRefusalErrors(refusal, {}, context.locale);
        status = refusal.status;
      }
    }
    await this.renderEditor(request, reply, form, errors.fieldErrors, status);
  }

  async editForm(request: FastifyRequest, reply: FastifyReply, id: string): Promise<void> {
    const context = this.web.context(request);
    const contest = await this.contests.get(id, context.locale);
    await this.web.send(request, reply, contestEditorPage(context, contestToForm(contest), { contest }));
  }

  async update(request: FastifyRequest, reply: FastifyReply, id: string, body: Record<string, unknown>) {
    const context = this.web.context(request);
    const contest = await this.contests.get(id, context.locale);
    const form = readContestForm(body);
    const converted = toUpdateValues(form, contest);
    const errors = await this.checked(converted, UpdateContestDto);
    let status = 400;
    if (errors.fieldErrors.length === 0) {
      try {
        await this.contests.update(webState(request).user!, id, errors.value, context.locale);
        this.web.redirect(reply, `/admin/contests/${id}`, 'adminContests.flash.saved');
        return;
      } catch (error) {
        const refusal = refusalOf(error);
        errors.fieldErrors = editRefusalErrors(refusal, converted.values, context.locale, contest);
        status = refusal.status;
      }
    }
    await this.renderEditor(request, reply, form, errors.fieldErrors, status, contest);
  }

  /** The form's own findings first (they explain a field better than the DTO rule behind them). */
  private async checked<T extends object>(converted: Converted, dtoClass: new () => T) {
    const validated = await validateAgainst(dtoClass, converted.values);
    return { value: validated.value, fieldErrors: [...converted.errors, ...validated.errors] };
  }

  private async renderEditor(
    request: FastifyRequest,
    reply: FastifyReply,
    form: ContestForm,
    errors: FieldError[],
    status: number,
    contest?: ContestDto,
  ): Promise<void> {
    const context = this.web.context(request);
    const localized = contestFormErrors(context, errors);
    await this.web.send(
      request,
      reply,
      contestEditorPage(context, form, { contest, errors: localized, status }),
    );
  }

  async publishForm(request: FastifyRequest, reply: FastifyReply, id: string): Promise<void> {
    const context = this.web.context(request);
    await this.web.send(request, reply, publishPage(context, await this.contests.get(id, context.locale)));
  }

  async publish(request: FastifyRequest, reply: FastifyReply, id: string): Promise<void> {
    const context = this.web.context(request);
    try {
      await this.results.publish(webState(request).user!, id);
      this.web.redirect(reply, `/admin/contests/${id}`, 'adminContests.flash.published');
    } catch (error) {
      const refusal = refusalOf(error);
      const contest = await this.contests.get(id, context.locale);
      const message =
        refusal.code === 'voting_not_open'
          ? context.t('adminContests.publish.notNow', {
              phase: context.t(`public.contests.phases.${contest.phase}`),
            })
          : refusal.title[context.locale];
      await this.web.send(request, reply, publishPage(context, contest, message));
    }
  }

  async recount(request: FastifyRequest, reply: FastifyReply, id: string): Promise<void> {
    const context = this.web.context(request);
    const contest = await this.contests.get(id, context.locale);
    const published = await this.results.get(id);
    const verdict = await this.results.recount(id);
    await this.web.send(request, reply, recountPage(context, contest, published, verdict));
  }

  async signalsList(request: FastifyRequest, reply: FastifyReply, id: string, kind: unknown): Promise<void> {
    const context = this.web.context(request);
    const contest = await this.contests.get(id, context.locale);
    const [signals, annulled] = await Promise.all([
      this.signals.signals(webState(request).user!, id),
      this.signals.annulledVotes(id),
    ]);
    await this.web.send(request, reply, signalsPage(context, contest, signals, annulled, signalKind(kind)));
  }

  async vote(request: FastifyRequest, reply: FastifyReply, id: string, voteId: string): Promise<void> {
    const context = this.web.context(request);
    const contest = await this.contests.get(id, context.locale);
    const vote = await this.signals.vote(id, voteId);
    await this.web.send(request, reply, votePage(context, contest, vote, { reason: '' }));
  }

  async annul(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    voteId: string,
    body: Record<string, unknown>,
  ): Promise<void> {
    const context = this.web.context(request);
    const reason = text(body.reason);
    const checked = await validateAgainst(AnnulDto, { reason: reason.trim() });
    let form: { reason: string; error?: string; refusal?: string } = { reason };
    if (checked.errors.length > 0) {
      const tooLong = checked.errors.some((e) => e.code === 'maxLength');
      form.error = context.t(`adminContests.vote.errors.${tooLong ? 'tooLong' : 'required'}`);
    } else {
      try {
        await this.voting.annul(webState(request).user!, id, voteId, checked.value.reason);
        this.web.redirect(reply, `/admin/contests/${id}/votes/${voteId}`, 'adminContests.flash.annulled');
        return;
      } catch (error) {
        form = { reason, refusal: refusalOf(error).title[context.locale] };
      }
    }
    const contest = await this.contests.get(id, context.locale);
    const vote = await this.signals.vote(id, voteId);
    await this.web.send(request, reply, votePage(context, contest, vote, form, form.refusal ? 409 : 400));
  }
}
