import { Body, Controller, Get, Param, Patch, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../common/auth/auth-user';
import { Authenticated, CurrentUser } from '../common/auth/decorators';
import { Role } from '../common/auth/role';
import { ApiProblems } from '../common/http/api-problems';
import { IdPipe } from '../common/http/id-param';
import { AdminUpdateUserDto, AdminUserDto, AdminUserPageDto, AdminUserQueryDto } from './dto/admin-user.dto';
import { AdminUsersService } from './admin-users.service';

@ApiTags('admin')
@Controller('admin/users')
@Authenticated({ roles: [Role.Admin] })
export class AdminUsersController {
  constructor(private readonly adminUsers: AdminUsersService) {}

  @Get()
  @ApiOperation({ summary: 'Search users by email or name, filter by role' })
  @ApiOkResponse({ type: AdminUserPageDto })
  @ApiProblems(400)
  search(@Query() query: AdminUserQueryDto): Promise<AdminUserPageDto> {
    return this.adminUsers.search(query);
  }

  @Patch(':id')
  @ApiOperation({ summary: "Set a user's staff roles, block or unblock them" })
  @ApiOkResponse({ type: AdminUserDto })
  @ApiProblems(400, 404, 409)
  update(
    @CurrentUser() admin: AuthUser,
    @Param('id', IdPipe) id: string,
    @Body() changes: AdminUpdateUserDto,
  ): Promise<AdminUserDto> {
    return this.adminUsers.update(admin, id, changes);
  }
}
