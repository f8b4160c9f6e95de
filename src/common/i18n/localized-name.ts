import { ApiProperty } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { Locale } from './locale';

/** Reference data carries its name in the three portal languages. */
export interface LocalizedNames {
  nameKy: string | null;
  nameRu: string | null;
  nameEn: string | null;
}

const FALLBACK: Locale[] = ['ru', 'ky', 'en'];

/** The name in the caller's language; a missing translation falls back ru → ky → en (§3.1). */
export function resolveName(names: LocalizedNames, locale: Locale): string {
  const byLocale: Record<Locale, string | null> = { ky: names.nameKy, ru: names.nameRu, en: names.nameEn };
  for (const candidate of [locale, ...FALLBACK]) {
    const name = byLocale[candidate];
    if (name) {
      return name;
    }
  }
  return '';
}

/** Admin endpoints show and take all three names. */
export class NamesDto {
  @ApiProperty({ type: String, nullable: true, example: 'Бишкек шаары' })
  ky!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'город Бишкек' })
  ru!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'Bishkek' })
  en!: string | null;
}

export class NamesInputDto {
  @ApiProperty({ required: false, maxLength: 200 })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  ky?: string;

  @ApiProperty({ required: false, maxLength: 200 })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  ru?: string;

  @ApiProperty({ required: false, maxLength: 200 })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  en?: string;
}

export function toNamesDto(names: LocalizedNames): NamesDto {
  return { ky: names.nameKy, ru: names.nameRu, en: names.nameEn };
}
