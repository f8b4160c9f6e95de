import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import { Decision } from '../../common/decisions/decision';
import { User } from '../../users/entities/user.entity';
import { EntryStatus } from '../entry-status';
import { Practice } from '../../practices/entities/practice.entity';
import { Contest } from './contest.entity';
import { Nomination } from './nomination.entity';

/** A published practice entered into one nomination; only accepted entries are on the ballot. */
@Entity('contest_entries')
@Check('contest_entries_status_check', `status IN ('pending', 'accepted', 'rejected')`)
@Check('contest_entries_number_check', `(status = 'accepted') = (number IS NOT NULL)`)
@Index('contest_entries_practice_key', ['contestId', 'practiceId'], { unique: true })
@Index('contest_entries_number_key', ['contestId', 'number'], { unique: true, where: 'number IS NOT NULL' })
@Index('contest_entries_pending_idx', ['createdAt'], { where: "status = 'pending'" })
// The target of votes' (entry_id, contest_id) foreign key: a vote names an entry of its own contest.
@Unique('contest_entries_id_contest_key', ['id', 'contestId'])
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

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'submitted_by' })
  submitter?: User;

  @Column(() => Decision, { prefix: false })
  decision!: Decision;

  /** Millisecond precision: keyset cursors carry it through a JS Date without losing rows. */
  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;
}
