import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { randomToken, sha256Hex } from '../common/crypto/keyring';
import { User } from '../users/entities/user.entity';
import { OutboxService } from '../notifications/outbox.service';
import { AuthTokensRepository } from './auth-tokens.repository';

type Recipient = Pick<User, 'id' | 'email' | 'fullName' | 'locale'>;

/** Issues single-use email tokens and queues the email that carries each, in the caller's transaction. */
@Injectable()
export class EmailTokenMailer {
  constructor(
    private readonly config: AppConfig,
    private readonly tokens: AuthTokensRepository,
    private readonly outbox: OutboxService,
  ) {}

  async sendConfirmation(manager: EntityManager, user: Recipient): Promise<void> {
    const hours = this.config.auth.confirmationTokenTtlHours;
    const token = await this.issue(manager, user.id, 'confirm_email', hours);
    await this.outbox.enqueue(manager, {
      to: user.email,
      locale: user.locale,
      template: 'confirm-email',
      vars: { fullName: user.fullName, hours },
      actionPath: `/confirm-email?token=${token}`,
    });
  }

  async sendPasswordReset(manager: EntityManager, user: Recipient): Promise<void> {
    const hours = this.config.auth.resetTokenTtlHours;
    const token = await this.issue(manager, user.id, 'reset_password', hours);
    await this.outbox.enqueue(manager, {
      to: user.email,
      locale: user.locale,
      template: 'password-reset',
      vars: { fullName: user.fullName, hours },
      actionPath: `/reset-password?token=${token}`,
    });
  }

  /** Someone registered with a taken email: tell the owner, with a way forward instead of a second account. */
  async sendAccountExists(
    manager: EntityManager,
    user: Recipient & Pick<User, 'emailConfirmedAt'>,
  ): Promise<void> {
    const unconfirmed = user.emailConfirmedAt === null;
    const token = unconfirmed
      ? await this.issue(manager, user.id, 'confirm_email', this.config.auth.confirmationTokenTtlHours)
      : await this.issue(manager, user.id, 'reset_password', this.config.auth.resetTokenTtlHours);
    await this.outbox.enqueue(manager, {
      to: user.email,
      locale: user.locale,
      template: 'account-exists',
      vars: { fullName: user.fullName, unconfirmed },
      actionPath: unconfirmed ? `/confirm-email?token=${token}` : `/reset-password?token=${token}`,
    });
  }

  private async issue(
    manager: EntityManager,
    userId: string,
    purpose: 'confirm_email' | 'reset_password',
    hours: number,
  ): Promise<string> {
    // A new link replaces the earlier ones: a copy left in an old email no longer works.
    await this.tokens.voidLiveEmailTokens(manager, userId, purpose);
    const token = randomToken();
    await this.tokens.insertEmailToken(manager, {
      userId,
      purpose,
      tokenHash: sha256Hex(token),
      expiresAt: new Date(Date.now() + hours * 3600_000),
    });
    return token;
  }
}
