import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { PracticeContent } from '../practice-content';

/** The text of a practice as it was submitted, kept for every submit. */
@Entity('practice_revisions')
@Index('practice_revisions_practice_revision_key', ['practiceId', 'revision'], { unique: true })
export class PracticeRevision {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  practiceId!: string;

  @Column({ type: 'integer' })
  revision!: number;

  @Column({ type: 'jsonb' })
  content!: PracticeContent;

  @Column({ type: 'uuid' })
  submittedBy!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  submittedAt!: Date;
}
