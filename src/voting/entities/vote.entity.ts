import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ContestEntry } from '../../contests/entities/contest-entry.entity';
import { User } from '../../users/entities/user.entity';

/**
 * One voter's support for one entry. The table is the truth: tallies are COUNTs over it. Uniqueness of
 * (contest, entry, voter) is the database's, decided by INSERT … ON CONFLICT DO NOTHING. Fraud signals
 * are keyed hashes (never the raw address) and the account's age. The entry is referenced by
 * (entry_id, contest_id), so a vote can only name an entry of its own contest.
 */
@Entity('votes')
@Index('votes_contest_entry_voter_key', ['contestId', 'entryId', 'voterId'], { unique: true })
@Index('votes_contest_voter_idx', ['contestId', 'voterId'])
@Index('votes_entry_idx', ['entryId', 'castAt'])
export class Vote {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  contestId!: string;

  @Column({ type: 'uuid' })
  entryId!: string;

  @ManyToOne(() => ContestEntry, { onDelete: 'RESTRICT' })
  @JoinColumn([
    { name: 'entry_id', referencedColumnName: 'id' },
    { name: 'contest_id', referencedColumnName: 'contestId' },
  ])
  entry?: ContestEntry;

  @Column({ type: 'uuid' })
  voterId!: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'voter_id' })
  voter?: User;

  /** Millisecond precision, as the ledger prints it. */
  @Column({ type: 'timestamptz' })
  castAt!: Date;

  /** Keyed hash of the client's /24 (IPv4) or /48 (IPv6) network. */
  @Column({ type: 'text', nullable: true })
  networkHash!: string | null;

  @Column({ type: 'text', nullable: true })
  userAgentHash!: string | null;

  /** Null once the fraud signals are purged, a year after publication (§5). */
  @Column({ type: 'integer', nullable: true })
  accountAgeDays!: number | null;

  @Column({ type: 'timestamptz', nullable: true })
  annulledAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  annulledBy!: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'annulled_by' })
  annulledByUser?: User;

  @Column({ type: 'text', nullable: true })
  annulReason!: string | null;
}
