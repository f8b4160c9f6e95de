import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { Locale, LOCALES } from '../i18n/locale';

/** Base of every query DTO: `?lang=` is accepted everywhere (unknown query members are refused). */
export class LocalizedQueryDto {
  @ApiPropertyOptional({ enum: LOCALES, description: 'Language of names and messages' })
  @IsOptional()
  @IsIn(LOCALES)
  lang?: Locale;
}
