import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../common/auth/auth-user';
import { Authenticated, CurrentUser } from '../common/auth/decorators';
import { Role } from '../common/auth/role';
import { ApiProblems } from '../common/http/api-problems';
import { IdPipe } from '../common/http/id-param';
import {
  VerificationDecisionDto,
  VerificationRequestDto,
  VerificationReviewDto,
  VerificationStatusDto,
} from './dto/verification.dto';
import { VerificationService } from './verification.service';

@ApiTags('voter verification')
@Controller()
export class VerificationController {
  constructor(private readonly verification: VerificationService) {}

  @Authenticated()
  @Post('users/me/voter-verification')
  @ApiOperation({ summary: 'Ask to be verified as a voter (phone, municipality of residence, optional PIN)' })
  @ApiCreatedResponse({ type: VerificationStatusDto })
  @ApiProblems(400, 404, 409, 429)
  request(
    @CurrentUser() user: AuthUser,
    @Body() dto: VerificationRequestDto,
  ): Promise<VerificationStatusDto> {
    return this.verification.request(user, dto);
  }

  @Authenticated({ allowUnconfirmed: true })
  @Get('users/me/voter-verification')
  @ApiOperation({ summary: 'Your latest verification request, if any' })
  @ApiOkResponse({ type: VerificationStatusDto })
  mine(@CurrentUser() user: AuthUser): Promise<VerificationStatusDto | null> {
    return this.verification.mine(user);
  }

  @Authenticated({ roles: [Role.Moderator] })
  @Get('moderation/voter-verifications/:id')
  @ApiTags('moderation')
  @ApiOperation({ summary: 'A verification request as moderators see it (phone, PIN clash)' })
  @ApiOkResponse({ type: VerificationReviewDto })
  @ApiProblems(404)
  review(@Param('id', IdPipe) id: string): Promise<VerificationReviewDto> {
    return this.verification.review(id);
  }

  @Authenticated({ roles: [Role.Moderator] })
  @Post('moderation/voter-verifications/:id/decision')
  @HttpCode(200)
  @ApiTags('moderation')
  @ApiOperation({ summary: 'Approve or refuse a voter verification (reason required to refuse)' })
  @ApiOkResponse({ type: VerificationStatusDto })
  @ApiProblems(400, 403, 404, 409)
  decide(
    @CurrentUser() moderator: AuthUser,
    @Param('id', IdPipe) id: string,
    @Body() dto: VerificationDecisionDto,
  ): Promise<VerificationStatusDto> {
    return this.verification.decide(moderator, id, dto);
  }
}
