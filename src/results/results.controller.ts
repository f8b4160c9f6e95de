import { Controller, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { FastifyReply, FastifyRequest } from 'fastify';
import { AuthUser } from '../common/auth/auth-user';
import { Authenticated, CurrentUser, Public } from '../common/auth/decorators';
import { Role } from '../common/auth/role';
import { ApiProblems } from '../common/http/api-problems';
import { IdPipe } from '../common/http/id-param';
import { RecountDto, ResultsDto } from './dto/results.dto';
import { answerRange } from './byte-range';
import { ResultsErrors } from './results.errors';
import { ResultsService } from './results.service';

function csvHeaders(reply: FastifyReply, fileName: string): FastifyReply {
  return reply
    .header('Content-Type', 'text/csv; charset=utf-8')
    .header('Content-Disposition', `attachment; filename="${fileName}"`)
    .header('X-Content-Type-Options', 'nosniff');
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
    void csvHeaders(reply, 'results.csv').send(Buffer.from(await this.results.resultsCsv(id), 'utf8'));
  }

  @Public()
  @Get('ledger.csv')
  @ApiOperation({
    summary: 'The anonymised vote ledger; its SHA-256 is the published digest',
    description:
      'Streamed from the file storage. The ETag is the quoted digest. One byte range (`Range: bytes=…`) ' +
      'answers 206; several ranges, or an `If-Range` that is not the current ETag, get the whole file.',
  })
  @ApiProduces('text/csv')
  @ApiHeader({
    name: 'Range',
    required: false,
    description: 'One byte range, e.g. `bytes=0-1023`',
    schema: { type: 'string', maxLength: 100 },
  })
  @ApiResponse({ status: 206, description: 'The requested byte range (Content-Range)' })
  @ApiResponse({ status: 304, description: 'If-None-Match named the current ETag' })
  @ApiProblems(404, 409, 416)
  async ledgerCsv(
    @Param('id', IdPipe) id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const ledger = await this.results.ledger(id);
    const etag = `"${ledger.sha256}"`;
    csvHeaders(reply, 'ledger.csv').header('ETag', etag).header('Accept-Ranges', 'bytes');
    if (request.headers['if-none-match'] === etag) {
      void reply.code(304).send();
      return;
    }
    const ifRange = request.headers['if-range'];
    const answer = answerRange(request.headers.range, ledger.size, etag, ifRange?.toString());
    if (answer.kind === 'unsatisfiable') {
      reply.header('Content-Range', `bytes */${ledger.size}`);
      throw ResultsErrors.rangeNotSatisfiable(ledger.size);
    }
    if (answer.kind === 'partial') {
      const { start, end } = answer.range;
      void reply
        .code(206)
        .header('Content-Range', `bytes ${start}-${end}/${ledger.size}`)
        .header('Content-Length', end - start + 1)
        .send(await ledger.read(answer.range));
      return;
    }
    void reply.header('Content-Length', ledger.size).send(await ledger.read());
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
