import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated } from '../common/auth/decorators';
import { Role } from '../common/auth/role';
import { ApiProblems } from '../common/http/api-problems';
import { AuditService } from './audit.service';
import { AuditPageDto, AuditQueryDto } from './dto/audit.dto';

@ApiTags('admin')
@Controller('admin/audit')
@Authenticated({ roles: [Role.Admin] })
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @ApiOperation({ summary: 'The audit log, newest first, filterable by actor, action, object and period' })
  @ApiOkResponse({ type: AuditPageDto })
  @ApiProblems(400)
  search(@Query() query: AuditQueryDto): Promise<AuditPageDto> {
    return this.audit.search(query);
  }
}
