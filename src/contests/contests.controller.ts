import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../common/auth/auth-user';
import { Authenticated, CurrentUser, OptionalUser, Public } from '../common/auth/decorators';
import { Role } from '../common/auth/role';
import { ApiProblems } from '../common/http/api-problems';
import { IdPipe } from '../common/http/id-param';
import { Locale } from '../common/i18n/locale';
import { RequestLocale } from '../common/i18n/request-locale.decorator';
import { ContestsService } from './contests.service';
import { ContestDto, CreateContestDto, UpdateContestDto } from './dto/contest.dto';
import { CreateEntryDto, EntryDecisionDto, EntryDto } from './dto/entry.dto';
import { EntriesService } from './entries.service';

@ApiTags('contests')
@Controller('contests')
export class ContestsController {
  constructor(
    private readonly contests: ContestsService,
    private readonly entries: EntriesService,
  ) {}

  @Public()
  @Get()
  @ApiOperation({ summary: 'Contests with their current phase' })
  @ApiOkResponse({ type: [ContestDto] })
  list(@RequestLocale() locale: Locale): Promise<ContestDto[]> {
    return this.contests.list(locale);
  }

  @Authenticated({ roles: [Role.Admin] })
  @Post()
  @ApiOperation({ summary: 'Create a contest with its nominations and schedule' })
  @ApiCreatedResponse({ type: ContestDto })
  @ApiProblems(400)
  create(@CurrentUser() admin: AuthUser, @Body() dto: CreateContestDto, @RequestLocale() locale: Locale) {
    return this.contests.create(admin, dto, locale);
  }

  @Public()
  @Get(':id')
  @ApiOperation({ summary: 'A contest with its current phase' })
  @ApiOkResponse({ type: ContestDto })
  @ApiProblems(404)
  get(@Param('id', IdPipe) id: string, @RequestLocale() locale: Locale): Promise<ContestDto> {
    return this.contests.get(id, locale);
  }

  @Authenticated({ roles: [Role.Admin] })
  @Patch(':id')
  @ApiOperation({
    summary: 'Edit texts, settings or future dates (a closed window never reopens once votes exist)',
  })
  @ApiOkResponse({ type: ContestDto })
  @ApiProblems(400, 404, 409)
  update(
    @CurrentUser() admin: AuthUser,
    @Param('id', IdPipe) id: string,
    @Body() dto: UpdateContestDto,
    @RequestLocale() locale: Locale,
  ): Promise<ContestDto> {
    return this.contests.update(admin, id, dto, locale);
  }

  @Authenticated()
  @Post(':id/entries')
  @ApiOperation({ summary: 'Enter a published practice of your municipality while entries are open' })
  @ApiCreatedResponse({ type: EntryDto })
  @ApiProblems(400, 403, 404, 409)
  enter(
    @CurrentUser() user: AuthUser,
    @Param('id', IdPipe) id: string,
    @Body() dto: CreateEntryDto,
    @RequestLocale() locale: Locale,
  ): Promise<EntryDto> {
    return this.entries.enter(user, id, dto, locale);
  }

  @Public()
  @Get(':id/entries')
  @ApiOperation({
    summary: 'The ballot: accepted entries (shuffled per voter while voting; counts only where allowed)',
  })
  @ApiOkResponse({ type: [EntryDto] })
  @ApiProblems(404)
  ballot(
    @OptionalUser() user: AuthUser | undefined,
    @Param('id', IdPipe) id: string,
    @RequestLocale() locale: Locale,
  ): Promise<EntryDto[]> {
    return this.entries.ballot(user, id, locale);
  }

  @Public()
  @Get(':id/entries/:entryId')
  @ApiOperation({
    summary: 'One entry (accepted: anyone; pending or rejected: moderators and its representative)',
  })
  @ApiOkResponse({ type: EntryDto })
  @ApiProblems(404)
  entry(
    @OptionalUser() user: AuthUser | undefined,
    @Param('id', IdPipe) id: string,
    @Param('entryId', IdPipe) entryId: string,
    @RequestLocale() locale: Locale,
  ): Promise<EntryDto> {
    return this.entries.entry(id, entryId, locale, user);
  }

  @Authenticated({ roles: [Role.Moderator] })
  @Post(':id/entries/:entryId/decision')
  @HttpCode(200)
  @ApiOperation({ summary: 'Accept (numbering it) or reject an entry (reason required to reject)' })
  @ApiOkResponse({ type: EntryDto })
  @ApiProblems(400, 403, 404, 409)
  decide(
    @CurrentUser() moderator: AuthUser,
    @Param('id', IdPipe) id: string,
    @Param('entryId', IdPipe) entryId: string,
    @Body() dto: EntryDecisionDto,
    @RequestLocale() locale: Locale,
  ): Promise<EntryDto> {
    return this.entries.decide(moderator, id, entryId, dto, locale);
  }
}
