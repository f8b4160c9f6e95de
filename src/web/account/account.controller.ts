import { Body, Get, HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { ClientAddress } from '../../common/http/client-address';
import { SignedIn, WebController } from '../web-controller';
import { AccountHandler } from './account.handler';
import { RegistrationHandler } from './registration.handler';
import { RequestsHandler } from './requests.handler';
import { SignInHandler } from './sign-in.handler';

type FormBody = Record<string, unknown>;

@WebController()
export class AccountController {
  constructor(
    private readonly account: AccountHandler,
    private readonly signIn: SignInHandler,
    private readonly registration: RegistrationHandler,
    private readonly requests: RequestsHandler,
  ) {}

  @Get('account/verification')
  @SignedIn()
  async verification(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Query('region') region?: string,
  ) {
    await this.requests.showVerification(request, reply, region);
  }

  @Post('account/verification')
  @SignedIn()
  @HttpCode(200)
  async requestVerification(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() body: FormBody,
  ) {
    await this.requests.requestVerification(request, reply, body ?? {});
  }

  @Get('account/representation')
  @SignedIn()
  async representation(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Query('region') region?: string,
  ) {
    await this.requests.showRepresentation(request, reply, region);
  }

  @Post('account/representation')
  @SignedIn()
  @HttpCode(200)
  async requestRepresentation(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() body: FormBody,
  ) {
    await this.requests.requestRepresentation(request, reply, body ?? {});
  }

  @Get('register')
  async registerForm(@Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    await this.registration.showRegister(request, reply);
  }

  @Post('register')
  @HttpCode(200)
  async register(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() body: FormBody,
    @ClientAddress() address: string,
  ) {
    await this.registration.register(request, reply, body ?? {}, address);
  }

  @Get('register/check-email')
  async checkEmail(@Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    await this.registration.checkEmail(request, reply);
  }

  @Get('forgot-password')
  async forgotForm(@Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    await this.registration.showForgot(request, reply);
  }

  @Post('forgot-password')
  @HttpCode(200)
  async forgot(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() body: FormBody,
    @ClientAddress() address: string,
  ) {
    await this.registration.forgot(request, reply, body ?? {}, address);
  }

  @Get('forgot-password/sent')
  async resetSent(@Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    await this.registration.resetSent(request, reply);
  }

  @Get('account')
  @SignedIn()
  async accountPage(@Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    await this.account.show(request, reply);
  }

  @Post('account')
  @SignedIn()
  @HttpCode(200)
  async saveProfile(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Body() body: FormBody) {
    await this.account.saveProfile(request, reply, body ?? {});
  }

  @Post('account/password')
  @SignedIn()
  @HttpCode(200)
  async changePassword(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Body() body: FormBody) {
    await this.account.changePassword(request, reply, body ?? {});
  }

  @Post('account/sign-out-everywhere')
  @SignedIn()
  @HttpCode(200)
  async signOutEverywhere(@Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    await this.account.signOutEverywhere(request, reply);
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
