import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { FastifyRequest } from 'fastify';

/**
 * The caller's address for rate limiting: the connection's, or X-Forwarded-For's when the connection
 * comes from a proxy in TRUSTED_PROXIES (Fastify's trustProxy decides). Never stored raw.
 */
export const ClientAddress = createParamDecorator(
  (_data: unknown, context: ExecutionContext): string =>
    context.switchToHttp().getRequest<FastifyRequest>().ip,
);
