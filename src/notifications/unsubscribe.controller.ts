import { Body, Controller, Get, Post, Query, Res } from '@nestjs/common';
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
import { FastifyReply } from 'fastify';
import { Public } from '../common/auth/decorators';
import { Locale } from '../common/i18n/locale';
import { RequestLocale } from '../common/i18n/request-locale.decorator';
import { sendPage } from '../common/pages/page-renderer';
import { UnsubscribeService } from './unsubscribe.service';
import { ApiPage } from '../common/http/api-page';
import { SingleTextPipe } from '../common/http/single-text.pipe';

class UnsubscribeFormDto {
  @ApiProperty({ maxLength: 200, description: 'The token from the email link' })
  @IsString()
  @MaxLength(200)
  token!: string;

  @ApiPropertyOptional({ maxLength: 20, description: 'ky, ru or en (the page language)' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  lang?: string;
}

@ApiTags('pages')
@Public()
@Controller('unsubscribe')
export class UnsubscribeController {
  constructor(private readonly unsubscribe: UnsubscribeService) {}

  @Get()
  @ApiOperation({ summary: 'Page the unsubscribe link of a notification opens; asks before acting' })
  @ApiQuery({ name: 'token', required: true, schema: { type: 'string', maxLength: 200 } })
  @ApiProduces('text/html')
  @ApiPage(200, 'The unsubscribe button')
  @ApiPage(410, 'The link is damaged')
  ask(
    @Query('token', SingleTextPipe) token: string | undefined,
    @RequestLocale() locale: Locale,
    @Res() reply: FastifyReply,
  ): void {
    sendPage(reply, this.unsubscribe.ask(token, locale));
  }

  @Post()
  @ApiOperation({ summary: "The unsubscribe button's form post" })
  @ApiConsumes('application/x-www-form-urlencoded')
  @ApiProduces('text/html')
  @ApiPage(200, 'Unsubscribed')
  @ApiPage(410, 'The link is damaged')
  async apply(@Body() form: UnsubscribeFormDto, @RequestLocale() locale: Locale, @Res() reply: FastifyReply) {
    sendPage(reply, await this.unsubscribe.apply(form.token, locale));
  }
}
