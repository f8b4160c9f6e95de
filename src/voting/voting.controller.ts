import { Body, Controller, Delete, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { FastifyReply, FastifyRequest } from 'fastify';
import { AuthUser } from '../common/auth/auth-user';
import { Authenticated, CurrentUser } from '../common/auth/decorators';
import { Role } from '../common/auth/role';
import { ApiProblems } from '../common/http/api-problems';
import { EmptyDto } from '../common/http/empty.dto';
import { IdPipe } from '../common/http/id-param';
import { AnnulDto, MyVotesDto, VoteReceiptDto } from './dto/vote.dto';
import { SignalsDto, SignalsService } from './signals.service';
import { VotingService } from './voting.service';

@ApiTags('voting')
@Controller('contests/:id')
export class VotingController {
  constructor(
    private readonly voting: VotingService,
    private readonly signals: SignalsService,
  ) {}

  @Authenticated()
  @Post('entries/:entryId/vote')
  @ApiOperation({ summary: 'Vote for an entry (201; the same vote again: 200, nothing new written)' })
  @ApiResponse({ status: 201, type: VoteReceiptDto, description: 'Vote cast; a receipt email is on its way' })
  @ApiResponse({ status: 200, type: VoteReceiptDto, description: 'You had already voted for this entry' })
  @ApiProblems(401, 403, 404, 409, 429)
  async cast(
    @CurrentUser() voter: AuthUser,
    @Param('id', IdPipe) contestId: string,
    @Param('entryId', IdPipe) entryId: string,
    @Body() _body: EmptyDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<VoteReceiptDto> {
    const signals = { address: request.ip, userAgent: request.headers['user-agent'] };
    const { created, receipt } = await this.voting.cast(voter, contestId, entryId, signals);
    void reply.status(created ? 201 : 200);
    return receipt;
  }

  @Authenticated()
  @Delete('entries/:entryId/vote')
  @HttpCode(204)
  @ApiOperation({ summary: 'Withdraw your vote while voting is open (where the contest allows)' })
  @ApiNoContentResponse()
  @ApiProblems(401, 403, 404, 409)
  retract(
    @CurrentUser() voter: AuthUser,
    @Param('id', IdPipe) contestId: string,
    @Param('entryId', IdPipe) entryId: string,
  ): Promise<void> {
    return this.voting.retract(voter, contestId, entryId);
  }

  @Authenticated()
  @Get('my-votes')
  @ApiOperation({ summary: 'Your votes in this contest, votes left, and your pseudonym' })
  @ApiOkResponse({ type: MyVotesDto })
  @ApiProblems(404)
  myVotes(@CurrentUser() voter: AuthUser, @Param('id', IdPipe) contestId: string): Promise<MyVotesDto> {
    return this.voting.myVotes(voter, contestId);
  }

  @Authenticated({ roles: [Role.Moderator] })
  @Get('signals')
  @ApiOperation({ summary: 'Fraud signals: network clusters, young accounts, bursts per entry' })
  @ApiOkResponse({ type: SignalsDto })
  @ApiProblems(404)
  fraudSignals(@CurrentUser() caller: AuthUser, @Param('id', IdPipe) contestId: string): Promise<SignalsDto> {
    return this.signals.signals(caller, contestId);
  }

  @Authenticated({ roles: [Role.Admin] })
  @Post('votes/:voteId/annul')
  @HttpCode(204)
  @ApiOperation({ summary: 'Annul a vote before publication (audited; stays in the ledger, uncounted)' })
  @ApiNoContentResponse()
  @ApiProblems(400, 404, 409)
  annul(
    @CurrentUser() admin: AuthUser,
    @Param('id', IdPipe) contestId: string,
    @Param('voteId', IdPipe) voteId: string,
    @Body() dto: AnnulDto,
  ): Promise<void> {
    return this.voting.annul(admin, contestId, voteId, dto.reason);
  }
}
