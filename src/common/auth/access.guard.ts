import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { FastifyRequest } from 'fastify';
import { isDatabaseUnavailable } from '../../database/database-unavailable';
import { CommonErrors, DomainError, SERVICE_UNAVAILABLE } from '../errors/domain-error';
import { AuthUser, hasRole } from './auth-user';
import { AUTH_OPTIONS, AuthenticatedOptions, PUBLIC_ROUTE } from './decorators';

/**
 * Global guard: a valid access token on every route unless @Public(); then the confirmed-email and
 * role requirements that @Authenticated() declares.
 */
interface RouteAccess {
  isPublic: boolean;
  options: AuthenticatedOptions;
}

@Injectable()
export class AccessGuard extends AuthGuard('jwt') {
  /** Per controller class, per handler (a handler inherited by two controllers may differ per class). */
  private readonly routes = new WeakMap<object, WeakMap<object, RouteAccess>>();

  constructor(private readonly reflector: Reflector) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const { isPublic, options } = this.routeAccess(context);
    if (isPublic) {
      await this.identifyIfPossible(context);
      return true;
    }
    await super.canActivate(context);
    const user = context.switchToHttp().getRequest<FastifyRequest & { user: AuthUser }>().user;
    if (!user.emailConfirmed && !options.allowUnconfirmed) {
      throw CommonErrors.emailNotConfirmed();
    }
    if (options.roles && !options.roles.some((role) => hasRole(user, role))) {
      throw CommonErrors.forbidden();
    }
    return true;
  }

  /**
   * A route's @Public() and @Authenticated() metadata, read once per handler: it is fixed once the
   * controllers are declared, and the two reflector lookups were a measured share of every vote.
   */
  private routeAccess(context: ExecutionContext): RouteAccess {
    const handler = context.getHandler();
    const controller = context.getClass();
    let handlers = this.routes.get(controller);
    if (!handlers) {
      handlers = new WeakMap();
      this.routes.set(controller, handlers);
    }
    let access = handlers.get(handler);
    if (!access) {
      const targets = [handler, controller];
      access = {
        isPublic: this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets) ?? false,
        options: this.reflector.getAllAndOverride<AuthenticatedOptions>(AUTH_OPTIONS, targets) ?? {},
      };
      handlers.set(handler, access);
    }
    return access;
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
    } catch (error) {
      // A token that could not be checked is not a visitor's: the caller retries rather than
      // seeing the anonymous view.
      if (error instanceof DomainError && error.code === SERVICE_UNAVAILABLE) {
        throw error;
      }
    }
  }

  /**
   * `user` is false when the token itself is refused (bad signature, expired, blocked, old version):
   * 401. An `error` means the check could not be made at all (passport hands over what the
   * strategy's user lookup threw), so it is never a 401: the database being away is a 503, anything
   * else a 500, and the client keeps its tokens.
   */
  override handleRequest<TUser = AuthUser>(error: unknown, user: TUser | false): TUser {
    if (error) {
      if (isDatabaseUnavailable(error)) {
        throw CommonErrors.serviceUnavailable(error);
      }
      throw error instanceof Error
        ? error
        : new Error('the access token could not be checked', { cause: error });
    }
    if (!user) {
      throw CommonErrors.unauthenticated();
    }
    return user;
  }
}
