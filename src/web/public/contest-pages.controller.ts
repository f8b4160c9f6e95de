import { Get, Param, Req, Res } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { IdPipe } from '../../common/http/id-param';
import { WebRenderer } from '../render/web-renderer';
import { VotingHandler } from '../contests/voting.handler';
import { WebController } from '../web-controller';
import { contestListPage, contestPage } from './contests.view';
import { PublicData } from './public-data.service';

/** The contest list and a contest's page (description, rules, timeline, nominations, ballot or results). */
@WebController()
export class ContestPagesController {
  constructor(
    private readonly web: WebRenderer,
    private readonly data: PublicData,
    private readonly voting: VotingHandler,
  ) {}

  @Get('contests')
  async list(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const context = this.web.context(request);
    await this.web.send(
      request,
      reply,
      contestListPage(context, await this.data.contestList(context.locale)),
    );
  }

  @Get('contests/:id')
  async contest(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('id', IdPipe) id: string,
  ): Promise<void> {
    const context = this.web.context(request);
    const contest = await this.data.contest(id, context.locale);
    const ballotOrResults = await this.voting.ballotOrResults(context, contest);
    await this.web.send(request, reply, contestPage(context, contest, ballotOrResults));
  }
}
