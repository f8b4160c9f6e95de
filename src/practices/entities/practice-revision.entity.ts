import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { User } from '../../users/entities/user.entity';
import { PracticeContent } from '../practice-content';
import { Practice } from './practice.entity';

/** The text of a practice as it was submitted, kept for every submit. */
@Entity('practice_revisions')
@Index('practice_revisions_practice_revision_key', ['practiceId', 'revision'], { unique: true })
export class PracticeRevision {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  practiceId!: string;

  @ManyToOne(() => Practice, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'practice_id' })
  practice?: Practice;

  @Column({ type: 'integer' })
  revision!: number;

  @Column({ type: 'jsonb' })
  content!: PracticeContent;

  @Column({ type: 'uuid' })
  submittedBy!: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'submitted_by' })
  submitter?: User;

  @CreateDateColumn({ type: 'timestamptz' })
  submittedAt!: Date;
}
