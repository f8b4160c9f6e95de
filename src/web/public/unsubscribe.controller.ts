import { Body, Get, HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { UnsubscribeService } from '../../notifications/unsubscribe.service';
import { WebRenderer } from '../render/web-renderer';
import { WebController } from '../web-controller';
import { unsubscribePage } from './unsubscribe.view';

/** One token, as text; a repeated or missing one is no token (the page says the link is damaged). */
const single = (value: unknown): string | undefined =>
  typeof value === 'string' && value.length <= 200 ? value : undefined;

/**
 * `/unsubscribe`, the link in every non-essential email: a GET asks (a mail scanner opening the
 * link changes nothing), the POST unsubscribes. The POST is exempt from the CSRF check (web-state.ts):
 * mail clients send it in one click (RFC 8058), with the token in the link's query, not a form.
 */
@WebController()
export class UnsubscribeController {
  constructor(
    private readonly web: WebRenderer,
    private readonly unsubscribe: UnsubscribeService,
  ) {}

  @Get('unsubscribe')
  async ask(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Query('token') token: unknown) {
    const context = this.web.context(request);
    const valid = single(token);
    const page = this.unsubscribe.isValid(valid)
      ? unsubscribePage(context, 'ask', valid)
      : unsubscribePage(context, 'invalid');
    await this.web.send(request, reply, page);
  }

  @Post('unsubscribe')
  @HttpCode(200)
  async apply(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() body: Record<string, unknown> | undefined,
    @Query('token') queryToken: unknown,
  ) {
    const context = this.web.context(request);
    const done = await this.unsubscribe.apply(single(body?.token) ?? single(queryToken));
    await this.web.send(request, reply, unsubscribePage(context, done ? 'done' : 'invalid'));
  }
}
