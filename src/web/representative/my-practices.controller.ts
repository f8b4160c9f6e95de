import { Body, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { CommonErrors } from '../../common/errors/domain-error';
import { IdPipe } from '../../common/http/id-param';
import { SignedIn, WebController } from '../web-controller';
import { MyPracticesHandler } from './my-practices.handler';
import { isSectionKey, SectionKey } from './practice-form';

type FormBody = Record<string, unknown>;

/** An unknown section name cannot name a page: 404, like an unknown id. */
function sectionOf(value: string): SectionKey {
  if (!isSectionKey(value)) {
    throw CommonErrors.notFound();
  }
  return value;
}

/** The representative's pages (WEB.md §3): `/my` and each practice's form, check, withdraw, history. */
@WebController('my')
@SignedIn()
export class MyPracticesController {
  constructor(private readonly handler: MyPracticesHandler) {}

  @Get()
  async list(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Query('municipality') m?: string) {
    await this.handler.list(request, reply, m);
  }

  @Get('practices/new')
  async showNew(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Query('municipality') m?: string,
  ) {
    await this.handler.showNew(request, reply, m);
  }

  @Post('practices/new')
  @HttpCode(200)
  async create(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Body() body: FormBody) {
    await this.handler.create(request, reply, body ?? {});
  }

  @Get('practices/:id')
  async taskList(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('id', IdPipe) id: string,
  ) {
    await this.handler.taskList(request, reply, id);
  }

  @Get('practices/:id/sections/:section')
  async showSection(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('id', IdPipe) id: string,
    @Param('section') section: string,
  ) {
    await this.handler.showSection(request, reply, id, sectionOf(section));
  }

  @Post('practices/:id/sections/:section')
  @HttpCode(200)
  async saveSection(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('id', IdPipe) id: string,
    @Param('section') section: string,
    @Body() body: FormBody,
  ) {
    await this.handler.saveSection(request, reply, id, sectionOf(section), body ?? {});
  }

  @Get('practices/:id/check')
  async showCheck(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('id', IdPipe) id: string,
  ) {
    await this.handler.showCheck(request, reply, id);
  }

  @Post('practices/:id/check')
  @HttpCode(200)
  async submit(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Param('id', IdPipe) id: string) {
    await this.handler.submit(request, reply, id);
  }

  @Get('practices/:id/withdraw')
  async showWithdraw(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('id', IdPipe) id: string,
  ) {
    await this.handler.showWithdraw(request, reply, id);
  }

  @Post('practices/:id/withdraw')
  @HttpCode(200)
  async withdraw(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('id', IdPipe) id: string,
  ) {
    await this.handler.withdraw(request, reply, id);
  }

  @Get('practices/:id/history')
  async history(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Param('id', IdPipe) id: string) {
    await this.handler.history(request, reply, id);
  }
}
