import { Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { AuthUser } from '../common/auth/auth-user';
import { Authenticated, CurrentUser, Public } from '../common/auth/decorators';
import { Role } from '../common/auth/role';
import { ApiProblems } from '../common/http/api-problems';
import { IdPipe } from '../common/http/id-param';
import { RecountDto, ResultsDto } from './dto/results.dto';
import { ResultsService } from './results.service';

function sendCsv(reply: FastifyReply, fileName: string, csv: string): void {
  void reply
    .header('Content-Type', 'text/csv; charset=utf-8')
    .header('Content-Disposition', `attachment; filename="${fileName}"`)
    .header('X-Content-Type-Options', 'nosniff')
    .send(Buffer.from(csv, 'utf8'));
}

@ApiTags('results')
@Controller('contests/:id')
export class ResultsController {
  constructor(private readonly results: ResultsService) {}

  @Authenticated({ roles: [Role.Admin] })
  @Post('results')
  @HttpCode(201)
  @ApiOperation({ summary: 'Publish the results after voting closed: freezes ranking, turnout and ledger' })
  @ApiOkResponse({ type: ResultsDto })
  @ApiProblems(404, 409)
  publish(@CurrentUser() admin: AuthUser, @Param('id', IdPipe) id: string): Promise<ResultsDto> {
    return this.results.publish(admin, id);
  }

  @Public()
  @Get('results')
  @ApiOperation({ summary: 'Ranking per nomination, winners, turnout, annulled count, ledger digest' })
  @ApiOkResponse({ type: ResultsDto })
  @ApiProblems(404, 409)
  get(@Param('id', IdPipe) id: string): Promise<ResultsDto> {
    return this.results.get(id);
  }

  @Public()
  @Get('results.csv')
  @ApiOperation({ summary: 'The results as CSV' })
  @ApiProduces('text/csv')
  @ApiProblems(404, 409)
  async resultsCsv(@Param('id', IdPipe) id: string, @Res() reply: FastifyReply): Promise<void> {
    sendCsv(reply, 'results.csv', await this.results.resultsCsv(id));
  }

  @Public()
  @Get('ledger.csv')
  @ApiOperation({ summary: 'The anonymised vote ledger; its SHA-256 is the published digest' })
  @ApiProduces('text/csv')
  @ApiProblems(404, 409)
  async ledgerCsv(@Param('id', IdPipe) id: string, @Res() reply: FastifyReply): Promise<void> {
    sendCsv(reply, 'ledger.csv', await this.results.ledgerCsv(id));
  }

  @Authenticated({ roles: [Role.Admin] })
  @Get('recount')
  @ApiOperation({ summary: 'Recount from the raw votes and compare with the published snapshot' })
  @ApiOkResponse({ type: RecountDto })
  @ApiProblems(404, 409)
  recount(@Param('id', IdPipe) id: string): Promise<RecountDto> {
    return this.results.recount(id);
  }
}
