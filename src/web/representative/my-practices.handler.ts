import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { randomUUID } from 'node:crypto';
import { FastifyReply, FastifyRequest } from 'fastify';
import { CategoriesService } from '../../categories/categories.service';
import { AuthUser } from '../../common/auth/auth-user';
import { DomainError, FieldError } from '../../common/errors/domain-error';
import { Locale } from '../../common/i18n/locale';
import { GeographyService } from '../../geography/geography.service';
import { StartPracticeDto, UpdatePracticeDto } from '../../practices/dto/practice-input.dto';
import { PracticeDto } from '../../practices/dto/practice.dto';
import { AWAITING_MODERATION, isEditable, nextStatus } from '../../practices/practice-status';
import { PracticesService } from '../../practices/practices.service';
import { RepresentativesService } from '../../representatives/representatives.service';
import { localizeErrors, text, validateAgainst } from '../forms/form-validation';
import { WebContext } from '../render/page';
import { WebRenderer } from '../render/web-renderer';
import { myListPage, newPracticePage, notRepresentativePage, RepresentedMunicipality } from './my-list.view';
import { checkPage, historyPage, notEditablePage, taskListPage, withdrawPage } from './practice-pages.view';
import {
  dtoValuesOf,
  formOfBody,
  formOfPractice,
  mergeErrors,
  PRACTICE_FIELDS,
  PracticeField,
  PracticeForm,
  requiredEmptyErrors,
  sameAsSaved,
  sectionDigest,
  SECTION_KEYS,
  SECTIONS,
  SectionKey,
  sectionStatuses,
  serviceFieldErrors,
} from './practice-form';
import { CategoryChoice, sectionBase, SectionConflict, sectionPage } from './section.view';

const FORM_ERRORS = 'my.form.errors';

/** Statuses whose last decision carries a reason the representative must read. */
const REASONED_STATUSES = new Set(['changes_requested', 'rejected']);

function isStale(error: unknown): boolean {
  return error instanceof DomainError && error.code === 'stale_version';
}

function isWrongStatus(error: unknown): boolean {
  return error instanceof DomainError && error.code === 'wrong_status';
}

const EMPTY_FORM = Object.fromEntries(PRACTICE_FIELDS.map((field) => [field, ''])) as PracticeForm;

/**
 * The representative's pages (`/my/...`): the municipality's practices, the practice form in
 * sections, check answers and submit, withdraw, history. Everything goes through PracticesService,
 * which checks ownership again; a practice of another municipality is a 404 here as in the API.
 */
@Injectable()
export class MyPracticesHandler {
  constructor(
    private readonly web: WebRenderer,
    private readonly practices: PracticesService,
    private readonly representatives: RepresentativesService,
    private readonly geography: GeographyService,
    private readonly categories: CategoriesService,
  ) {}

  async list(request: FastifyRequest, reply: FastifyReply, requested: unknown): Promise<void> {
    const context = this.web.context(request);
    const municipalities = await this.represented(context);
    if (municipalities.length === 0) {
      await this.web.send(request, reply, notRepresentativePage(context));
      return;
    }
    const current = municipalities.find((m) => m.id === requested) ?? municipalities[0];
    const practices = (await this.practices.mine(context.user!, context.locale)).filter(
      (practice) => practice.municipality.id === current.id,
    );
    const reasons = new Map<string, string>();
    for (const practice of practices.filter((p) => REASONED_STATUSES.has(p.status))) {
      const reason = await this.lastReason(context.user!, practice.id);
      if (reason) {
        reasons.set(practice.id, reason);
      }
    }
    await this.web.send(request, reply, myListPage(context, municipalities, current, practices, reasons));
  }

  async showNew(request: FastifyRequest, reply: FastifyReply, requested: unknown): Promise<void> {
    const context = this.web.context(request);
    const municipalities = await this.represented(context);
    if (municipalities.length === 0) {
      await this.web.send(request, reply, notRepresentativePage(context));
      return;
    }
    const chosen = municipalities.find((m) => m.id === requested)?.id ?? '';
    const categories = await this.categoryChoices(context.locale);
    const form = { ...EMPTY_FORM, language: context.locale };
    const draft = { municipalityId: chosen, form, draftKey: randomUUID() };
    await this.web.send(request, reply, newPracticePage(context, municipalities, draft, categories));
  }

