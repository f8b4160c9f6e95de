import { Body, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { Role } from '../../common/auth/role';
import { IdPipe } from '../../common/http/id-param';
import { StaffOnly, WebController } from '../web-controller';
import { ModerationHandler } from './moderation.handler';

/** `/moderation/...` (WEB.md §3 Moderator): moderators and admins only; others get the 403 page. */
@WebController('moderation')
@StaffOnly(Role.Moderator)
export class ModerationWebController {
  constructor(private readonly moderation: ModerationHandler) {}

  @Get()
  landing(@Res() reply: FastifyReply) {
    this.moderation.landing(reply);
  }

  @Get(':tab')
  async tab(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('tab') tab: string,
    @Query('cursor') cursor?: string,
  ) {
    await this.moderation.tab(request, reply, tab, cursor);
  }

  @Get(':tab/:id')
  async item(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('tab') tab: string,
    @Param('id', IdPipe) id: string,
  ) {
    await this.moderation.item(request, reply, tab, id);
  }

  @Post(':tab/:id')
  @HttpCode(200)
  async decide(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('tab') tab: string,
    @Param('id', IdPipe) id: string,
    @Body() body: Record<string, unknown>,
  ) {
    await this.moderation.decide(request, reply, tab, id, body ?? {});
  }
}
