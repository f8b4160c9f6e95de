import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { OutboxEmail, OutboxStatus } from '../entities/outbox-email.entity';
import { LocalizedQueryDto } from '../../common/http/localized-query.dto';

const STATUSES: OutboxStatus[] = ['pending', 'sent', 'dead'];

export class OutboxQueryDto extends LocalizedQueryDto {
  @ApiPropertyOptional({ enum: STATUSES, default: 'dead' })
  @IsOptional()
  @IsIn(STATUSES)
  status?: OutboxStatus;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}

/** What admins see of a message: never its body, which may hold a live token. */
export class OutboxEmailDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  toAddress!: string;

  @ApiProperty()
  template!: string;

  @ApiProperty({ enum: STATUSES })
  status!: OutboxStatus;

  @ApiProperty()
  attempts!: number;

  @ApiProperty({ type: String, nullable: true })
  lastError!: string | null;

  @ApiProperty()
  createdAt!: Date;

  @ApiProperty({ type: Date, nullable: true })
  sentAt!: Date | null;
}

export function toOutboxEmailDto(email: OutboxEmail): OutboxEmailDto {
  return {
    id: email.id,
    toAddress: email.toAddress,
    template: email.template,
    status: email.status,
    attempts: email.attempts,
    lastError: email.lastError,
    createdAt: email.createdAt,
    sentAt: email.sentAt,
  };
}
