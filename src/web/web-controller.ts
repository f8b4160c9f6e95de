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
import { Public } from '../common/auth/decorators';
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
