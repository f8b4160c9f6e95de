import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { LocalizedText } from '../localized-text';
import { Contest } from './contest.entity';

@Entity('nominations')
@Check('nominations_winners_count_check', `winners_count >= 1`)
@Index('nominations_contest_idx', ['contestId', 'position'])
export class Nomination {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  contestId!: string;

  @ManyToOne(() => Contest, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'contest_id' })
  contest?: Contest;

  @Column({ type: 'jsonb' })
  title!: LocalizedText;

  @Column({ type: 'integer' })
  winnersCount!: number;

  @Column({ type: 'integer' })
  position!: number;
}
