import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { User } from '../../users/entities/user.entity';
import { PracticeAction, PracticeStatus } from '../practice-status';
import { Practice } from './practice.entity';

/** One step of a practice's history: who moved it from which status to which, when and why. */
@Entity('practice_transitions')
@Index('practice_transitions_practice_idx', ['practiceId', 'createdAt'])
export class PracticeTransition {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  practiceId!: string;

  @ManyToOne(() => Practice, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'practice_id' })
  practice?: Practice;

  @Column({ type: 'text' })
  action!: PracticeAction | 'create';

  @Column({ type: 'text', nullable: true })
  fromStatus!: PracticeStatus | null;

  @Column({ type: 'text' })
  toStatus!: PracticeStatus;

  @Column({ type: 'uuid' })
  actorId!: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'actor_id' })
  actor?: User;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
