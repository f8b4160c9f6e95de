import { Injectable } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { ContestsService } from '../../contests/contests.service';
import { EntriesService } from '../../contests/entries.service';
import { ResultsService } from '../../results/results.service';
import { VerificationService } from '../../verification/verification.service';
import { VotingService } from '../../voting/voting.service';
import { WebRenderer } from '../render/web-renderer';
import { webState } from '../web-state';
import { ballotModel } from './ballot.view';
import { resultsModel } from './results.view';

/**
 * The ballot and the results. The contest page includes the same partials with the same view
 * models (contests/_ballot.njk, contests/_results.njk); these pages show them on their own.
 */
@Injectable()
export class VotingHandler {
  constructor(
    private readonly web: WebRenderer,
    private readonly contests: ContestsService,
    private readonly entries: EntriesService,
    private readonly voting: VotingService,
    private readonly verification: VerificationService,
    private readonly results: ResultsService,
  ) {}

  async ballot(request: FastifyRequest, reply: FastifyReply, contestId: string): Promise<void> {
    const context = this.web.context(request);
    const user = context.user;
    const contest = await this.contests.get(contestId, context.locale);
    const [entries, myVotes, verification] = await Promise.all([
      this.entries.ballot(user, contestId, context.locale),
      user ? this.voting.myVotes(user, contestId) : undefined,
      user ? this.verification.mine(user) : undefined,
    ]);
    const ballot = ballotModel(context, { contest, entries, user, myVotes, verification });
    await this.web.send(request, reply, {
      template: 'contests/ballot.njk',
      title: context.t('voting.ballot.heading'),
      form: ballot.nominations.some((nomination) =>
        nomination.entries.some((entry) => entry.action !== 'none'),
      ),
      breadcrumbs: [
        { text: context.t('voting.breadcrumb'), href: '/contests' },
        { text: contest.title, href: `/contests/${contest.id}` },
      ],
      model: { ballot, contestTitle: contest.title },
    });
  }

  async vote(
    request: FastifyRequest,
    reply: FastifyReply,
    contestId: string,
    entryId: string,
  ): Promise<void> {
    const signals = { address: request.ip, userAgent: request.headers['user-agent'] };
    await this.voting.cast(webState(request).user!, contestId, entryId, signals);
    this.web.redirect(reply, `/contests/${contestId}/ballot#entry-${entryId}`, 'voting.ballot.cast');
  }

  async withdraw(
    request: FastifyRequest,
    reply: FastifyReply,
    contestId: string,
    entryId: string,
  ): Promise<void> {
    await this.voting.retract(webState(request).user!, contestId, entryId);
    this.web.redirect(reply, `/contests/${contestId}/ballot#entry-${entryId}`, 'voting.ballot.withdrawn');
  }

  async resultsPage(request: FastifyRequest, reply: FastifyReply, contestId: string): Promise<void> {
    const context = this.web.context(request);
    const contest = await this.contests.get(contestId, context.locale);
    const published = await this.results.get(contestId);
    const myPseudonym = context.user
      ? (await this.voting.myVotes(context.user, contestId)).pseudonym
      : undefined;
    await this.web.send(request, reply, {
      template: 'contests/results.njk',
      title: context.t('voting.results.heading'),
      breadcrumbs: [
        { text: context.t('voting.breadcrumb'), href: '/contests' },
        { text: contest.title, href: `/contests/${contest.id}` },
      ],
      model: { results: resultsModel(context, contest, published, myPseudonym), contestTitle: contest.title },
    });
  }
}
