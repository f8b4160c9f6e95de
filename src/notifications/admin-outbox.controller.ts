import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../common/auth/auth-user';
import { Authenticated, CurrentUser } from '../common/auth/decorators';
import { Role } from '../common/auth/role';
import { ApiProblems } from '../common/http/api-problems';
import { IdPipe } from '../common/http/id-param';
import { OutboxEmailDto, OutboxQueryDto } from './dto/outbox-email.dto';
import { AdminOutboxService } from './admin-outbox.service';

@ApiTags('admin')
@Controller('admin/outbox')
@Authenticated({ roles: [Role.Admin] })
export class AdminOutboxController {
  constructor(private readonly adminOutbox: AdminOutboxService) {}

  @Get()
  @ApiOperation({ summary: 'Emails in the outbox by status (dead ones by default)' })
  @ApiOkResponse({ type: [OutboxEmailDto] })
  @ApiProblems(400)
  list(@Query() query: OutboxQueryDto): Promise<OutboxEmailDto[]> {
    return this.adminOutbox.list(query);
  }

  @Post(':id/retry')
  @HttpCode(204)
  @ApiOperation({ summary: 'Give a dead email a fresh set of delivery attempts' })
  @ApiNoContentResponse()
  @ApiProblems(404)
  retry(@CurrentUser() admin: AuthUser, @Param('id', IdPipe) id: string): Promise<void> {
    return this.adminOutbox.retry(admin, id);
  }
}
