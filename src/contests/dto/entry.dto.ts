import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { NamedRefDto } from '../../practices/dto/practice.dto';

export class CreateEntryDto {
  @ApiProperty({ format: 'uuid', description: 'A published practice of your municipality' })
  @IsUUID()
  practiceId!: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  nominationId!: string;
}

export class EntryDecisionDto {
  @ApiProperty({ enum: ['accept', 'reject'] })
  @IsIn(['accept', 'reject'])
  action!: 'accept' | 'reject';

  @ApiPropertyOptional({ description: 'Required to reject; emailed to the representative', maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MinLength(3)
  @MaxLength(2000)
  reason?: string;
}

export class EntryDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  contestId!: string;

  @ApiProperty({ format: 'uuid' })
  nominationId!: string;

  @ApiProperty({ enum: ['pending', 'accepted', 'rejected'] })
  status!: 'pending' | 'accepted' | 'rejected';

  @ApiProperty({ type: Number, nullable: true, description: 'Ballot number, given at acceptance' })
  number!: number | null;

  @ApiProperty({ type: NamedRefDto, description: 'The practice (id and title)' })
  practice!: NamedRefDto;

  @ApiProperty({ type: NamedRefDto })
  municipality!: NamedRefDto;

  @ApiProperty({
    type: String,
    nullable: true,
    description: "The practice's cover photo thumbnail (its first photo), while the practice is published",
    example: '/api/v1/practices/…/attachments/…/thumbnail',
  })
  thumbnailUrl!: string | null;

  @ApiProperty({ type: String, nullable: true })
  reason!: string | null;

  @ApiPropertyOptional({
    type: Number,
    description: 'Counted votes: present only when the contest shows live counts or results are published',
  })
  votes?: number;
}
