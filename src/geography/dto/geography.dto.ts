import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { NamesDto, NamesInputDto } from '../../common/i18n/localized-name';
import { MUNICIPALITY_KINDS, MunicipalityKind } from '../entities/municipality.entity';
import { LocalizedQueryDto } from '../../common/http/localized-query.dto';
import { IsOmittable } from '../../common/http/omittable';

export class RegionDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'KG-C' })
  code!: string;

  @ApiProperty({ enum: ['oblast', 'city'] })
  kind!: string;

  @ApiProperty({ example: 'Чуйская область' })
  name!: string;
}

export class DistrictDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'KG-C-ALA' })
  code!: string;

  @ApiProperty({ format: 'uuid' })
  regionId!: string;

  @ApiProperty({ example: 'Аламудунский район' })
  name!: string;
}

export class MunicipalityDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'M-DOSTUK' })
  code!: string;

  @ApiProperty({ enum: MUNICIPALITY_KINDS })
  kind!: MunicipalityKind;

  @ApiProperty({ format: 'uuid' })
  regionId!: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  districtId!: string | null;

  @ApiProperty({ example: 'айылный аймак Достук' })
  name!: string;
}

export class AdminMunicipalityDto extends MunicipalityDto {
  @ApiProperty({ type: NamesDto })
  names!: NamesDto;
}

export class MunicipalityQueryDto extends LocalizedQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  regionId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  districtId?: string;

  @ApiPropertyOptional({ description: 'Part of the name in any language', maxLength: 100 })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

export class CreateMunicipalityDto {
  @ApiProperty({ example: 'M-NEW-AA', description: 'Unique code', maxLength: 50 })
  @IsString()
  @MaxLength(50)
  code!: string;

  @ApiProperty({ enum: MUNICIPALITY_KINDS })
  @IsIn(MUNICIPALITY_KINDS)
  kind!: MunicipalityKind;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  regionId!: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Absent for a city of regional significance' })
  @IsOptional()
  @IsUUID()
  districtId?: string;

  @ApiProperty({ type: NamesInputDto, description: 'At least one language' })
  @ValidateNested()
  @Type(() => NamesInputDto)
  names!: NamesInputDto;
}

export class UpdateMunicipalityDto {
  @ApiPropertyOptional({ enum: MUNICIPALITY_KINDS })
  @IsOmittable()
  @IsIn(MUNICIPALITY_KINDS)
  kind?: MunicipalityKind;

  @ApiPropertyOptional({ type: NamesInputDto, description: 'Only the languages given change' })
  @IsOmittable()
  @ValidateNested()
  @Type(() => NamesInputDto)
  names?: NamesInputDto;
}
