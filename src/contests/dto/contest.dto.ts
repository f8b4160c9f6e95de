import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { CONTEST_PHASES, ContestPhase } from '../contest-phase';
import { VoterPolicy } from '../entities/contest.entity';
import { LongTextDto, ShortTextDto } from '../localized-text';
import { IsOmittable } from '../../common/http/omittable';

/** ISO 8601 with an explicit offset (`Z` or `+06:00`): a date without one would be ambiguous. */
const WITH_OFFSET = /(Z|[+-]\d{2}:\d{2})$/;
const DATE_MAX_LENGTH = 40;
function DateWithOffset() {
  return (target: object, key: string) => {
    IsISO8601({ strict: true })(target, key);
    MaxLength(DATE_MAX_LENGTH)(target, key);
    Matches(WITH_OFFSET, { message: `${key} must carry a time zone offset, e.g. 2026-04-15T09:00:00+06:00` })(
      target,
      key,
    );
  };
}

export class NominationInputDto {
  @ApiProperty({ type: ShortTextDto })
  @ValidateNested()
  @Type(() => ShortTextDto)
  title!: ShortTextDto;

  @ApiProperty({ minimum: 1, maximum: 100 })
  @IsInt()
  @Min(1)
  @Max(100)
  winnersCount!: number;
}

class ContestSettingsDto {
  @ApiPropertyOptional({ type: Number, nullable: true, default: 1, description: 'null: no cap' })
  @IsOptional()
  @ValidateIf((_o, value) => value !== null)
  @IsInt()
  @Min(1)
  @Max(1000)
  votesPerVoter?: number | null;

  @ApiPropertyOptional({ enum: ['email', 'verified'], default: 'verified' })
  @IsOmittable()
  @IsIn(['email', 'verified'])
  voterPolicy?: VoterPolicy;

  @ApiPropertyOptional({ default: false })
  @IsOmittable()
  @IsBoolean()
  showLiveCounts?: boolean;

  @ApiPropertyOptional({ default: true })
  @IsOmittable()
  @IsBoolean()
  allowRetract?: boolean;
}

export class CreateContestDto extends ContestSettingsDto {
  @ApiProperty({ type: ShortTextDto })
  @ValidateNested()
  @Type(() => ShortTextDto)
  title!: ShortTextDto;

  @ApiProperty({ type: LongTextDto })
  @ValidateNested()
  @Type(() => LongTextDto)
  description!: LongTextDto;

  @ApiProperty({ type: LongTextDto })
  @ValidateNested()
  @Type(() => LongTextDto)
  rules!: LongTextDto;

  @ApiProperty({ type: [NominationInputDto], minItems: 1, maxItems: 30 })
  @ValidateNested({ each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(30)
  @Type(() => NominationInputDto)
  nominations!: NominationInputDto[];

  @ApiProperty({ example: '2026-03-01T09:00:00+06:00', format: 'date-time', maxLength: DATE_MAX_LENGTH })
  @DateWithOffset()
  entriesOpenAt!: string;

  @ApiProperty({ example: '2026-04-01T18:00:00+06:00', format: 'date-time', maxLength: DATE_MAX_LENGTH })
  @DateWithOffset()
  entriesCloseAt!: string;

  @ApiProperty({ example: '2026-04-15T09:00:00+06:00', format: 'date-time', maxLength: DATE_MAX_LENGTH })
  @DateWithOffset()
  votingOpensAt!: string;

  @ApiProperty({ example: '2026-05-01T18:00:00+06:00', format: 'date-time', maxLength: DATE_MAX_LENGTH })
  @DateWithOffset()
  votingClosesAt!: string;
}

export class UpdateContestDto extends ContestSettingsDto {
  @ApiPropertyOptional({ type: ShortTextDto })
  @IsOmittable()
  @ValidateNested()
  @Type(() => ShortTextDto)
  title?: ShortTextDto;

  @ApiPropertyOptional({ type: LongTextDto })
  @IsOmittable()
  @ValidateNested()
  @Type(() => LongTextDto)
  description?: LongTextDto;

  @ApiPropertyOptional({ type: LongTextDto })
  @IsOmittable()
  @ValidateNested()
  @Type(() => LongTextDto)
  rules?: LongTextDto;

  @ApiPropertyOptional({ format: 'date-time', maxLength: DATE_MAX_LENGTH })
  @IsOmittable()
  @DateWithOffset()
  entriesOpenAt?: string;

  @ApiPropertyOptional({ format: 'date-time', maxLength: DATE_MAX_LENGTH })
  @IsOmittable()
  @DateWithOffset()
  entriesCloseAt?: string;

  @ApiPropertyOptional({ format: 'date-time', maxLength: DATE_MAX_LENGTH })
  @IsOmittable()
  @DateWithOffset()
  votingOpensAt?: string;

  @ApiPropertyOptional({ format: 'date-time', maxLength: DATE_MAX_LENGTH })
  @IsOmittable()
  @DateWithOffset()
  votingClosesAt?: string;
}

export class NominationDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  title!: string;

  @ApiProperty()
  winnersCount!: number;
}

export class ContestDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  title!: string;

  @ApiProperty()
  description!: string;

  @ApiProperty()
  rules!: string;

  @ApiProperty({ description: 'Texts in every language given', type: 'object', additionalProperties: true })
  translations!: { title: ShortTextDto; description: LongTextDto; rules: LongTextDto };

  @ApiProperty({ enum: CONTEST_PHASES })
  phase!: ContestPhase;

  @ApiProperty({ type: [NominationDto] })
  nominations!: NominationDto[];

  @ApiProperty({ description: 'UTC; shown to people in Asia/Bishkek time' })
  entriesOpenAt!: Date;

  @ApiProperty()
  entriesCloseAt!: Date;

  @ApiProperty()
  votingOpensAt!: Date;

  @ApiProperty()
  votingClosesAt!: Date;

  @ApiProperty({ type: Number, nullable: true })
  votesPerVoter!: number | null;

  @ApiProperty({ enum: ['email', 'verified'] })
  voterPolicy!: VoterPolicy;

  @ApiProperty()
  showLiveCounts!: boolean;

  @ApiProperty()
  allowRetract!: boolean;

  @ApiProperty({ type: Date, nullable: true })
  resultsPublishedAt!: Date | null;
}
