import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Practice } from './practice.entity';

export type AttachmentKind = 'image' | 'document';

/** A photo (re-encoded without metadata, with a thumbnail) or a PDF/DOCX document of a practice. */
@Entity('practice_attachments')
@Check('practice_attachments_kind_check', `kind IN ('image', 'document')`)
@Index('practice_attachments_practice_idx', ['practiceId', 'createdAt'])
export class PracticeAttachment {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  practiceId!: string;

  @ManyToOne(() => Practice, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'practice_id' })
  practice?: Practice;

  @Column({ type: 'text' })
  kind!: AttachmentKind;

  /** As the uploader named it; only ever sent back in Content-Disposition, quoted. */
  @Column({ type: 'text' })
  fileName!: string;

  @Column({ type: 'text' })
  mimeType!: string;

  @Column({ type: 'integer' })
  sizeBytes!: number;

  @Column({ type: 'text' })
  storageKey!: string;

  @Column({ type: 'text', nullable: true })
  thumbnailKey!: string | null;

  @Column({ type: 'integer', nullable: true })
  width!: number | null;

  @Column({ type: 'integer', nullable: true })
  height!: number | null;

  @Column({ type: 'uuid' })
  uploadedBy!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
