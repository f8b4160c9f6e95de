import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The frozen outcome of a contest, written once at publication and never changed. */
@Entity('contest_results')
export class ContestResult {
  @PrimaryColumn({ type: 'uuid' })
  contestId!: string;

  @Column({ type: 'timestamptz' })
  publishedAt!: Date;

  @Column({ type: 'uuid' })
  publishedBy!: string;

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
