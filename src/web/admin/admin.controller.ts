import { Body, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { Role } from '../../common/auth/role';
import { IdPipe } from '../../common/http/id-param';
import { StaffOnly, WebController } from '../web-controller';
import { AdminAuditHandler } from './admin-audit.handler';
import { AdminOutboxHandler } from './admin-outbox.handler';
import { AdminUsersHandler } from './admin-users.handler';

type FormQuery = Record<string, unknown>;

/**
 * The administration pages of WEB.md §3 (Admin): the landing page, users, the email outbox and the
 * audit log. Contests are the admin-contests pages. Admins only: a visitor is sent to sign in, anyone
 * else gets the 403 page (the guard covers every route of the class).
 */
@WebController('admin')
@StaffOnly(Role.Admin)
export class AdminWebController {
  constructor(
    private readonly users: AdminUsersHandler,
    private readonly outbox: AdminOutboxHandler,
    private readonly audit: AdminAuditHandler,
  ) {}

  @Get()
  async home(@Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    await this.outbox.showHome(request, reply);
  }

  @Get('users')
  async userList(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Query() query: FormQuery) {
    await this.users.showList(request, reply, query ?? {});
  }

  @Get('users/:id')
  async user(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Param('id', IdPipe) id: string) {
    await this.users.showUser(request, reply, id);
  }

  @Post('users/:id/roles')
  @HttpCode(200)
  async changeRole(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('id', IdPipe) id: string,
    @Body() body: FormQuery,
  ) {
    await this.users.changeRole(request, reply, id, body ?? {});
  }

  @Post('users/:id/block')
  @HttpCode(200)
  async block(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Param('id', IdPipe) id: string) {
    await this.users.setBlocked(request, reply, id, true);
  }

  @Post('users/:id/unblock')
  @HttpCode(200)
  async unblock(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Param('id', IdPipe) id: string) {
    await this.users.setBlocked(request, reply, id, false);
  }

  @Get('outbox')
  async outboxList(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Query() query: FormQuery) {
    await this.outbox.showList(request, reply, query ?? {});
  }

  @Post('outbox/retry-all')
  @HttpCode(200)
  async retryAll(@Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    await this.outbox.retryAll(request, reply);
  }

  @Post('outbox/:id/retry')
  @HttpCode(200)
  async retry(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Param('id', IdPipe) id: string) {
    await this.outbox.retry(request, reply, id);
  }

  @Get('audit')
  async auditLog(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Query() query: FormQuery) {
    await this.audit.show(request, reply, query ?? {});
  }
}
