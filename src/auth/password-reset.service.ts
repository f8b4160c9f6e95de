import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { sha256Hex } from '../common/crypto/keyring';
import { RateLimiter, rateRules } from '../common/rate-limit/rate-limiter.service';
import { AppConfig } from '../config/app-config';
import { normalizeEmail, UsersRepository } from '../users/users.repository';
import { AuthErrors } from './auth.errors';
import { AuthTokensRepository } from './auth-tokens.repository';
import { AcceptedDto, ResetPasswordDto } from './dto/auth.dto';
import { EmailTokenMailer } from './email-tokens';
import { PasswordHasher } from './password-hasher';
import { SessionService } from './session.service';

const ACCEPTED: AcceptedDto = {
  status: 'accepted',
  message: 'If an account uses this address, a link to choose a new password is on its way.',
};

/** Forgotten passwords. The answer never tells whether the email has an account. */
@Injectable()
export class PasswordResetService {
  private readonly logger = new Logger(PasswordResetService.name);
  private readonly rules: ReturnType<typeof rateRules>;

  constructor(
    config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly users: UsersRepository,
    private readonly tokens: AuthTokensRepository,
    private readonly mailer: EmailTokenMailer,
    private readonly hasher: PasswordHasher,
    private readonly rateLimiter: RateLimiter,
    private readonly sessions: SessionService,
  ) {
    this.rules = rateRules(config);
  }

  async requestReset(rawEmail: string, clientAddress: string): Promise<AcceptedDto> {
    const email = normalizeEmail(rawEmail);
    await this.rateLimiter.consume(this.rules.passwordResetsPerAddress, clientAddress);
    await this.rateLimiter.consume(this.rules.passwordResetsPerEmail, email);
    await this.dataSource.transaction(async (manager) => {
      const user = await this.users.findByEmail(email, manager);
      if (user && !user.blockedAt) {
        await this.mailer.sendPasswordReset(manager, user);
      }
    });
    return ACCEPTED;
  }

  /** Sets the new password and ends every session of the user (all their tokens carry the old version). */
  async resetPassword(dto: ResetPasswordDto, clientAddress: string): Promise<void> {
    await this.rateLimiter.consume(this.rules.tokenUsesPerAddress, clientAddress);
    const passwordHash = await this.hasher.hash(dto.password);
    await this.dataSource.transaction(async (manager) => {
      const used = await this.tokens.consumeEmailToken(manager, 'reset_password', sha256Hex(dto.token));
      if (!used) {
        throw AuthErrors.invalidToken();
      }
      await this.users.update(manager, used.userId, { passwordHash });
      // The reset link reached the mailbox, which proves the address as well as confirmation would.
      await this.users.confirmEmail(manager, used.userId);
      await this.sessions.endAllSessions(manager, used.userId);
      this.logger.log({ userId: used.userId }, 'password reset; all sessions revoked');
    });
  }

  async isResetTokenLive(token: string): Promise<boolean> {
    return (await this.tokens.findEmailToken('reset_password', sha256Hex(token))) !== null;
  }
}
