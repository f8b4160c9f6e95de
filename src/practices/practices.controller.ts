import { Body, Controller, Get, Header, HttpCode, Param, Patch, Post, Query, Req } from '@nestjs/common';
import { FastifyRequest } from 'fastify';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../common/auth/auth-user';
import { Authenticated, CurrentUser, OptionalUser, Public } from '../common/auth/decorators';
import { ApiProblems } from '../common/http/api-problems';
import { EmptyDto } from '../common/http/empty.dto';
import { IdPipe } from '../common/http/id-param';
import { Locale } from '../common/i18n/locale';
import { RequestLocale } from '../common/i18n/request-locale.decorator';
import { CatalogService } from './catalog.service';
import { CatalogQueryDto } from './dto/catalog-query.dto';
import { CreatePracticeDto, UpdatePracticeDto } from './dto/practice-input.dto';
import {
  CatalogPageDto,
  HistoryEntryDto,
  PracticeDto,
  PracticeSummaryDto,
  RevisionDto,
} from './dto/practice.dto';
import { StatsDto } from './dto/stats.dto';
import { PracticesService } from './practices.service';

@ApiTags('practices')
@Controller()
export class PracticesController {
  constructor(
    private readonly practices: PracticesService,
    private readonly catalog: CatalogService,
  ) {}

  @Public()
  @Get('practices')
  @ApiOperation({ summary: 'Catalog of published practices: full text, filters, sorts, cursor pages' })
  @ApiOkResponse({ type: CatalogPageDto })
  @ApiProblems(400)
  @Header('Content-Type', 'application/json; charset=utf-8')
  search(@Query() query: CatalogQueryDto, @RequestLocale() locale: Locale): Promise<Buffer> {
    return this.catalog.searchJson(query, locale); // already JSON: Fastify sends the bytes as they are
  }

  @Authenticated()
  @Post('practices')
  @ApiOperation({ summary: 'Start a draft practice of your municipality' })
  @ApiCreatedResponse({ type: PracticeDto })
  @ApiProblems(400, 403)
  create(
    @CurrentUser() user: AuthUser,
    @Body() dto: CreatePracticeDto,
    @RequestLocale() locale: Locale,
  ): Promise<PracticeDto> {
    return this.practices.create(user, dto, locale);
  }

  @Authenticated()
  @Get('practices/mine')
  @ApiOperation({ summary: "Your municipalities' practices, any status" })
  @ApiOkResponse({ type: [PracticeSummaryDto] })
  mine(@CurrentUser() user: AuthUser, @RequestLocale() locale: Locale): Promise<PracticeSummaryDto[]> {
    return this.practices.mine(user, locale);
  }

  @Public()
  @Get('practices/:id')
  @ApiOperation({
    summary: 'A practice: public once published; owners and (once submitted) moderators before',
  })
  @ApiOkResponse({ type: PracticeDto })
  @ApiProblems(404)
  read(
    @OptionalUser() user: AuthUser | undefined,
    @Param('id', IdPipe) id: string,
    @RequestLocale() locale: Locale,
    @Req() request: FastifyRequest,
  ): Promise<PracticeDto> {
    return this.practices.read(user, id, locale, {
      address: request.ip,
      userAgent: request.headers['user-agent'],
    });
  }

  @Authenticated()
  @Patch('practices/:id')
  @ApiOperation({ summary: 'Edit a draft or a practice sent back for changes (send the version you read)' })
  @ApiOkResponse({ type: PracticeDto })
  @ApiProblems(400, 403, 404, 409)
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', IdPipe) id: string,
    @Body() dto: UpdatePracticeDto,
    @RequestLocale() locale: Locale,
  ): Promise<PracticeDto> {
    return this.practices.update(user, id, dto, locale);
  }

  @Authenticated()
  @Post('practices/:id/submit')
  @HttpCode(200)
  @ApiOperation({ summary: 'Send it to the moderators (keeps a revision)' })
  @ApiOkResponse({ type: PracticeDto })
  @ApiProblems(403, 404, 409)
  submit(
    @CurrentUser() user: AuthUser,
    @Param('id', IdPipe) id: string,
    @Body() _body: EmptyDto,
    @RequestLocale() locale: Locale,
  ): Promise<PracticeDto> {
    return this.practices.transition(user, id, 'submit', locale);
  }

  @Authenticated()
  @Post('practices/:id/withdraw')
  @HttpCode(200)
  @ApiOperation({ summary: 'Withdraw a draft, submitted or sent-back practice' })
  @ApiOkResponse({ type: PracticeDto })
  @ApiProblems(403, 404, 409)
  withdraw(
    @CurrentUser() user: AuthUser,
    @Param('id', IdPipe) id: string,
    @Body() _body: EmptyDto,
    @RequestLocale() locale: Locale,
  ): Promise<PracticeDto> {
    return this.practices.transition(user, id, 'withdraw', locale);
  }

  @Authenticated()
  @Get('practices/:id/revisions')
  @ApiOperation({ summary: 'Every submitted version, newest first (owners and moderators)' })
  @ApiOkResponse({ type: [RevisionDto] })
  @ApiProblems(404)
  revisions(@CurrentUser() user: AuthUser, @Param('id', IdPipe) id: string): Promise<RevisionDto[]> {
    return this.practices.revisions(user, id);
  }

  @Authenticated()
  @Get('practices/:id/history')
  @ApiOperation({ summary: 'Every transition: who, when, why (owners and moderators)' })
  @ApiOkResponse({ type: [HistoryEntryDto] })
  @ApiProblems(404)
  history(@CurrentUser() user: AuthUser, @Param('id', IdPipe) id: string): Promise<HistoryEntryDto[]> {
    return this.practices.history(user, id);
  }

  @Public()
  @Get('stats')
  @ApiTags('stats')
  @ApiOperation({ summary: 'Published practices by region, category and start year' })
  @ApiOkResponse({ type: StatsDto })
  stats(): Promise<StatsDto> {
    return this.catalog.stats();
  }
}
