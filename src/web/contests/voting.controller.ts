import { Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { IdPipe } from '../../common/http/id-param';
import { SignedIn, WebController } from '../web-controller';
import { VotingHandler } from './voting.handler';

@WebController('contests/:id')
export class VotingWebController {
  constructor(private readonly voting: VotingHandler) {}

  @Get('ballot')
  async ballot(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('id', IdPipe) contestId: string,
  ) {
    await this.voting.ballot(request, reply, contestId);
  }

  @Post('entries/:entryId/vote')
  @SignedIn()
  @HttpCode(200)
  async vote(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('id', IdPipe) contestId: string,
    @Param('entryId', IdPipe) entryId: string,
  ) {
    await this.voting.vote(request, reply, contestId, entryId);
  }

  @Post('entries/:entryId/withdraw')
  @SignedIn()
  @HttpCode(200)
  async withdraw(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('id', IdPipe) contestId: string,
    @Param('entryId', IdPipe) entryId: string,
  ) {
    await this.voting.withdraw(request, reply, contestId, entryId);
  }

  @Get('results')
  async results(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('id', IdPipe) contestId: string,
  ) {
    await this.voting.resultsPage(request, reply, contestId);
  }
}
