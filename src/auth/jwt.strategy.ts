import { createSecretKey } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { DataSource } from 'typeorm';
import { AuthUser } from '../common/auth/auth-user';
import { Locale } from '../common/i18n/locale';
import { Role } from '../common/auth/role';
import { AppConfig } from '../config/app-config';
import { pgPool } from '../database/pg-pool';

export const JWT_ISSUER = 'best-practice-portal';

export interface AccessTokenPayload {
  sub: string;
  /** The user's token version at issue; a block or password reset bumps it and kills the token. */
  tv: number;
}

/** What the guard needs of the caller, and nothing else (no password hash, no preferences). */
const ACCESS_USER_SQL = `
  SELECT id, email, full_name, roles, locale, created_at, token_version,
         email_confirmed_at IS NOT NULL AS email_confirmed,
         voter_verified_at IS NOT NULL AS voter_verified,
         blocked_at IS NOT NULL AS blocked
    FROM users WHERE id = $1`;

interface AccessUserRow {
  id: string;
  email: string;
  full_name: string;
  roles: Role[];
  locale: Locale;
  created_at: Date;
  token_version: number;
  email_confirmed: boolean;
  voter_verified: boolean;
  blocked: boolean;
}

/**
 * Verifies the access token (HS256 only: `alg: none` and other algorithms are refused), then loads the
 * user fresh, so blocking, a password reset or a role change takes effect on the very next request.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy) {
  constructor(
    config: AppConfig,
    private readonly dataSource: DataSource,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // A KeyObject, not the string: jsonwebtoken otherwise tries (and fails) to parse the string as a
      // public key on every verification, which bench:vote measured at ~25% of the API's CPU.
      secretOrKey: createSecretKey(Buffer.from(config.auth.jwtSecret)) as unknown as string,
      algorithms: ['HS256'],
      issuer: JWT_ISSUER,
      audience: JWT_ISSUER,
      ignoreExpiration: false,
    });
  }

  /**
   * The user row is read on every request, never cached: a block or a bumped token version must stop
   * the very next request on every instance. Straight on the `pg` pool (src/database/pg-pool.ts):
   * TypeORM's entity read was the largest cost of the access guard in bench:vote's profile.
   */
  async validate(payload: AccessTokenPayload): Promise<AuthUser | false> {
    const user = typeof payload.sub === 'string' ? await this.findAccessUser(payload.sub) : undefined;
    if (!user || user.blocked || user.token_version !== payload.tv) {
      return false;
    }
    return {
      id: user.id,
      email: user.email,
      fullName: user.full_name,
      roles: user.roles,
      locale: user.locale,
      emailConfirmed: user.email_confirmed,
      voterVerified: user.voter_verified,
      createdAt: user.created_at,
    };
  }

  private async findAccessUser(id: string): Promise<AccessUserRow | undefined> {
    const { rows } = await pgPool(this.dataSource).query<AccessUserRow>(ACCESS_USER_SQL, [id]);
    return rows[0];
  }
}
