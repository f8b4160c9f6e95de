import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../common/auth/auth-user';
import { Authenticated, CurrentUser } from '../common/auth/decorators';
import { Role } from '../common/auth/role';
import { ApiProblems } from '../common/http/api-problems';
import { IdPipe } from '../common/http/id-param';
import { Locale } from '../common/i18n/locale';
import { RequestLocale } from '../common/i18n/request-locale.decorator';
import { PracticeDecisionDto } from '../practices/dto/practice-input.dto';
import { PracticeDto } from '../practices/dto/practice.dto';
import { QueuePageDto, QueueQueryDto } from './dto/queue.dto';
import { ModerationService } from './moderation.service';

@ApiTags('moderation')
@Controller('moderation')
@Authenticated({ roles: [Role.Moderator] })
export class ModerationController {
  constructor(private readonly moderation: ModerationService) {}

  @Get('queue')
  @ApiOperation({ summary: 'Everything waiting for a moderator, oldest first, with counts by kind' })
  @ApiOkResponse({ type: QueuePageDto })
  @ApiProblems(400)
  queue(@Query() query: QueueQueryDto, @RequestLocale() locale: Locale): Promise<QueuePageDto> {
    return this.moderation.listQueue(query, locale);
  }

  @Post('practices/:id/decision')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Claim, approve, reject, request changes or archive (reason for reject and changes)',
  })
  @ApiOkResponse({ type: PracticeDto })
  @ApiProblems(400, 403, 404, 409)
  decide(
    @CurrentUser() moderator: AuthUser,
    @Param('id', IdPipe) id: string,
    @Body() decision: PracticeDecisionDto,
    @RequestLocale() locale: Locale,
  ): Promise<PracticeDto> {
    return this.moderation.decide(moderator, id, decision, locale);
  }
}
