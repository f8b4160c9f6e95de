import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { AuthUser } from '../common/auth/auth-user';
import { Authenticated, CurrentUser } from '../common/auth/decorators';
import { Role } from '../common/auth/role';
import { ApiProblems } from '../common/http/api-problems';
import { EmptyDto } from '../common/http/empty.dto';
import { IdPipe } from '../common/http/id-param';
import {
  MembershipDecisionDto,
  MembershipDto,
  RemovalDto,
  RepresentativeDto,
} from './dto/representative.dto';
import { RepresentativesService } from './representatives.service';

@ApiTags('representatives')
@Controller()
export class RepresentativesController {
  constructor(private readonly representatives: RepresentativesService) {}

  @Authenticated()
  @Post('municipalities/:id/representatives')
  @ApiOperation({ summary: 'Ask to represent a municipality (a moderator decides)' })
  @ApiCreatedResponse({ type: MembershipDto })
  @ApiProblems(400, 404, 409, 429)
  request(
    @CurrentUser() user: AuthUser,
    @Param('id', IdPipe) municipalityId: string,
    @Body() _body: EmptyDto,
  ): Promise<MembershipDto> {
    return this.representatives.request(user, municipalityId);
  }

  @Authenticated({ roles: [Role.Moderator] })
  @Get('municipalities/:id/representatives')
  @ApiOperation({ summary: "A municipality's representatives and pending requests" })
  @ApiOkResponse({ type: [RepresentativeDto] })
  @ApiProblems(404)
  list(@Param('id', IdPipe) municipalityId: string): Promise<RepresentativeDto[]> {
    return this.representatives.ofMunicipality(municipalityId);
  }

  @Authenticated({ roles: [Role.Moderator] })
  @Delete('municipalities/:id/representatives/:userId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a representative (audited; the person is emailed)' })
  @ApiNoContentResponse()
  @ApiProblems(400, 404)
  remove(
    @CurrentUser() staff: AuthUser,
    @Param('id', IdPipe) municipalityId: string,
    @Param('userId', IdPipe) userId: string,
    @Body() dto: RemovalDto,
  ): Promise<void> {
    return this.representatives.remove(staff, municipalityId, userId, dto ?? {});
  }

  @Authenticated({ allowUnconfirmed: true })
  @Get('users/me/memberships')
  @ApiTags('users')
  @ApiOperation({ summary: 'Your representative requests and memberships' })
  @ApiOkResponse({ type: [MembershipDto] })
  mine(@CurrentUser() user: AuthUser): Promise<MembershipDto[]> {
    return this.representatives.mine(user);
  }

  @Authenticated({ roles: [Role.Moderator] })
  @Post('moderation/representatives/:id/decision')
  @HttpCode(200)
  @ApiTags('moderation')
  @ApiOperation({ summary: 'Approve or refuse a representative request (reason required to refuse)' })
  @ApiOkResponse({ type: MembershipDto })
  @ApiProblems(400, 403, 404, 409)
  decide(
    @CurrentUser() moderator: AuthUser,
    @Param('id', IdPipe) membershipId: string,
    @Body() decision: MembershipDecisionDto,
  ): Promise<MembershipDto> {
    return this.representatives.decide(moderator, membershipId, decision);
  }
}
