import { Body, Controller, Get, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiConsumes,
  ApiProperty,
  ApiPropertyOptional,
  ApiOperation,
  ApiProduces,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../common/auth/decorators';
import { ClientAddress } from '../common/http/client-address';
import { requestLocale } from '../common/i18n/request-locale';
import { sendPage } from '../common/pages/page-renderer';
import { AuthPagesService } from './auth-pages.service';
import { ApiPage } from '../common/http/api-page';
import { SingleTextPipe } from '../common/http/single-text.pipe';

/** Form posts from the pages; password policy is checked by the page so it can answer in HTML. */
class PageFormDto {
  @ApiProperty({ maxLength: 200, description: 'The token from the email link' })
  @IsString()
  @MaxLength(200)
  token!: string;

  @ApiPropertyOptional({ format: 'password', maxLength: 1024, description: 'The new password (reset page)' })
  @IsOptional()
  @IsString()
  @MaxLength(1024)
  password?: string;

  @ApiPropertyOptional({ maxLength: 20, description: 'ky, ru or en (the page language)' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  lang?: string;
}

@ApiTags('pages')
@Public()
@Controller()
export class AuthPagesController {
  constructor(private readonly pages: AuthPagesService) {}

  @Get('confirm-email')
  @ApiOperation({ summary: 'Page the confirmation email opens; shows a button, never uses the token up' })
  @ApiQuery({ name: 'token', required: true, schema: { type: 'string', maxLength: 200 } })
  @ApiQuery({ name: 'lang', required: false, enum: ['ky', 'ru', 'en'] })
  @ApiProduces('text/html')
  @ApiPage(200, 'The confirm button')
  @ApiPage(410, 'The link is invalid, expired or used')
  async confirmForm(
    @Query('token', SingleTextPipe) token: string | undefined,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    sendPage(reply, await this.pages.confirmForm(token, requestLocale(req)));
  }

  @Post('confirm-email')
  @ApiOperation({ summary: "The confirm button's form post" })
  @ApiConsumes('application/x-www-form-urlencoded')
  @ApiProduces('text/html')
  @ApiPage(200, 'Confirmed')
  @ApiPage(410, 'The link is invalid, expired or used')
  async confirm(
    @Body() form: PageFormDto,
    @ClientAddress() address: string,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    sendPage(reply, await this.pages.confirm(form.token, address, requestLocale(req)));
  }

  @Get('reset-password')
  @ApiOperation({ summary: 'Page the reset email opens: a new-password form' })
  @ApiQuery({ name: 'token', required: true, schema: { type: 'string', maxLength: 200 } })
  @ApiQuery({ name: 'lang', required: false, enum: ['ky', 'ru', 'en'] })
  @ApiProduces('text/html')
  @ApiPage(200, 'The new-password form')
  @ApiPage(410, 'The link is invalid, expired or used')
  async resetForm(
    @Query('token', SingleTextPipe) token: string | undefined,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    sendPage(reply, await this.pages.resetForm(token, requestLocale(req)));
  }

  @Post('reset-password')
  @ApiOperation({ summary: "The new-password form's post" })
  @ApiConsumes('application/x-www-form-urlencoded')
  @ApiProduces('text/html')
  @ApiPage(200, 'Password changed')
  @ApiPage(400, 'The password does not meet the policy; the form again')
  @ApiPage(410, 'The link is invalid, expired or used')
  async reset(
    @Body() form: PageFormDto,
    @ClientAddress() address: string,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    sendPage(reply, await this.pages.reset(form.token, form.password ?? '', address, requestLocale(req)));
  }
}
