import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Append-only: a database trigger refuses UPDATE and DELETE on this table. */
@Entity('audit_log')
@Index('audit_log_created_at_idx', ['createdAt'])
@Index('audit_log_object_idx', ['objectType', 'objectId'])
@Index('audit_log_actor_idx', ['actorId'])
export class AuditEntry {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Null for actions of the system itself (start-up bootstrap, scheduled work). */
  @Column({ type: 'uuid', nullable: true })
  actorId!: string | null;

  @Column({ type: 'text' })
  action!: string;

  @Column({ type: 'text' })
  objectType!: string;

  @Column({ type: 'text' })
  objectId!: string;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  details!: Record<string, unknown>;

  /** Millisecond precision: keyset cursors carry it through a JS Date without losing rows. */
  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;
}
