import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { User } from '../../users/entities/user.entity';
import { Contest } from './contest.entity';

/** The frozen outcome of a contest, written once at publication and never changed. */
@Entity('contest_results')
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

  /** Ranking per nomination, winners, turnout: exactly what GET /results serves. */
  @Column({ type: 'jsonb' })
  snapshot!: Record<string, unknown>;

  /** The anonymised ledger, byte for byte as served; its SHA-256 is `ledgerSha256`. */
  @Column({ type: 'text' })
  ledgerCsv!: string;

  @Column({ type: 'text' })
  ledgerSha256!: string;

  @Column({ type: 'text' })
  resultsCsv!: string;
}
