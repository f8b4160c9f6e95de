import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../common/auth/auth-user';
import { Authenticated, CurrentUser } from '../common/auth/decorators';
import { ApiProblems } from '../common/http/api-problems';
import { UpdateProfileDto, UserProfileDto } from './dto/user-profile.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@Controller('users/me')
@Authenticated({ allowUnconfirmed: true })
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOperation({ summary: 'Your profile' })
  @ApiOkResponse({ type: UserProfileDto })
  getProfile(@CurrentUser() user: AuthUser): Promise<UserProfileDto> {
    return this.users.getProfile(user.id);
  }

  @Patch()
  @ApiOperation({ summary: 'Change your name, phone, language or notification preferences' })
  @ApiOkResponse({ type: UserProfileDto })
  @ApiProblems(400)
  updateProfile(@CurrentUser() user: AuthUser, @Body() changes: UpdateProfileDto): Promise<UserProfileDto> {
    return this.users.updateProfile(user.id, changes);
  }
}
