import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PRACTICE_LANGUAGES, PracticeLanguage } from '../entities/practice.entity';
import { PRACTICE_STATUSES, PracticeStatus } from '../practice-status';

export class NamedRefDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  name!: string;
}

export class AttachmentDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: ['image', 'document'] })
  kind!: 'image' | 'document';

  @ApiProperty()
  fileName!: string;

  @ApiProperty({ example: 'image/jpeg' })
  mimeType!: string;

  @ApiProperty()
  sizeBytes!: number;

  @ApiProperty({ type: Number, nullable: true })
  width!: number | null;

  @ApiProperty({ type: Number, nullable: true })
  height!: number | null;

  @ApiProperty({ example: '/api/v1/practices/…/attachments/…' })
  url!: string;

  @ApiProperty({ type: String, nullable: true, description: 'Photos only' })
  thumbnailUrl!: string | null;

  @ApiProperty()
  createdAt!: Date;
}

export class PracticeDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: PRACTICE_STATUSES })
  status!: PracticeStatus;

  @ApiProperty({ description: 'Send it back with PATCH' })
  version!: number;

  @ApiProperty({ description: 'Number of the last submitted revision' })
  revision!: number;

  @ApiProperty({ type: NamedRefDto })
  municipality!: NamedRefDto;

  @ApiProperty({ type: NamedRefDto })
  region!: NamedRefDto;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  districtId!: string | null;

  @ApiProperty({ type: NamedRefDto })
  category!: NamedRefDto;

  @ApiProperty()
  title!: string;

  @ApiProperty()
  summary!: string;

  @ApiProperty()
  problem!: string;

  @ApiProperty()
  solution!: string;

  @ApiProperty()
  results!: string;

  @ApiProperty()
  resources!: string;

  @ApiProperty()
  replicability!: string;

  @ApiProperty()
  startYear!: number;

  @ApiProperty({ type: Number, nullable: true, description: 'null: ongoing' })
  endYear!: number | null;

  @ApiProperty()
  contactName!: string;

  @ApiProperty({ type: String, nullable: true })
  contactPhone!: string | null;

  @ApiProperty({ type: String, nullable: true })
  contactEmail!: string | null;

  @ApiProperty({ enum: PRACTICE_LANGUAGES })
  language!: PracticeLanguage;

  @ApiProperty({ type: [String] })
  tags!: string[];

  @ApiProperty()
  viewCount!: number;

  @ApiProperty({ type: [AttachmentDto] })
  attachments!: AttachmentDto[];

  @ApiProperty({ type: Date, nullable: true })
  publishedAt!: Date | null;

  @ApiProperty()
  createdAt!: Date;

  @ApiProperty()
  updatedAt!: Date;
}

export class PracticeSummaryDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  title!: string;

  @ApiProperty()
  summary!: string;

  @ApiProperty({ enum: PRACTICE_STATUSES })
  status!: PracticeStatus;

  @ApiProperty({ type: NamedRefDto })
  municipality!: NamedRefDto;

  @ApiProperty({ type: NamedRefDto })
  region!: NamedRefDto;

  @ApiProperty({ type: NamedRefDto })
  category!: NamedRefDto;

  @ApiProperty()
  startYear!: number;

  @ApiProperty({ type: Number, nullable: true })
  endYear!: number | null;

  @ApiProperty({ enum: PRACTICE_LANGUAGES })
  language!: PracticeLanguage;

  @ApiProperty({ type: [String] })
  tags!: string[];

  @ApiProperty()
  viewCount!: number;

  @ApiProperty({ type: String, nullable: true })
  thumbnailUrl!: string | null;

  @ApiProperty({ type: Date, nullable: true })
  publishedAt!: Date | null;

  @ApiProperty()
  updatedAt!: Date;
}

export class HistoryEntryDto {
  @ApiProperty({ example: 'request_changes' })
  action!: string;

  @ApiProperty({ enum: PRACTICE_STATUSES, nullable: true })
  fromStatus!: PracticeStatus | null;

  @ApiProperty({ enum: PRACTICE_STATUSES })
  toStatus!: PracticeStatus;

  @ApiProperty({ type: NamedRefDto })
  actor!: NamedRefDto;

  @ApiProperty({ type: String, nullable: true })
  reason!: string | null;

  @ApiProperty()
  at!: Date;
}

export class RevisionDto {
  @ApiProperty()
  revision!: number;

  @ApiProperty()
  submittedAt!: Date;

  @ApiProperty({ type: NamedRefDto })
  submittedBy!: NamedRefDto;

  @ApiProperty({ description: 'The text as submitted' })
  content!: Record<string, unknown>;
}

export class CatalogPageDto {
  @ApiProperty({ type: [PracticeSummaryDto] })
  items!: PracticeSummaryDto[];

  @ApiPropertyOptional({ type: String, nullable: true })
  nextCursor!: string | null;
}
