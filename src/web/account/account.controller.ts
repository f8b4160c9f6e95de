import { Body, Get, HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { ClientAddress } from '../../common/http/client-address';
import { WebRenderer } from '../render/web-renderer';
import { SignedIn, WebController } from '../web-controller';
import { webState } from '../web-state';
import { accountPage } from './account.view';
import { SignInHandler } from './sign-in.handler';

type FormBody = Record<string, unknown>;

@WebController()
export class AccountController {
  constructor(
    private readonly web: WebRenderer,
    private readonly signIn: SignInHandler,
  ) {}

  @Get('account')
  @SignedIn()
  async account(@Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    await this.web.send(request, reply, accountPage(this.web.context(request), webState(request).user!));
  }

  @Get('login')
  async signInForm(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Query('returnTo') returnTo?: string,
  ) {
    await this.signIn.show(request, reply, returnTo);
  }

  @Post('login')
  @HttpCode(200)
  async signInSubmit(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() body: FormBody,
    @ClientAddress() address: string,
  ) {
    await this.signIn.submit(request, reply, body ?? {}, address);
  }

  @Post('logout')
  @HttpCode(200)
  async signOut(@Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    await this.signIn.signOut(request, reply);
  }
}
