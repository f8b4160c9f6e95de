import { Body, Controller, Get, Post, Query, Res } from '@nestjs/common';
import { ApiConsumes, ApiOperation, ApiProduces, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { FastifyReply } from 'fastify';
import { Public } from '../common/auth/decorators';
import { Locale } from '../common/i18n/locale';
import { RequestLocale } from '../common/i18n/request-locale.decorator';
import { sendPage } from '../common/pages/page-renderer';
import { UnsubscribeService } from './unsubscribe.service';

class UnsubscribeFormDto {
  @IsString()
  @MaxLength(200)
  token!: string;

  @IsOptional()
  @IsString()
  lang?: string;
}

@ApiTags('pages')
@Public()
@Controller('unsubscribe')
export class UnsubscribeController {
  constructor(private readonly unsubscribe: UnsubscribeService) {}

  @Get()
  @ApiOperation({ summary: 'Page the unsubscribe link of a notification opens; asks before acting' })
  @ApiQuery({ name: 'token', required: true })
  @ApiProduces('text/html')
  @ApiResponse({ status: 200, description: 'The unsubscribe button' })
  @ApiResponse({ status: 410, description: 'The link is damaged' })
  ask(
    @Query('token') token: string | undefined,
    @RequestLocale() locale: Locale,
    @Res() reply: FastifyReply,
  ): void {
    sendPage(reply, this.unsubscribe.ask(token, locale));
  }

  @Post()
  @ApiOperation({ summary: "The unsubscribe button's form post" })
  @ApiConsumes('application/x-www-form-urlencoded')
  @ApiProduces('text/html')
  @ApiResponse({ status: 200, description: 'Unsubscribed' })
  async apply(@Body() form: UnsubscribeFormDto, @RequestLocale() locale: Locale, @Res() reply: FastifyReply) {
    sendPage(reply, await this.unsubscribe.apply(form.token, locale));
  }
}
