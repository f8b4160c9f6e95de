import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { PracticeAction, PracticeStatus } from '../practice-status';

/** One step of a practice's history: who moved it from which status to which, when and why. */
@Entity('practice_transitions')
@Index('practice_transitions_practice_idx', ['practiceId', 'createdAt'])
export class PracticeTransition {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  practiceId!: string;

  @Column({ type: 'text' })
  action!: PracticeAction | 'create';

  @Column({ type: 'text', nullable: true })
  fromStatus!: PracticeStatus | null;

  @Column({ type: 'text' })
  toStatus!: PracticeStatus;

  @Column({ type: 'uuid' })
  actorId!: string;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
