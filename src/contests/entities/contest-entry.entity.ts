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
import { Practice } from '../../practices/entities/practice.entity';
import { Contest } from './contest.entity';
import { Nomination } from './nomination.entity';

export type EntryStatus = 'pending' | 'accepted' | 'rejected';

/** A published practice entered into one nomination; only accepted entries are on the ballot. */
@Entity('contest_entries')
@Check('contest_entries_status_check', `status IN ('pending', 'accepted', 'rejected')`)
@Check('contest_entries_number_check', `(status = 'accepted') = (number IS NOT NULL)`)
@Index('contest_entries_practice_key', ['contestId', 'practiceId'], { unique: true })
@Index('contest_entries_number_key', ['contestId', 'number'], { unique: true, where: 'number IS NOT NULL' })
@Index('contest_entries_pending_idx', ['createdAt'], { where: "status = 'pending'" })
export class ContestEntry {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  contestId!: string;

  @ManyToOne(() => Contest, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'contest_id' })
  contest?: Contest;

  @Column({ type: 'uuid' })
  nominationId!: string;

  @ManyToOne(() => Nomination, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'nomination_id' })
  nomination?: Nomination;

  @Column({ type: 'uuid' })
  practiceId!: string;

  @ManyToOne(() => Practice, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'practice_id' })
  practice?: Practice;

  @Column({ type: 'text', default: 'pending' })
  status!: EntryStatus;

  /** Serial within the contest in order of acceptance: on the ballot, in the CSVs, in tie-breaks. */
  @Column({ type: 'integer', nullable: true })
  number!: number | null;

  @Column({ type: 'uuid' })
  submittedBy!: string;

  @Column({ type: 'uuid', nullable: true })
  decidedBy!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  /** Millisecond precision: keyset cursors carry it through a JS Date without losing rows. */
  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;
}