  async create(request: FastifyRequest, reply: FastifyReply, body: Record<string, unknown>): Promise<void> {
    const context = this.web.context(request);
    const municipalities = await this.represented(context);
    if (municipalities.length === 0) {
      await this.web.send(request, reply, notRepresentativePage(context));
      return;
    }
    const fields = SECTIONS.about;
    const form = { ...EMPTY_FORM, ...formOfBody(fields, body) };
    const municipalityId = municipalities.length > 1 ? text(body.municipalityId) : undefined;
    // A form without a well-formed key (cached from before keys existed) still makes its draft.
    const draftKey = isUUID(text(body.draftKey), 4) ? text(body.draftKey) : randomUUID();
    const required = requiredEmptyErrors(form, fields);
    if (municipalityId === '') {
      required.unshift({ field: 'municipalityId', code: 'required', message: 'municipalityId is required' });
    }
    const checked = await validateAgainst(StartPracticeDto, {
      ...dtoValuesOf(form, fields, undefined),
      municipalityId,
    });
    let errors = mergeErrors(required, checked.errors);
    if (errors.length === 0) {
      try {
        const practice = await this.practices.startDraft(
          context.user!,
          checked.value,
          context.locale,
          draftKey,
        );
        this.web.redirect(reply, `/my/practices/${practice.id}`, 'my.flash.created');
        return;
      } catch (error) {
        errors = this.fieldErrorsOrThrow(error);
      }
    }
    const localized = localizeErrors(context, FORM_ERRORS, errors, StartPracticeDto, [
      'municipalityId',
      ...fields,
    ]);
    const categories = await this.categoryChoices(context.locale);
    await this.web.send(
      request,
      reply,
      newPracticePage(
        context,
        municipalities,
        { municipalityId: municipalityId ?? '', form, draftKey },
        categories,
        localized,
        400,
      ),
    );
  }

  async taskList(request: FastifyRequest, reply: FastifyReply, id: string): Promise<void> {
    const context = this.web.context(request);
    const practice = await this.practices.readOwn(context.user!, id, context.locale);
    const [statuses, reason] = await Promise.all([
      sectionStatuses(practice),
      this.reasonFor(context.user!, practice),
    ]);
    await this.web.send(request, reply, taskListPage(context, practice, statuses, reason));
  }

  async showSection(request: FastifyRequest, reply: FastifyReply, id: string, section: SectionKey) {
    const context = this.web.context(request);
    const practice = await this.practices.readOwn(context.user!, id, context.locale);
    if (!isEditable(practice.status)) {
      await this.web.send(request, reply, notEditablePage(context, practice));
      return;
    }
    const [categories, reason] = await Promise.all([
      this.categoryChoices(context.locale),
      this.reasonFor(context.user!, practice),
    ]);
    const base = sectionBase(practice, section);
    const page = sectionPage(context, practice, section, formOfPractice(practice), base, categories, {
      reason,
    });
    await this.web.send(request, reply, page);
  }

