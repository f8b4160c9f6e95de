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

/**
 * One refresh token of a session ("family"). Only the SHA-256 of the token is stored. Rotation marks
 * the old row used; presenting a used token again revokes the whole family (it was stolen).
 */
@Entity('refresh_tokens')
@Index('refresh_tokens_token_hash_key', ['tokenHash'], { unique: true })
@Index('refresh_tokens_user_id_idx', ['userId'])
@Index('refresh_tokens_family_id_idx', ['familyId'])
export class RefreshToken {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @Column({ type: 'uuid' })
  familyId!: string;

  @Column({ type: 'text' })
  tokenHash!: string;

  /** The user's token version when issued: blocking or a password reset bumps it, killing the session. */
  @Column({ type: 'integer' })
  tokenVersion!: number;

  @Column({ type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  usedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
