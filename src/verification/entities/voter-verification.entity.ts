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
import { VerificationStatus } from '../verification-status';

/**
 * A citizen's request to be verified as a voter. The PIN is kept only as a keyed hash, unique among
 * live requests, so one person cannot verify two accounts; a clash is kept for moderators
 * (`pinClashWith`) and never shown to the requester.
 */
@Entity('voter_verifications')
@Check('voter_verifications_status_check', `status IN ('pending', 'approved', 'refused')`)
@Index('voter_verifications_pin_key', ['pinHash'], {
  unique: true,
  where: "pin_hash IS NOT NULL AND status <> 'refused'",
})
@Index('voter_verifications_live_key', ['userId'], {
  unique: true,
  where: "status IN ('pending', 'approved')",
})
@Index('voter_verifications_pending_idx', ['createdAt'], { where: "status = 'pending'" })
export class VoterVerification {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @Column({ type: 'text' })
  phone!: string;

  @Column({ type: 'uuid' })
  municipalityId!: string;

  @ManyToOne(() => Municipality, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'municipality_id' })
  municipality?: Municipality;

  @Column({ type: 'text', nullable: true })
  pinHash!: string | null;

  /** Another live request with the same PIN: for moderators only. */
  @Column({ type: 'uuid', nullable: true })
  pinClashWith!: string | null;

  @ManyToOne(() => VoterVerification, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'pin_clash_with' })
  pinClash?: VoterVerification;

  @Column({ type: 'text', default: 'pending' })
  status!: VerificationStatus;

  @Column(() => Decision, { prefix: false })
  decision!: Decision;

  /** Millisecond precision: keyset cursors carry it through a JS Date without losing rows. */
  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;
}
