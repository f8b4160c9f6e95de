import { Body, Get, HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { ClientAddress } from '../../common/http/client-address';
import { WebController } from '../web-controller';
import { EmailLinksHandler } from './email-links.handler';

type FormBody = Record<string, unknown>;

/** The pages the confirmation and reset emails link to (their paths are in every email sent). */
@WebController()
export class EmailLinksController {
  constructor(private readonly links: EmailLinksHandler) {}

  @Get('confirm-email')
  async confirmForm(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Query('token') token?: string,
  ) {
    await this.links.confirmForm(request, reply, token);
  }

  @Post('confirm-email')
  @HttpCode(200)
  async confirm(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() body: FormBody,
    @ClientAddress() address: string,
  ) {
    await this.links.confirm(request, reply, body ?? {}, address);
  }

  @Get('reset-password')
  async resetForm(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Query('token') token?: string,
  ) {
    await this.links.resetForm(request, reply, token);
  }

  @Post('reset-password')
  @HttpCode(200)
  async reset(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() body: FormBody,
    @ClientAddress() address: string,
  ) {
    await this.links.reset(request, reply, body ?? {}, address);
  }
}
