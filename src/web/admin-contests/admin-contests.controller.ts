import { Body, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { Role } from '../../common/auth/role';
import { IdPipe } from '../../common/http/id-param';
import { StaffOnly, WebController } from '../web-controller';
import { AdminContestsHandler } from './admin-contests.handler';

type Form = Record<string, unknown>;

/** The admin's contest pages; every route is for admins only (others get the 403 page). */
@WebController('admin/contests')
@StaffOnly(Role.Admin)
export class AdminContestsController {
  constructor(private readonly pages: AdminContestsHandler) {}

  @Get()
  async list(@Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    await this.pages.list(request, reply);
  }

  @Get('new')
  async newForm(@Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    await this.pages.newForm(request, reply);
  }

  @Post('new')
  @HttpCode(200)
  async create(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Body() body: Form) {
    await this.pages.create(request, reply, body ?? {});
  }

  @Get(':id')
  async edit(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Param('id', IdPipe) id: string) {
    await this.pages.editForm(request, reply, id);
  }

  @Post(':id')
  @HttpCode(200)
  async update(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('id', IdPipe) id: string,
    @Body() body: Form,
  ) {
    await this.pages.update(request, reply, id, body ?? {});
  }

  @Get(':id/publish')
  async publishForm(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('id', IdPipe) id: string,
  ) {
    await this.pages.publishForm(request, reply, id);
  }

  @Post(':id/publish')
  @HttpCode(200)
  async publish(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Param('id', IdPipe) id: string) {
    await this.pages.publish(request, reply, id);
  }

  @Get(':id/recount')
  async recount(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Param('id', IdPipe) id: string) {
    await this.pages.recount(request, reply, id);
  }

  @Get(':id/signals')
  async signals(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('id', IdPipe) id: string,
    @Query('kind') kind: unknown,
  ) {
    await this.pages.signalsList(request, reply, id, kind);
  }

  @Get(':id/votes/:voteId')
  async vote(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('id', IdPipe) id: string,
    @Param('voteId', IdPipe) voteId: string,
  ) {
    await this.pages.vote(request, reply, id, voteId);
  }

  @Post(':id/votes/:voteId/annul')
  @HttpCode(200)
  async annul(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('id', IdPipe) id: string,
    @Param('voteId', IdPipe) voteId: string,
    @Body() body: Form,
  ) {
    await this.pages.annul(request, reply, id, voteId, body ?? {});
  }
}
