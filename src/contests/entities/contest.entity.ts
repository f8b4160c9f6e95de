import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { User } from '../../users/entities/user.entity';
import { LocalizedText } from '../localized-text';

export type VoterPolicy = 'email' | 'verified';

/**
 * A contest. Its phase is never stored: it is computed from the clock, the four window dates and
 * whether results were published (contest-phase.ts).
 */
@Entity('contests')
@Check(
  'contests_windows_check',
  `entries_open_at < entries_close_at AND entries_close_at <= voting_opens_at AND voting_opens_at < voting_closes_at`,
)
@Check('contests_votes_per_voter_check', `votes_per_voter IS NULL OR votes_per_voter >= 1`)
@Check('contests_voter_policy_check', `voter_policy IN ('email', 'verified')`)
export class Contest {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'jsonb' })
  title!: LocalizedText;

  @Column({ type: 'jsonb' })
  description!: LocalizedText;

  @Column({ type: 'jsonb' })
  rules!: LocalizedText;

  @Column({ type: 'timestamptz' })
  entriesOpenAt!: Date;

  @Column({ type: 'timestamptz' })
  entriesCloseAt!: Date;

  @Column({ type: 'timestamptz' })
  votingOpensAt!: Date;

  @Column({ type: 'timestamptz' })
  votingClosesAt!: Date;

  /** How many different entries one voter may support in the whole contest; null: no cap. */
  @Column({ type: 'integer', nullable: true })
  votesPerVoter!: number | null;

  @Column({ type: 'text', default: 'verified' })
  voterPolicy!: VoterPolicy;

  @Column({ type: 'boolean', default: false })
  showLiveCounts!: boolean;

  @Column({ type: 'boolean', default: true })
  allowRetract!: boolean;

  /** Serial of the last accepted entry: acceptance numbers entries 1, 2, 3 … */
  @Column({ type: 'integer', default: 0 })
  lastEntryNumber!: number;

  @Column({ type: 'timestamptz', nullable: true })
  resultsPublishedAt!: Date | null;

  /** Set by whichever instance sent the "entries open" announcement: sent once. */
  @Column({ type: 'timestamptz', nullable: true })
  entriesAnnouncedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  votingAnnouncedAt!: Date | null;

  /** Set by whichever instance purged the votes' fraud signals, a year after publication (§5). */
  @Column({ type: 'timestamptz', nullable: true })
  signalsPurgedAt!: Date | null;

  @Column({ type: 'uuid' })
  createdBy!: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by' })
  creator?: User;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
