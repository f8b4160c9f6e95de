import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Decision } from '../../common/decisions/decision';
import { Municipality } from '../../geography/entities/municipality.entity';
import { User } from '../../users/entities/user.entity';
import { MembershipStatus } from '../membership-status';

/**
 * A citizen's request to represent a municipality, and its outcome. The approved representatives of a
 * municipality own its practices. At most one pending or approved membership per (user, municipality).
 */
@Entity('representative_memberships')
@Check('representative_memberships_status_check', `status IN ('pending', 'approved', 'refused', 'removed')`)
@Index('representative_memberships_active_key', ['userId', 'municipalityId'], {
  unique: true,
  where: "status IN ('pending', 'approved')",
})
@Index('representative_memberships_municipality_idx', ['municipalityId', 'status'])
@Index('representative_memberships_pending_idx', ['createdAt'], { where: "status = 'pending'" })
export class RepresentativeMembership {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @Column({ type: 'uuid' })
  municipalityId!: string;

  @ManyToOne(() => Municipality, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'municipality_id' })
  municipality?: Municipality;

  @Column({ type: 'text', default: 'pending' })
  status!: MembershipStatus;

  @Column(() => Decision, { prefix: false })
  decision!: Decision;

  /** Millisecond precision: keyset cursors carry it through a JS Date without losing rows. */
  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;
}