  /**
   * Saves one section with the version its page was loaded at. When a colleague saved in between,
   * the save still goes through if they changed only other sections; if they changed this one,
   * nothing is saved: the page shows their version beside everything this user typed, and carries
   * the current version so that saving again is a deliberate choice.
   */
  async saveSection(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    section: SectionKey,
    body: Record<string, unknown>,
  ): Promise<void> {
    const context = this.web.context(request);
    const user = context.user!;
    const practice = await this.practices.readOwn(user, id, context.locale);
    if (!isEditable(practice.status)) {
      await this.web.send(request, reply, notEditablePage(context, practice));
      return;
    }
    const fields: readonly PracticeField[] = SECTIONS[section];
    const form = formOfBody(fields, body);
    // A missing or garbled version cannot match any saved one: the save ends in the conflict page.
    const posted = Number.parseInt(text(body.version), 10);
    const version = Number.isInteger(posted) ? posted : 0;
    const base = { version, digest: text(body.digest) };
    const required = requiredEmptyErrors(form, fields);
    const filled = fields.filter((field) => !required.some((error) => error.field === field));
    const checked = await validateAgainst(UpdatePracticeDto, {
      ...dtoValuesOf(form, filled, null),
      version,
    });
    let errors = mergeErrors(
      required,
      checked.errors.filter((error) => error.field !== 'version'),
    );
    if (errors.length === 0) {
      try {
        await this.practices.update(user, id, checked.value, context.locale);
        this.web.redirect(reply, `/my/practices/${id}`, 'my.flash.saved');
        return;
      } catch (error) {
        if (isStale(error)) {
          await this.saveOverColleague(request, reply, id, section, form, checked.value, base.digest);
          return;
        }
        if (isWrongStatus(error)) {
          await this.web.send(request, reply, notEditablePage(context, practice));
          return;
        }
        errors = this.fieldErrorsOrThrow(error);
      }
    }
    const localized = localizeErrors(context, FORM_ERRORS, errors, UpdatePracticeDto, [...fields]);
    const [categories, reason] = await Promise.all([
      this.categoryChoices(context.locale),
      this.reasonFor(user, practice),
    ]);
    const page = sectionPage(context, practice, section, form, base, categories, {
      errors: localized,
      reason,
      status: 400,
    });
    await this.web.send(request, reply, page);
  }

  async showCheck(request: FastifyRequest, reply: FastifyReply, id: string): Promise<void> {
    const context = this.web.context(request);
    const practice = await this.practices.readOwn(context.user!, id, context.locale);
    const [categories, reason] = await Promise.all([
      this.categoryChoices(context.locale),
      this.reasonFor(context.user!, practice),
    ]);
    await this.web.send(request, reply, checkPage(context, practice, categories, reason));
  }

  /** Submit for review. A second click (already submitted) lands on the practice's page, harmlessly. */
  async submit(request: FastifyRequest, reply: FastifyReply, id: string): Promise<void> {
    const context = this.web.context(request);
    const practice = await this.practices.readOwn(context.user!, id, context.locale);
    if (AWAITING_MODERATION.includes(practice.status)) {
      this.web.redirect(reply, `/my/practices/${id}`, 'my.flash.submitted');
      return;
    }
    if (!isEditable(practice.status)) {
      await this.web.send(request, reply, notEditablePage(context, practice));
      return;
    }
    const statuses = await sectionStatuses(practice);
    const incomplete = SECTION_KEYS.filter((key) => statuses[key] !== 'completed');
    if (incomplete.length === 0) {
      try {
        await this.practices.transition(context.user!, id, 'submit', context.locale);
        this.web.redirect(reply, `/my/practices/${id}`, 'my.flash.submitted');
        return;
      } catch (error) {
        if (!isWrongStatus(error)) {
          throw error;
        }
        // A colleague submitted or withdrew it a moment ago: show the practice as it is now.
        this.web.redirect(reply, `/my/practices/${id}`);
        return;
      }
    }
    const [categories, reason] = await Promise.all([
      this.categoryChoices(context.locale),
      this.reasonFor(context.user!, practice),
    ]);
    await this.web.send(request, reply, checkPage(context, practice, categories, reason, incomplete, 400));
  }

  async showWithdraw(request: FastifyRequest, reply: FastifyReply, id: string): Promise<void> {
    const context = this.web.context(request);
    const practice = await this.practices.readOwn(context.user!, id, context.locale);
    const page = nextStatus(practice.status, 'withdraw')
      ? withdrawPage(context, practice)
      : notEditablePage(context, practice);
    await this.web.send(request, reply, page);
  }

  /** Withdraw after the confirmation. Withdrawing twice lands on the list, harmlessly. */
  async withdraw(request: FastifyRequest, reply: FastifyReply, id: string): Promise<void> {
    const context = this.web.context(request);
    const practice = await this.practices.readOwn(context.user!, id, context.locale);
    if (practice.status === 'withdrawn') {
      this.web.redirect(reply, '/my', 'my.flash.withdrawn');
      return;
    }
    if (!nextStatus(practice.status, 'withdraw')) {
      await this.web.send(request, reply, notEditablePage(context, practice));
      return;
    }
    await this.practices.transition(context.user!, id, 'withdraw', context.locale);
    this.web.redirect(reply, `/my?municipality=${practice.municipality.id}`, 'my.flash.withdrawn');
  }

