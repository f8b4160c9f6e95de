import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength } from 'class-validator';
import { PagedQueryDto } from '../../common/http/localized-query.dto';
import { CATALOG_FIRST_YEAR, CATALOG_LAST_YEAR, NotBefore, NotWithSpan } from './year-span';

export const CATALOG_SORTS = ['relevance', 'new', 'popular', 'title'] as const;
export type CatalogSort = (typeof CATALOG_SORTS)[number];

export class CatalogQueryDto extends PagedQueryDto {
  @ApiPropertyOptional({
    description: 'Full-text search in Kyrgyz, Russian or English (typos and word beginnings too)',
    minLength: 2,
    maxLength: 200,
  })
  @IsOptional()
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  regionId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  districtId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  municipalityId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  categoryId?: string;

  @ApiPropertyOptional({
    description:
      'Practices running in that year (between start and end year). The same as yearFrom = yearTo = year; not together with them',
    minimum: CATALOG_FIRST_YEAR,
    maximum: CATALOG_LAST_YEAR,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(CATALOG_FIRST_YEAR)
  @Max(CATALOG_LAST_YEAR)
  @NotWithSpan(['yearFrom', 'yearTo'])
  year?: number;

  @ApiPropertyOptional({
    description:
      'Practices running in some year of the span yearFrom to yearTo, both inclusive (a practice matches when its years overlap the span); either end may be left open',
    minimum: CATALOG_FIRST_YEAR,
    maximum: CATALOG_LAST_YEAR,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(CATALOG_FIRST_YEAR)
  @Max(CATALOG_LAST_YEAR)
  yearFrom?: number;

  @ApiPropertyOptional({
    description: 'The last year of the span (inclusive); not before yearFrom',
    minimum: CATALOG_FIRST_YEAR,
    maximum: CATALOG_LAST_YEAR,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(CATALOG_FIRST_YEAR)
  @Max(CATALOG_LAST_YEAR)
  @NotBefore('yearFrom')
  yearTo?: number;

  @ApiPropertyOptional({
    enum: CATALOG_SORTS,
    description: 'Default: relevance with `q`, otherwise new. popular = view count, then id',
  })
  @IsOptional()
  @IsIn(CATALOG_SORTS)
  sort?: CatalogSort;
}
