import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { DataSource, EntityManager } from 'typeorm';
import { AuthUser } from '../common/auth/auth-user';
import { randomToken, sha256Hex } from '../common/crypto/keyring';
import { RateLimiter, rateRules } from '../common/rate-limit/rate-limiter.service';
import { AppConfig } from '../config/app-config';
import { User } from '../users/entities/user.entity';
import { normalizeEmail, UsersRepository } from '../users/users.repository';
import { AuthErrors } from './auth.errors';
import { AuthTokensRepository } from './auth-tokens.repository';
import { LoginDto, TokenPairDto } from './dto/auth.dto';
import { AccessTokenPayload } from './jwt.strategy';
import { PasswordHasher } from './password-hasher';

type RefreshOutcome = { tokens: TokenPairDto } | { refused: 'unknown' | 'reused' | 'dead' };

/**
 * Sessions: sign-in, refresh-token rotation with reuse detection, sign-out. A session is a family of
 * refresh tokens; each refresh uses one token up and issues the next.
 */
@Injectable()
export class SessionService {
  private readonly logger = new Logger(SessionService.name);
  private readonly rules: ReturnType<typeof rateRules>;

  constructor(
    private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly users: UsersRepository,
    private readonly tokens: AuthTokensRepository,
    private readonly hasher: PasswordHasher,
    private readonly jwt: JwtService,
    private readonly rateLimiter: RateLimiter,
  ) {
    this.rules = rateRules(config);
  }

  async login(dto: LoginDto, clientAddress: string): Promise<TokenPairDto> {
    const user = await this.authenticate(dto, clientAddress);
    const tokens = await this.dataSource.transaction((manager) => this.issue(manager, user, randomUUID()));
    this.logger.log({ userId: user.id }, 'signed in');
    return tokens;
  }

  /**
   * Checks an email and password under the sign-in rate limits, with the same timing for an unknown
   * email as for a wrong password. The API then issues tokens; the website starts a cookie session.
   */
  async authenticate(dto: LoginDto, clientAddress: string): Promise<User> {
    const email = normalizeEmail(dto.email);
    await this.rateLimiter.assertNotExhausted(this.rules.loginFailuresPerAddress, clientAddress);
    await this.rateLimiter.assertNotExhausted(this.rules.loginFailuresPerAccount, email);
    const user = await this.users.findByEmail(email);
    const valid = user
      ? await this.hasher.verify(user.passwordHash, dto.password)
      : await this.hasher.verifyAgainstNothing(dto.password);
    if (!user || !valid) {
      await this.rateLimiter.record(this.rules.loginFailuresPerAddress, clientAddress);
      await this.rateLimiter.record(this.rules.loginFailuresPerAccount, email);
      throw AuthErrors.invalidCredentials();
    }
    if (user.blockedAt) {
      throw AuthErrors.accountBlocked();
    }
    return user;
  }

  async refresh(refreshToken: string): Promise<TokenPairDto> {
    const outcome = await this.dataSource.transaction((manager) => this.rotate(manager, refreshToken));
    if ('tokens' in outcome) {
      return outcome.tokens;
    }
    throw AuthErrors.invalidToken();
  }

  /** Ends the session the token belongs to; a token of someone else's session changes nothing. */
  async logout(caller: AuthUser, refreshToken: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const row = await this.tokens.findRefreshTokenForUpdate(manager, sha256Hex(refreshToken));
      if (row && row.userId === caller.id) {
        await this.tokens.revokeFamily(manager, row.familyId);
        this.logger.log({ userId: caller.id }, 'signed out');
      }
    });
  }

  private async rotate(manager: EntityManager, refreshToken: string): Promise<RefreshOutcome> {
    const row = await this.tokens.findRefreshTokenForUpdate(manager, sha256Hex(refreshToken));
    if (!row) {
      return { refused: 'unknown' };
    }
    if (row.revokedAt) {
      return { refused: 'dead' };
    }
    if (row.usedAt) {
      // A used token presented again means it was copied: end the whole session for everyone holding it.
      await this.tokens.revokeFamily(manager, row.familyId);
      this.logger.warn({ userId: row.userId }, 'refresh token reused; session revoked');
      return { refused: 'reused' };
    }
    const user = await this.users.findById(row.userId, manager);
    if (!user || user.blockedAt || user.tokenVersion !== row.tokenVersion || row.expiresAt <= new Date()) {
      await this.tokens.revokeFamily(manager, row.familyId);
      return { refused: 'dead' };
    }
    await this.tokens.markRefreshTokenUsed(manager, row.id);
    return { tokens: await this.issue(manager, user, row.familyId) };
  }

  private async issue(manager: EntityManager, user: User, familyId: string): Promise<TokenPairDto> {
    const refreshToken = randomToken();
    await this.tokens.insertRefreshToken(manager, {
      userId: user.id,
      familyId,
      tokenHash: sha256Hex(refreshToken),
      tokenVersion: user.tokenVersion,
      expiresAt: new Date(Date.now() + this.config.auth.refreshTokenTtlDays * 86_400_000),
    });
    const payload: AccessTokenPayload = { sub: user.id, tv: user.tokenVersion };
    return {
      accessToken: await this.jwt.signAsync(payload),
      refreshToken,
      expiresIn: this.config.auth.accessTokenTtlSeconds,
    };
  }
}
