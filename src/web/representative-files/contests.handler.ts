import { Injectable } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../common/errors/domain-error';
import { ContestsService } from '../../contests/contests.service';
import { CreateEntryDto } from '../../contests/dto/entry.dto';
import { EntriesService } from '../../contests/entries.service';
import { PracticeEntriesQuery } from '../../contests/practice-entries';
import { PracticeDto } from '../../practices/dto/practice.dto';
import { optionalText, validateAgainst } from '../forms/form-validation';
import { WebContext } from '../render/page';
import { WebRenderer } from '../render/web-renderer';
import {
  contestsPage,
  contestsPath,
  ENTRY_REFUSAL_BY_CODE,
  EntryFormError,
  EntryRefusal,
} from './contests.view';
import { OwnedPractices } from './owned-practices';

/**
 * `/my/practices/:id/contests`: entering a published practice into an open contest's nomination,
 * and following its entries. The entries service decides (window open, published, once per
 * contest); a refusal is shown on the page in plain words.
 */
@Injectable()
export class ContestEntriesHandler {
  constructor(
    private readonly web: WebRenderer,
    private readonly owned: OwnedPractices,
    private readonly contests: ContestsService,
    private readonly entries: EntriesService,
    private readonly practiceEntries: PracticeEntriesQuery,
  ) {}

  async page(request: FastifyRequest, reply: FastifyReply, practiceId: string): Promise<void> {
    const context = this.web.context(request);
    const practice = await this.owned.require(context.user!, practiceId, context.locale);
    await this.render(request, reply, context, practice);
  }

  async enter(
    request: FastifyRequest,
    reply: FastifyReply,
    practiceId: string,
    contestId: string,
  ): Promise<void> {
    const context = this.web.context(request);
    const practice = await this.owned.require(context.user!, practiceId, context.locale);
    // A contest that does not exist is a 404 page, not a form error.
    await this.contests.get(contestId, context.locale);
    const nominationId = optionalText((request.body as Record<string, unknown> | undefined)?.nominationId);
    // The API's own DTO: a missing or malformed nomination id never reaches the service.
    const { errors } = await validateAgainst(CreateEntryDto, { practiceId, nominationId });
    const refused =
      errors.length === 0 && nominationId
        ? await this.tryEnter(context, practiceId, contestId, nominationId)
        : { refusal: 'chooseNomination' as const, status: 400 };
    if (refused) {
      const formError: EntryFormError = { contestId, refusal: refused.refusal, nominationId };
      return this.render(request, reply, context, practice, formError, refused.status);
    }
    this.web.redirect(reply, contestsPath(practiceId), 'myFiles.contests.entered');
  }

  /** Undefined when entered; a refusal the page explains otherwise (any other error is its own page). */
  private async tryEnter(
    context: WebContext,
    practiceId: string,
    contestId: string,
    nominationId: string,
  ): Promise<{ refusal: EntryRefusal; status: number } | undefined> {
    try {
      await this.entries.enter(context.user!, contestId, { practiceId, nominationId }, context.locale);
      return undefined;
    } catch (error) {
      const refusal = error instanceof DomainError ? entryRefusal(error.code) : undefined;
      if (!refusal || !(error instanceof DomainError)) {
        throw error;
      }
      return { refusal, status: error.status };
    }
  }

  private async render(
    request: FastifyRequest,
    reply: FastifyReply,
    context: WebContext,
    practice: PracticeDto,
    error?: EntryFormError,
    httpStatus?: number,
  ): Promise<void> {
    const [all, entries] = await Promise.all([
      this.contests.list(context.locale),
      this.practiceEntries.ofOwnPractice(context.user!, practice.id, context.locale),
    ]);
    const open = all.filter((contest) => contest.phase === 'accepting_entries');
    await this.web.send(request, reply, contestsPage(context, practice, open, entries, error, httpStatus));
  }
}

function entryRefusal(code: string): EntryRefusal | undefined {
  return code in ENTRY_REFUSAL_BY_CODE
    ? ENTRY_REFUSAL_BY_CODE[code as keyof typeof ENTRY_REFUSAL_BY_CODE]
    : undefined;
}
