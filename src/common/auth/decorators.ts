import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { FastifyRequest } from 'fastify';
import { ProblemDetailsDto } from '../errors/problem-details';
import { AuthUser } from './auth-user';
import { Role } from './role';

export const PUBLIC_ROUTE = 'portal:public';
export const AUTH_OPTIONS = 'portal:auth-options';

export interface AuthenticatedOptions {
  /** The caller needs at least one of these roles (admin counts as moderator). */
  roles?: Role[];
  /** Unconfirmed accounts may sign in but are refused everything that acts, unless a route allows them. */
  allowUnconfirmed?: boolean;
}

/** Opts a route out of the global access guard. */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/** Declares who may call a route; every route not marked @Public() requires a valid access token. */
export const Authenticated = (options: AuthenticatedOptions = {}) =>
  applyDecorators(
    SetMetadata(AUTH_OPTIONS, options),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({
      type: ProblemDetailsDto,
      description: 'Missing, expired or revoked access token',
    }),
    ApiForbiddenResponse({ type: ProblemDetailsDto, description: 'Email not confirmed, or role missing' }),
  );

/** The signed-in caller, as loaded by the access guard. */
export const CurrentUser = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AuthUser =>
    context.switchToHttp().getRequest<FastifyRequest & { user: AuthUser }>().user,
);

/** On public routes: the caller when a valid token was sent, else undefined. */
export const OptionalUser = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AuthUser | undefined =>
    context.switchToHttp().getRequest<FastifyRequest & { user?: AuthUser }>().user,
);
