import { Column, JoinColumn, ManyToOne } from 'typeorm';

/**
 * Who decided a request, when and why: the same three columns on representative memberships, voter
 * verifications and contest entries (`@Column(() => Decision, { prefix: false })`), so the columns
 * keep their names (`decided_by`, `decided_at`, `reason`) and one helper fills them.
 */
export class Decision {
  @Column({ name: 'decided_by', type: 'uuid', nullable: true })
  by!: string | null;

  /** The foreign key to users; named, not imported, so common/ does not depend on a feature. */
  @ManyToOne('User', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'decided_by' })
  decider?: object;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  at!: Date | null;

  @Column({ name: 'reason', type: 'text', nullable: true })
  reason!: string | null;
}

/** The decision of `actorId` now, with its reason if any. */
export function decisionBy(actorId: string, reason?: string | null): Decision {
  return { by: actorId, at: new Date(), reason: reason ?? null };
}
