import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

import { IsDateString, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PagedQueryDto } from '../../common/http/localized-query.dto';
import { AuditEntry } from '../entities/audit-entry.entity';

export class AuditQueryDto extends PagedQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  actorId?: string;

  @ApiPropertyOptional({
    example: 'practice.approve',
    description: 'Exact action, or a prefix ending in "." (e.g. "practice.")',
    maxLength: 100,
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  action?: string;

  @ApiPropertyOptional({ example: 'practice', maxLength: 50 })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  objectType?: string;

  @ApiPropertyOptional({ maxLength: 100 })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  objectId?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'ISO 8601; entries at or after', maxLength: 40 })
  @IsOptional()
  @IsDateString()
  @MaxLength(40)
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'ISO 8601; entries before', maxLength: 40 })
  @IsOptional()
  @IsDateString()
  @MaxLength(40)
  to?: string;
}

export class AuditEntryDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'null: the system itself' })
  actorId!: string | null;

  @ApiProperty()
  action!: string;

  @ApiProperty()
  objectType!: string;

  @ApiProperty()
  objectId!: string;

  @ApiProperty({ type: String, nullable: true })
  reason!: string | null;

  @ApiProperty({ type: 'object', additionalProperties: true })
  details!: Record<string, unknown>;

  @ApiProperty()
  at!: Date;
}

export class AuditPageDto {
  @ApiProperty({ type: [AuditEntryDto] })
  items!: AuditEntryDto[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor!: string | null;
}

export function toAuditEntryDto(entry: AuditEntry): AuditEntryDto {
  return {
    id: entry.id,
    actorId: entry.actorId,
    action: entry.action,
    objectType: entry.objectType,
    objectId: entry.objectId,
    reason: entry.reason,
    details: entry.details,
    at: entry.createdAt,
  };
}
