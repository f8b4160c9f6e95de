import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { FastifyRequest } from 'fastify';
import { CommonErrors } from '../errors/domain-error';
import { AuthUser, hasRole } from './auth-user';
import { AUTH_OPTIONS, AuthenticatedOptions, PUBLIC_ROUTE } from './decorators';

/**
 * Global guard: a valid access token on every route unless @Public(); then the confirmed-email and
 * role requirements that @Authenticated() declares.
 */
@Injectable()
export class AccessGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) {
      await this.identifyIfPossible(context);
      return true;
    }
    await super.canActivate(context);
    const user = context.switchToHttp().getRequest<FastifyRequest & { user: AuthUser }>().user;
    const options = this.reflector.getAllAndOverride<AuthenticatedOptions>(AUTH_OPTIONS, targets) ?? {};
    if (!user.emailConfirmed && !options.allowUnconfirmed) {
      throw CommonErrors.emailNotConfirmed();
    }
    if (options.roles && !options.roles.some((role) => hasRole(user, role))) {
      throw CommonErrors.forbidden();
    }
    return true;
  }

  /**
   * Public routes still learn who is calling when a valid token is sent (for the user's language and
   * for owners seeing more than visitors); an invalid token there is simply ignored.
   */
  private async identifyIfPossible(context: ExecutionContext): Promise<void> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (!request.headers.authorization) {
      return;
    }
    try {
      await super.canActivate(context);
    } catch {
      // a visitor after all
    }
  }

  override handleRequest<TUser = AuthUser>(error: unknown, user: TUser | false): TUser {
    if (error || !user) {
      throw CommonErrors.unauthenticated();
    }
    return user;
  }
}
