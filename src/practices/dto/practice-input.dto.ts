import { ApiProperty, ApiPropertyOptional, OmitType, PartialType, PickType } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { PRACTICE_LANGUAGES, PracticeLanguage } from '../entities/practice.entity';

const LONG_TEXT = 20_000;
const FIRST_YEAR = 1991;
const LAST_YEAR = new Date().getUTCFullYear() + 1;

export class CreatePracticeDto {
  @ApiProperty({ minLength: 5, maxLength: 200 })
  @IsString()
  @MinLength(5)
  @MaxLength(200)
  title!: string;

  @ApiProperty({ minLength: 20, maxLength: 500 })
  @IsString()
  @MinLength(20)
  @MaxLength(500)
  summary!: string;

  @ApiProperty({ description: 'The local problem it solved', maxLength: LONG_TEXT })
  @IsString()
  @MinLength(20)
  @MaxLength(LONG_TEXT)
  problem!: string;

  @ApiProperty({ description: 'What was done', maxLength: LONG_TEXT })
  @IsString()
  @MinLength(20)
  @MaxLength(LONG_TEXT)
  solution!: string;

  @ApiProperty({ description: 'Results, with figures', maxLength: LONG_TEXT })
  @IsString()
  @MinLength(20)
  @MaxLength(LONG_TEXT)
  results!: string;

  @ApiProperty({ description: 'Resources used: money, people, partners', maxLength: LONG_TEXT })
  @IsString()
  @MinLength(5)
  @MaxLength(LONG_TEXT)
  resources!: string;

  @ApiProperty({ description: 'How another municipality can repeat it', maxLength: LONG_TEXT })
  @IsString()
  @MinLength(20)
  @MaxLength(LONG_TEXT)
  replicability!: string;

  @ApiProperty({ minimum: FIRST_YEAR, maximum: LAST_YEAR })
  @IsInt()
  @Min(FIRST_YEAR)
  @Max(LAST_YEAR)
  startYear!: number;

  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Absent or null: ongoing' })
  @IsOptional()
  @IsInt()
  @Min(FIRST_YEAR)
  @Max(LAST_YEAR)
  endYear?: number | null;

  @ApiProperty({ maxLength: 200 })
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  contactName!: string;

  @ApiPropertyOptional({ example: '+996312123456', pattern: '^\\+?[0-9 ()-]{6,20}$', maxLength: 21 })
  @IsOptional()
  @Matches(/^\+?[0-9 ()-]{6,20}$/, { message: 'contactPhone must be a phone number such as +996312123456' })
  contactPhone?: string;

  @ApiPropertyOptional({ format: 'email', maxLength: 254 })
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  contactEmail?: string;

  @ApiProperty({ enum: PRACTICE_LANGUAGES, description: 'Language the text is written in' })
  @IsIn(PRACTICE_LANGUAGES)
  language!: PracticeLanguage;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  categoryId!: string;

  @ApiPropertyOptional({
    type: 'array',
    items: { type: 'string', minLength: 1, maxLength: 50 },
    maxItems: 20,
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(50, { each: true })
  tags?: string[];

  @ApiPropertyOptional({ format: 'uuid', description: 'Only when you represent several municipalities' })
  @IsOptional()
  @IsUUID()
  municipalityId?: string;
}

/**
 * The website's first step of a new practice (its "about" section): the members the database needs
 * at once. The long texts and the contact are written later, section by section, before submitting.
 */
export class StartPracticeDto extends PickType(CreatePracticeDto, [
  'title',
  'summary',
  'categoryId',
  'language',
  'startYear',
  'endYear',
  'tags',
  'municipalityId',
] as const) {}

/**
 * Every content member optional; `version` is the one you read (a stale one is refused with 409).
 * Left out means unchanged; `null` meets the member's rules (NOT NULL columns refuse it with 400).
 */
export class UpdatePracticeDto extends PartialType(OmitType(CreatePracticeDto, ['municipalityId'] as const), {
  skipNullProperties: false,
}) {
  @ApiProperty({ description: 'The `version` of the practice as you read it' })
  @IsInt()
  @Min(1)
  version!: number;
}

export class PracticeDecisionDto {
  @ApiProperty({ enum: ['claim', 'approve', 'reject', 'request_changes', 'archive'] })
  @IsIn(['claim', 'approve', 'reject', 'request_changes', 'archive'])
  action!: 'claim' | 'approve' | 'reject' | 'request_changes' | 'archive';

  @ApiPropertyOptional({
    description: 'Required for reject and request_changes; emailed to the author',
    maxLength: 4000,
  })
  @IsOptional()
  @IsString()
  @MinLength(3)
  @MaxLength(4000)
  reason?: string;
}
