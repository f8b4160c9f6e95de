import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Practice } from './practice.entity';

/**
 * One counted view: a practice, a day (UTC) and a keyed hash of the viewer's network and user agent.
 * The primary key makes a second view of the same viewer on the same day a no-op on every instance
 * (INSERT … ON CONFLICT DO NOTHING); rows are purged after two days.
 */
@Entity('practice_views')
@Index('practice_views_day_idx', ['day'])
export class PracticeView {
  @PrimaryColumn({ type: 'uuid' })
  practiceId!: string;

  @ManyToOne(() => Practice, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'practice_id' })
  practice?: Practice;

  @PrimaryColumn({ type: 'date' })
  day!: string;

  @PrimaryColumn({ type: 'text' })
  viewerHash!: string;
}
