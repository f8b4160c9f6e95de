import {
  applyDecorators,
  CanActivate,
  Controller,
  ExecutionContext,
  Injectable,
  UseGuards,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { FastifyRequest } from 'fastify';
import { hasRole } from '../common/auth/auth-user';
import { Public } from '../common/auth/decorators';
import { Role } from '../common/auth/role';
import { CommonErrors } from '../common/errors/domain-error';
import { WebErrors } from './errors/web-errors';

/**
 * A website controller: left out of the OpenAPI document, and outside the API's bearer-token guard
 * (the website knows users only by the session cookie, which the web hook has already read).
 */
export const WebController = (path = '') =>
  applyDecorators(Controller(path), ApiExcludeController(), Public());

/** Pages for signed-in users: a visitor is sent to sign in and then back to the page. */
@Injectable()
export class SignedInGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    if (!context.switchToHttp().getRequest<FastifyRequest>().web?.user) {
      throw WebErrors.signInRequired();
    }
    return true;
  }
}

export const SignedIn = () => UseGuards(SignedInGuard);

/**
 * Staff pages (`/moderation`, `/admin`): a visitor is sent to sign in first; a signed-in user
 * without the role gets the 403 page. Admins pass a moderator check (roles are additive).
 */
@Injectable()
export class StaffRoleGuard implements CanActivate {
  constructor(private readonly role: Role) {}

  canActivate(context: ExecutionContext): boolean {
    const user = context.switchToHttp().getRequest<FastifyRequest>().web?.user;
    if (!user) {
      throw WebErrors.signInRequired();
    }
    if (!hasRole(user, this.role)) {
      throw CommonErrors.forbidden();
    }
    return true;
  }
}

export const StaffOnly = (role: Role) => UseGuards(new StaffRoleGuard(role));