  async history(request: FastifyRequest, reply: FastifyReply, id: string): Promise<void> {
    const context = this.web.context(request);
    const practice = await this.practices.readOwn(context.user!, id, context.locale);
    const [history, revisions] = await Promise.all([
      this.practices.history(context.user!, id),
      this.practices.revisions(context.user!, id),
    ]);
    await this.web.send(request, reply, historyPage(context, practice, history, revisions));
  }

  /**
   * A save refused as stale: a double click that already saved this, a colleague's save of other
   * sections (this section's fingerprint still matches: saved again on the current version), or a
   * colleague's change to this very section (the conflict page).
   */
  private async saveOverColleague(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    section: SectionKey,
    typed: Partial<PracticeForm>,
    changes: UpdatePracticeDto,
    postedDigest: string,
  ): Promise<void> {
    const context = this.web.context(request);
    const current = await this.practices.readOwn(context.user!, id, context.locale);
    if (!isEditable(current.status)) {
      await this.web.send(request, reply, notEditablePage(context, current));
      return;
    }
    const fields = SECTIONS[section];
    const saved = formOfPractice(current);
    if (sameAsSaved(typed, saved, fields)) {
      // A double click without JavaScript: the first post saved exactly this, so nothing is lost.
      this.web.redirect(reply, `/my/practices/${id}`, 'my.flash.saved');
      return;
    }
    if (postedDigest === sectionDigest(saved, fields)) {
      try {
        await this.practices.update(
          context.user!,
          id,
          { ...changes, version: current.version },
          context.locale,
        );
        this.web.redirect(reply, `/my/practices/${id}`, 'my.flash.saved');
        return;
      } catch (error) {
        if (!isStale(error)) {
          throw error;
        }
        // Yet another save landed in between: show the conflict with what is saved now.
        return this.saveOverColleague(request, reply, id, section, typed, changes, '');
      }
    }
    await this.showConflict(request, reply, current, section, typed);
  }

  private async showConflict(
    request: FastifyRequest,
    reply: FastifyReply,
    current: PracticeDto,
    section: SectionKey,
    typed: Partial<PracticeForm>,
  ): Promise<void> {
    const context = this.web.context(request);
    const conflict: SectionConflict = { saved: formOfPractice(current) };
    const [categories, reason] = await Promise.all([
      this.categoryChoices(context.locale),
      this.reasonFor(context.user!, current),
    ]);
    const page = sectionPage(context, current, section, typed, sectionBase(current, section), categories, {
      conflict,
      reason,
      status: 409,
    });
    await this.web.send(request, reply, page);
  }

  /** The municipalities the user is an approved representative of, with their names. */
  private async represented(context: WebContext): Promise<RepresentedMunicipality[]> {
    const memberships = (await this.representatives.mine(context.user!)).filter(
      (membership) => membership.status === 'approved',
    );
    return Promise.all(
      memberships.map(async (membership) => ({
        id: membership.municipalityId,
        name: (await this.geography.municipality(membership.municipalityId, context.locale)).name,
      })),
    );
  }

  private async categoryChoices(locale: Locale): Promise<CategoryChoice[]> {
    return (await this.categories.list(locale)).map((category) => ({ id: category.id, name: category.name }));
  }

  /** The moderator's reason for the current status (changes requested or rejected), if any. */
  private async reasonFor(user: AuthUser, practice: PracticeDto): Promise<string | null> {
    return REASONED_STATUSES.has(practice.status) ? this.lastReason(user, practice.id) : null;
  }

  private async lastReason(user: AuthUser, id: string): Promise<string | null> {
    const history = await this.practices.history(user, id);
    return history.reverse().find((entry) => REASONED_STATUSES.has(entry.toStatus))?.reason ?? null;
  }

  /** The service's refusal of a form's values, at its fields; anything else is the error page. */
  private fieldErrorsOrThrow(error: unknown): FieldError[] {
    const errors = serviceFieldErrors(error);
    if (!errors) {
      throw error;
    }
    return errors;
  }
}
