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
 * A signed-in browser. The cookie holds a random 256-bit token; only its SHA-256 is stored, so a
 * database leak gives no live session. Sign-out deletes the row; a token-version bump (sign out
 * everywhere, password change or reset, block) ends every row of the user at its next request.
 */
@Entity('web_sessions')
@Index('web_sessions_token_hash_key', ['tokenHash'], { unique: true })
@Index('web_sessions_user_id_idx', ['userId'])
export class WebSession {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @Column({ type: 'text' })
  tokenHash!: string;

  /** The user's token version at sign-in; a newer one on the account ends this session. */
  @Column({ type: 'integer' })
  tokenVersion!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  /** Written at most every few minutes (not on every request): the idle timeout's clock. */
  @Column({ type: 'timestamptz' })
  lastSeenAt!: Date;
}
