import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { FastifyRequest } from 'fastify';
import { requestLocale } from './request-locale';

/** The language of this request: ?lang=, then Accept-Language, then the user's locale, then Russian. */
export const RequestLocale = createParamDecorator((_data: unknown, context: ExecutionContext) =>
  requestLocale(context.switchToHttp().getRequest<FastifyRequest>()),
);
