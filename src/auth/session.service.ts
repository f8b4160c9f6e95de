import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AuthUser } from '../common/auth/auth-user';
import { randomToken, sha256Hex } from '../common/crypto/keyring';
import { RateLimiter, RateRule, rateRules } from '../common/rate-limit/rate-limiter.service';
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
 * Sessions: sign-in, refresh-token rotation with reuse detection, sign-out, sign-out everywhere and
 * password change. A session is a family of refresh tokens; each refresh uses one token up and issues
 * the next.
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
    private readonly audit: AuditService,
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
    const user = await this.verifyPassword(normalizeEmail(dto.email), dto.password, clientAddress);
    if (!user) {
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

  /** "Sign out everywhere": every access token, refresh token and web session of the user ends. */
  async signOutEverywhere(userId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await this.endAllSessions(manager, userId);
      await this.audit.record(manager, {
        actorId: userId,
        action: 'user.signed_out_everywhere',
        objectType: 'user',
        objectId: userId,
      });
    });
    this.logger.log({ userId }, 'signed out everywhere');
  }

  /**
   * Changes the password of a signed-in user. The current password is checked under the same
   * per-account limit as sign-in; every other session ends and the caller gets a fresh pair.
   */
  async changePassword(userId: string, currentPassword: string, newPassword: string): Promise<TokenPairDto> {
    const account = await this.users.findById(userId);
    const verified = account ? await this.verifyPassword(account.email, currentPassword) : undefined;
    if (verified?.id !== userId) {
      throw AuthErrors.currentPasswordWrong();
    }
    const passwordHash = await this.hasher.hash(newPassword);
    const tokens = await this.dataSource.transaction(async (manager) => {
      const user = await this.users.findByIdForUpdate(manager, userId);
      if (!user || user.blockedAt) {
        throw AuthErrors.accountBlocked();
      }
      if (user.passwordHash !== verified.passwordHash) {
        throw AuthErrors.currentPasswordWrong(); // changed by a parallel request since it was checked
      }
      await this.users.update(manager, userId, { passwordHash });
      await this.endAllSessions(manager, userId);
      await this.audit.record(manager, {
        actorId: userId,
        action: 'user.password_changed',
        objectType: 'user',
        objectId: userId,
      });
      // The row is locked, so the bumped version is exactly one more than the one read.
      return this.issue(manager, Object.assign(user, { tokenVersion: user.tokenVersion + 1 }), randomUUID());
    });
    this.logger.log({ userId }, 'password changed; other sessions ended');
    return tokens;
  }

  /**
   * Bumps the token version (which every access and refresh token carries) and revokes every refresh
   * token, so no session of the user outlives this transaction.
   */
  async endAllSessions(manager: EntityManager, userId: string): Promise<void> {
    await this.users.bumpTokenVersion(manager, userId);
    await this.tokens.revokeAllOfUser(manager, userId);
  }

  /**
   * Checks a password under the sign-in failure limits (per account; per address when given) and
   * returns the account, or undefined when the password is wrong or the account unknown. Each attempt
   * takes a slot before argon2 runs and gets it back only if the password was right: a check before
   * the work and a count after it let every parallel attempt through (issue 8, finding 4).
   */
  private async verifyPassword(
    email: string,
    password: string,
    clientAddress?: string,
  ): Promise<User | undefined> {
    const slots: [RateRule, string][] = [[this.rules.loginFailuresPerAccount, email]];
    if (clientAddress !== undefined) {
      slots.unshift([this.rules.loginFailuresPerAddress, clientAddress]);
    }
    const taken = await this.takeSlots(slots);
    let correct: boolean | undefined;
    try {
      const user = await this.users.findByEmail(email);
      correct = user
        ? await this.hasher.verify(user.passwordHash, password)
        : await this.hasher.verifyAgainstNothing(password);
      if (user && correct) {
        return user;
      }
    } finally {
      // Only a checked, wrong password keeps its slot (a 503 from a full hash queue counts nothing).
      if (correct !== false) {
        await this.refundSlots(taken);
      }
    }
    return undefined;
  }

  private async takeSlots(slots: [RateRule, string][]): Promise<[RateRule, string][]> {
    const taken: [RateRule, string][] = [];
    try {
      for (const [rule, subject] of slots) {
        await this.rateLimiter.consume(rule, subject);
        taken.push([rule, subject]);
      }
    } catch (error) {
      await this.refundSlots(taken); // refused before verifying: the earlier counters keep no attempt
      throw error;
    }
    return taken;
  }

  private async refundSlots(taken: [RateRule, string][]): Promise<void> {
    for (const [rule, subject] of taken) {
      await this.rateLimiter.refund(rule, subject);
    }
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
