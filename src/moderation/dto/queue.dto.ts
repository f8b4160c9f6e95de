import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

import { IsIn, IsOptional } from 'class-validator';
import { PagedQueryDto } from '../../common/http/localized-query.dto';

export const QUEUE_KINDS = ['practice', 'representative', 'voter_verification', 'entry'] as const;
export type QueueKind = (typeof QUEUE_KINDS)[number];

export class QueueQueryDto extends PagedQueryDto {
  @ApiPropertyOptional({ enum: QUEUE_KINDS, description: 'Only this kind of item' })
  @IsOptional()
  @IsIn(QUEUE_KINDS)
  kind?: QueueKind;
}

export class QueueItemDto {
  @ApiProperty({ enum: QUEUE_KINDS })
  kind!: QueueKind;

  @ApiProperty({ format: 'uuid', description: 'Id of the practice, request, verification or entry' })
  id!: string;

  @ApiProperty({ description: 'Practice title (practices, entries) or the requester name' })
  title!: string;

  @ApiProperty({ format: 'uuid' })
  municipalityId!: string;

  @ApiProperty()
  municipalityName!: string;

  @ApiProperty({ example: 'submitted' })
  status!: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  claimedBy!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Entries: their contest' })
  contestId!: string | null;

  @ApiProperty({ description: 'Oldest first' })
  waitingSince!: Date;
}

export class QueueCountsDto {
  @ApiProperty()
  practice!: number;

  @ApiProperty()
  representative!: number;

  @ApiProperty()
  voter_verification!: number;

  @ApiProperty()
  entry!: number;
}

export class QueuePageDto {
  @ApiProperty({ type: QueueCountsDto })
  counts!: QueueCountsDto;

  @ApiProperty({ type: [QueueItemDto] })
  items!: QueueItemDto[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor!: string | null;
}
