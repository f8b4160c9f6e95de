import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength } from 'class-validator';
import { PagedQueryDto } from '../../common/http/localized-query.dto';

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

  @ApiPropertyOptional({ description: 'Practices running in that year (between start and end year)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1991)
  @Max(2100)
  year?: number;

  @ApiPropertyOptional({
    enum: CATALOG_SORTS,
    description: 'Default: relevance with `q`, otherwise new. popular = view count, then id',
  })
  @IsOptional()
  @IsIn(CATALOG_SORTS)
  sort?: CatalogSort;
}
