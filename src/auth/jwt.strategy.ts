import { createSecretKey } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { AuthUser } from '../common/auth/auth-user';
import { AppConfig } from '../config/app-config';
import { UsersRepository } from '../users/users.repository';

export const JWT_ISSUER = 'best-practice-portal';

export interface AccessTokenPayload {
  sub: string;
  /** The user's token version at issue; a block or password reset bumps it and kills the token. */
  tv: number;
}

/**
 * Verifies the access token (HS256 only: `alg: none` and other algorithms are refused), then loads the
 * user fresh, so blocking, a password reset or a role change takes effect on the very next request.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy) {
  constructor(
    config: AppConfig,
    private readonly users: UsersRepository,
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

  async validate(payload: AccessTokenPayload): Promise<AuthUser | false> {
    const user = typeof payload.sub === 'string' ? await this.users.findById(payload.sub) : null;
    if (!user || user.blockedAt || user.tokenVersion !== payload.tv) {
      return false;
    }
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
}
