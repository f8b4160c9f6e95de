import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Locale } from '../../common/i18n/locale';
import { Role } from '../../common/auth/role';

export interface NotificationPreferences {
  /** Contest announcements (entries open, voting open, results). */
  contestNews: boolean;
  /** Moderators: an email for each new submission in the queue. */
  moderationAlerts: boolean;
}

export const DEFAULT_NOTIFICATION_PREFERENCES: NotificationPreferences = {
  contestNews: true,
  moderationAlerts: true,
};

@Check('users_locale_check', `locale IN ('ky', 'ru', 'en')`)
@Check('users_email_lower_check', `email = lower(email)`)
@Entity('users')
@Index('users_email_key', ['email'], { unique: true })
export class User {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Stored lower-cased, so the unique index makes emails case-insensitive. */
  @Column({ type: 'text' })
  email!: string;

  @Column({ type: 'text' })
  passwordHash!: string;

  @Column({ type: 'text' })
  fullName!: string;

  @Column({ type: 'text', nullable: true })
  phone!: string | null;

  @Column({ type: 'text', default: 'ru' })
  locale!: Locale;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  roles!: Role[];

  /** No column default: every insert sets it (TypeORM cannot compare jsonb defaults reliably). */
  @Column({ type: 'jsonb' })
  notificationPreferences!: NotificationPreferences;

  @Column({ type: 'timestamptz', nullable: true })
  emailConfirmedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  blockedAt!: Date | null;

  /** Set when a moderator approves the user's voter verification. */
  @Column({ type: 'timestamptz', nullable: true })
  voterVerifiedAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  voterVerifiedBy!: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'voter_verified_by' })
  voterVerifier?: User;

  /** Bumped on block and password reset: every access token carrying an older value dies at once. */
  @Column({ type: 'integer', default: 0 })
  tokenVersion!: number;

  @Column({ type: 'text' })
  consentVersion!: string;

  @Column({ type: 'timestamptz' })
  consentAt!: Date;

  /** Millisecond precision: keyset cursors carry it through a JS Date without losing rows. */
  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
