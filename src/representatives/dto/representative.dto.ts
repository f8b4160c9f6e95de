import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { RepresentativeMembership } from '../entities/representative-membership.entity';
import { MEMBERSHIP_STATUSES, MembershipStatus } from '../membership-status';

export class MembershipDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  userId!: string;

  @ApiProperty({ format: 'uuid' })
  municipalityId!: string;

  @ApiProperty({ enum: MEMBERSHIP_STATUSES })
  status!: MembershipStatus;

  @ApiProperty({ type: String, nullable: true, description: 'Why it was refused or removed' })
  reason!: string | null;

  @ApiProperty()
  requestedAt!: Date;

  @ApiProperty({ type: Date, nullable: true })
  decidedAt!: Date | null;
}

export class RepresentativeDto extends MembershipDto {
  @ApiProperty()
  fullName!: string;

  @ApiProperty()
  email!: string;
}

export function toMembershipDto(m: RepresentativeMembership): MembershipDto {
  return {
    id: m.id,
    userId: m.userId,
    municipalityId: m.municipalityId,
    status: m.status,
    reason: m.decision.reason,
    requestedAt: m.createdAt,
    decidedAt: m.decision.at,
  };
}

export class MembershipDecisionDto {
  @ApiProperty({ enum: ['approve', 'refuse'] })
  @IsIn(['approve', 'refuse'])
  action!: 'approve' | 'refuse';

  @ApiPropertyOptional({ description: 'Required to refuse; sent to the requester', maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MinLength(3)
  @MaxLength(2000)
  reason?: string;
}

export class RemovalDto {
  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MinLength(3)
  @MaxLength(2000)
  reason?: string;
}
