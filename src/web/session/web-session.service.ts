import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AuthUser } from '../../common/auth/auth-user';
import { randomToken, sha256Hex } from '../../common/crypto/keyring';
import { AppConfig } from '../../config/app-config';
import { User } from '../../users/entities/user.entity';
import { UsersRepository } from '../../users/users.repository';
import { WebSession } from './web-session.entity';

/** `last seen` is written at most this often, not on every request. */
const TOUCH_INTERVAL_MS = 5 * 60_000;

export interface ResolvedSession {
  sessionId: string;
  user: AuthUser;
}

/**
 * Cookie sessions of the website. Sign-in always creates a new token (no fixation); a session ends
 * on sign-out, after the idle timeout or the absolute lifetime, or when the account's token version
 * moves on (sign out everywhere, password change or reset, block) — the same version that ends API
 * tokens, so one bump ends both.
 */
@Injectable()
export class WebSessionService {
  private readonly logger = new Logger(WebSessionService.name);

  constructor(
    private readonly config: AppConfig,
    @InjectRepository(WebSession) private readonly sessions: Repository<WebSession>,
    private readonly users: UsersRepository,
  ) {}

  /** A new session for a user who just proved who they are; the browser's previous one is deleted. */
  async start(user: User, previousToken: string | undefined): Promise<string> {
    if (previousToken) {
      await this.end(previousToken);
    }
    const token = randomToken();
    await this.sessions.insert({
      userId: user.id,
      tokenHash: sha256Hex(token),
      tokenVersion: user.tokenVersion,
      lastSeenAt: new Date(),
    });
    this.logger.log({ userId: user.id }, 'web session started');
    return token;
  }

  /** The session and its user, or null when the token is unknown or the session has ended. */
  async resolve(token: string): Promise<ResolvedSession | null> {
    const session = await this.sessions.findOneBy({ tokenHash: sha256Hex(token) });
    if (!session) {
      return null;
    }
    const user = await this.users.findById(session.userId);
    if (!user || !this.isAlive(session, user)) {
      await this.sessions.delete({ id: session.id });
      return null;
    }
    if (Date.now() - session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
      await this.sessions.update({ id: session.id }, { lastSeenAt: new Date() });
    }
    return { sessionId: session.id, user: toAuthUser(user) };
  }

  /** Sign-out: the row goes, so the cookie is worthless even if it was copied. */
  async end(token: string): Promise<void> {
    await this.sessions.delete({ tokenHash: sha256Hex(token) });
  }

  private isAlive(session: WebSession, user: User): boolean {
    const now = Date.now();
    const idleMs = this.config.web.sessionIdleMinutes * 60_000;
    const absoluteMs = this.config.web.sessionAbsoluteDays * 86_400_000;
    return (
      !user.blockedAt &&
      user.tokenVersion === session.tokenVersion &&
      now - session.lastSeenAt.getTime() < idleMs &&
      now - session.createdAt.getTime() < absoluteMs
    );
  }
}

export function toAuthUser(user: User): AuthUser {
  return {
    id: user.id,
    email: user.email,
    fullName: user.fullName,
    roles: user.roles,
    locale: user.locale,
    emailConfirmed: user.emailConfirmedAt !== null,
    voterVerified: user.voterVerifiedAt !== null,
    createdAt: user.createdAt,
  };
}
