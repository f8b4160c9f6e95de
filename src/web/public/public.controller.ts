import { Get, Req, Res } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { WebRenderer } from '../render/web-renderer';
import { WebController } from '../web-controller';
import { homePage } from './home.view';

@WebController()
export class PublicController {
  constructor(private readonly web: WebRenderer) {}

  @Get()
  async home(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.web.send(request, reply, homePage(this.web.context(request)));
  }
}
