import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuthUser } from '../common/auth/auth-user';
import { sha256Hex } from '../common/crypto/keyring';
import { DEFAULT_LOCALE } from '../common/i18n/locale';
import { RateLimiter, rateRules } from '../common/rate-limit/rate-limiter.service';
import { AppConfig } from '../config/app-config';
import { normalizeEmail, UsersRepository } from '../users/users.repository';
import { AuthErrors } from './auth.errors';
import { AuthTokensRepository } from './auth-tokens.repository';
import { AcceptedDto, RegisterDto } from './dto/auth.dto';
import { EmailTokenMailer } from './email-tokens';
import { PasswordHasher } from './password-hasher';

/** Version of the privacy terms a registering user consents to; bump it when the terms change. */
export const PRIVACY_TERMS_VERSION = '2026-11';

const ACCEPTED: AcceptedDto = {
  status: 'accepted',
  message: 'If the address can receive email, a message with the next step is on its way.',
};

/** Registration and email confirmation. Never reveals whether an email is registered. */
@Injectable()
export class RegistrationService {
  private readonly logger = new Logger(RegistrationService.name);
  private readonly rules: ReturnType<typeof rateRules>;

  constructor(
    config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly users: UsersRepository,
    private readonly tokens: AuthTokensRepository,
    private readonly mailer: EmailTokenMailer,
    private readonly hasher: PasswordHasher,
    private readonly rateLimiter: RateLimiter,
  ) {
    this.rules = rateRules(config);
  }

  /** Always the same 202 body: a taken email gets a notice sent to its owner instead of a second account. */
  async register(dto: RegisterDto, clientAddress: string): Promise<AcceptedDto> {
    const email = normalizeEmail(dto.email);
    await this.rateLimiter.consume(this.rules.registrationsPerAddress, clientAddress);
    await this.rateLimiter.consume(this.rules.registrationsPerEmail, email);
    // Hash even when the email is taken, so both answers take the same time.
    const passwordHash = await this.hasher.hash(dto.password);
    await this.dataSource.transaction(async (manager) => {
      const locale = dto.locale ?? DEFAULT_LOCALE;
      const fullName = dto.fullName.trim();
      const id = await this.users.insertIfEmailFree(manager, {
        email,
        passwordHash,
        fullName,
        locale,
        consentVersion: PRIVACY_TERMS_VERSION,
      });
      if (id) {
        await this.mailer.sendConfirmation(manager, { id, email, fullName, locale });
        this.logger.log({ userId: id }, 'user registered');
        return;
      }
      const existing = await this.users.findByEmail(email, manager);
      if (existing) {
        await this.mailer.sendAccountExists(manager, existing);
      }
    });
    return ACCEPTED;
  }

  async resendConfirmation(caller: AuthUser): Promise<AcceptedDto> {
    if (caller.emailConfirmed) {
      throw AuthErrors.alreadyConfirmed();
    }
    await this.rateLimiter.consume(this.rules.registrationsPerEmail, caller.email);
    await this.dataSource.transaction(async (manager) => {
      const user = await this.users.findById(caller.id, manager);
      if (user) {
        await this.mailer.sendConfirmation(manager, user);
      }
    });
    return ACCEPTED;
  }

  async confirmEmail(token: string, clientAddress: string): Promise<void> {
    await this.rateLimiter.consume(this.rules.tokenUsesPerAddress, clientAddress);
    await this.dataSource.transaction(async (manager) => {
      const used = await this.tokens.consumeEmailToken(manager, 'confirm_email', sha256Hex(token));
      if (!used) {
        throw AuthErrors.invalidToken();
      }
      await this.users.confirmEmail(manager, used.userId);
      this.logger.log({ userId: used.userId }, 'email confirmed');
    });
  }

  /** For the confirm page: is the link still usable? Reading never uses the token up. */
  async isConfirmationTokenLive(token: string): Promise<boolean> {
    return (await this.tokens.findEmailToken('confirm_email', sha256Hex(token))) !== null;
  }
}
