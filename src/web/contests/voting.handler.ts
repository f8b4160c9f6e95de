import { Injectable } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { ContestsService } from '../../contests/contests.service';
import { EntriesService } from '../../contests/entries.service';
import { GeographyService } from '../../geography/geography.service';
import { ResultsService } from '../../results/results.service';
import { VerificationService } from '../../verification/verification.service';
import { VotingService } from '../../voting/voting.service';
import { WebRenderer } from '../render/web-renderer';
import { webState } from '../web-state';
import { ContestDto } from '../../contests/dto/contest.dto';
import { WebContext } from '../render/page';
import { BallotModel, ballotModel } from './ballot.view';
import { ResultsModel, resultsModel } from './results.view';

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
    private readonly geography: GeographyService,
  ) {}

  async ballot(request: FastifyRequest, reply: FastifyReply, contestId: string): Promise<void> {
    const context = this.web.context(request);
    const contest = await this.contests.get(contestId, context.locale);
    const ballot = await this.ballotOf(context, contest);
    await this.web.send(request, reply, {
      template: 'contests/ballot.njk',
      title: context.t('voting.ballot.heading'),
      form: hasVoteForms(ballot),
      breadcrumbs: [
        { text: context.t('voting.breadcrumb'), href: '/contests' },
        { text: contest.title, href: `/contests/${contest.id}` },
      ],
      model: { ballot, contestTitle: contest.title },
    });
  }

  /**
   * What the contest page shows below its description: the ballot while voting is open, the results
   * once published, nothing in the other phases.
   */
  async ballotOrResults(context: WebContext, contest: ContestDto): Promise<BallotOrResults | undefined> {
    if (contest.phase === 'voting') {
      const ballot = await this.ballotOf(context, contest);
      return { ballot, hasForms: hasVoteForms(ballot) };
    }
    if (contest.phase === 'results_published') {
      return { results: await this.resultsOf(context, contest), hasForms: false };
    }
    return undefined;
  }

  private async ballotOf(context: WebContext, contest: ContestDto): Promise<BallotModel> {
    const user = context.user;
    const [entries, myVotes, verification] = await Promise.all([
      this.entries.ballot(user, contest.id, context.locale),
      user ? this.voting.myVotes(user, contest.id) : undefined,
      // The request's state matters only to a voter who is not verified yet (pending or refused).
      user && !user.voterVerified ? this.verification.mine(user) : undefined,
    ]);
    return ballotModel(context, { contest, entries, user, myVotes, verification });
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
    await this.web.send(request, reply, {
      template: 'contests/results.njk',
      title: context.t('voting.results.heading'),
      breadcrumbs: [
        { text: context.t('voting.breadcrumb'), href: '/contests' },
        { text: contest.title, href: `/contests/${contest.id}` },
      ],
      model: { results: await this.resultsOf(context, contest), contestTitle: contest.title },
    });
  }

  private async resultsOf(context: WebContext, contest: ContestDto): Promise<ResultsModel> {
    const published = await this.results.get(contest.id);
    const municipalityIds = published.nominations.flatMap((n) =>
      n.ranking.flatMap((row) => (row.municipalityId ? [row.municipalityId] : [])),
    );
    const [names, myPseudonym] = await Promise.all([
      this.geography.municipalityNames(municipalityIds, context.locale),
      context.user ? this.voting.myVotes(context.user, contest.id).then((mine) => mine.pseudonym) : undefined,
    ]);
    return resultsModel(context, contest, published, names, myPseudonym);
  }
}

/** The ballot or the results, for the contest page's `ballotOrResults`. */
export interface BallotOrResults {
  ballot?: BallotModel;
  results?: ResultsModel;
  /** The page carries vote forms (a CSRF token, so it is private and never cached). */
  hasForms: boolean;
}

function hasVoteForms(ballot: BallotModel): boolean {
  return ballot.nominations.some((nomination) => nomination.entries.some((entry) => entry.action !== 'none'));
}
