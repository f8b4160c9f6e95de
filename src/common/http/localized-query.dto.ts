import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { Locale, LOCALES } from '../i18n/locale';

/** Base of every query DTO: `?lang=` is accepted everywhere (unknown query members are refused). */
export class LocalizedQueryDto {
  @ApiPropertyOptional({ enum: LOCALES, description: 'Language of names and messages' })
  @IsOptional()
  @IsIn(LOCALES)
  lang?: Locale;
}

/** Base of paged lists: `limit` 1–100 and the opaque `cursor` of the previous page's `nextCursor`. */
export class PagedQueryDto extends LocalizedQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 100, description: 'Page size (default depends on the list)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional({
    description: 'nextCursor of the previous page (same filters and sort)',
    maxLength: 500,
  })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  cursor?: string;
}
