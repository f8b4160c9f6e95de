import { ApiProperty } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { Locale } from '../common/i18n/locale';

/** Contest texts in the three languages (at least one given). */
export interface LocalizedText {
  ky?: string;
  ru?: string;
  en?: string;
}

const FALLBACK: Locale[] = ['ru', 'ky', 'en'];

export function resolveText(text: LocalizedText, locale: Locale): string {
  for (const candidate of [locale, ...FALLBACK]) {
    const value = text[candidate];
    if (value) {
      return value;
    }
  }
  return '';
}

export function hasAnyLanguage(text: LocalizedText | undefined): boolean {
  return Boolean(text && (text.ky || text.ru || text.en));
}

function textInput(maxLength: number) {
  class TextInputDto implements LocalizedText {
    @ApiProperty({ required: false, maxLength })
    @IsOptional()
    @IsString()
    @MinLength(1)
    @MaxLength(maxLength)
    ky?: string;

    @ApiProperty({ required: false, maxLength })
    @IsOptional()
    @IsString()
    @MinLength(1)
    @MaxLength(maxLength)
    ru?: string;

    @ApiProperty({ required: false, maxLength })
    @IsOptional()
    @IsString()
    @MinLength(1)
    @MaxLength(maxLength)
    en?: string;
  }
  return TextInputDto;
}

export class ShortTextDto extends textInput(300) {}
export class LongTextDto extends textInput(20_000) {}
