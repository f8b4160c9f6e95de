import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { User } from '../../users/entities/user.entity';
import { Contest } from './contest.entity';

/** The frozen outcome of a contest, written once at publication and never changed. */
@Entity('contest_results')
@Check('contest_results_ledger_check', `(ledger_key IS NULL) <> (ledger_csv IS NULL)`)
export class ContestResult {
  @PrimaryColumn({ type: 'uuid' })
  contestId!: string;

  @ManyToOne(() => Contest, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'contest_id' })
  contest?: Contest;

  @Column({ type: 'timestamptz' })
  publishedAt!: Date;

  @Column({ type: 'uuid' })
  publishedBy!: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'published_by' })
  publisher?: User;

  /** Ranking per nomination, winners, turnout: exactly what GET /results serves (and results.csv). */
  @Column({ type: 'jsonb' })
  snapshot!: Record<string, unknown>;

  /**
   * Where the ledger's bytes are, exactly as served, in the file storage (a national vote's ledger is
   * far too large for a row); its SHA-256 is `ledgerSha256`.
   */
  @Column({ type: 'text', nullable: true })
  ledgerKey!: string | null;

  /** The stored ledger's size, for Content-Length and byte ranges. */
  @Column({ type: 'bigint', nullable: true })
  ledgerBytes!: string | null;

  /**
   * Ledgers published before they moved to the file storage, until the start-up relocation moves
   * them there byte for byte (LedgerRelocation); then null.
   */
  @Column({ type: 'text', nullable: true })
  ledgerCsv!: string | null;

  @Column({ type: 'text' })
  ledgerSha256!: string;

  /**
   * Announcing the results to the contest's people runs after publication in batches, each its own
   * transaction (ResultsAnnouncer): the last user id queued so far, in id order.
   */
  @Column({ type: 'uuid', nullable: true })
  announcedThrough!: string | null;

  /** When the last batch was queued; null while announcements are still going out. */
  @Column({ type: 'timestamptz', nullable: true })
  announcedAt!: Date | null;
}
