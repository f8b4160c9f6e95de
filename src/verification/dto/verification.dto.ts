import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';

export class VerificationRequestDto {
  @ApiProperty({ example: '+996555123456', pattern: '^\\+?[0-9 ()-]{6,20}$', maxLength: 21 })
  @Matches(/^\+?[0-9 ()-]{6,20}$/, { message: 'phone must be a phone number such as +996555123456' })
  phone!: string;

  @ApiProperty({ format: 'uuid', description: 'Municipality of residence' })
  @IsUUID()
  municipalityId!: string;

  @ApiPropertyOptional({
    description: 'Personal identification number (14 digits); stored only as a keyed hash',
    pattern: '^\\d{14}$',
    maxLength: 14,
  })
  @IsOptional()
  @Matches(/^\d{14}$/, { message: 'pin must be 14 digits' })
  pin?: string;
}

export class VerificationStatusDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: ['pending', 'approved', 'refused'] })
  status!: 'pending' | 'approved' | 'refused';

  @ApiProperty({ type: String, nullable: true })
  reason!: string | null;

  @ApiProperty()
  requestedAt!: Date;

  @ApiProperty({ type: Date, nullable: true })
  decidedAt!: Date | null;
}

/** What moderators see: the phone (moderators only) and whether the PIN clashes with another account. */
export class VerificationReviewDto extends VerificationStatusDto {
  @ApiProperty({ format: 'uuid' })
  userId!: string;

  @ApiProperty()
  fullName!: string;

  @ApiProperty()
  phone!: string;

  @ApiProperty({ format: 'uuid' })
  municipalityId!: string;

  @ApiProperty()
  pinGiven!: boolean;

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'Another request with the same PIN',
  })
  pinClashWith!: string | null;
}

export class VerificationDecisionDto {
  @ApiProperty({ enum: ['approve', 'refuse'] })
  @IsIn(['approve', 'refuse'])
  action!: 'approve' | 'refuse';

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MinLength(3)
  @MaxLength(2000)
  reason?: string;
}
