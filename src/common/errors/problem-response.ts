import { randomUUID } from 'node:crypto';
import { HttpException, Logger } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { isDatabaseUnavailable } from '../../database/database-unavailable';
import { Locale } from '../i18n/locale';
import { requestLocale } from '../i18n/request-locale';
import { CommonErrors, DomainError, FieldError, SERVICE_UNAVAILABLE } from './domain-error';
import { prefersHtml, sendProblemPage } from './problem-page';

const logger = new Logger('Problem');

interface FastifyLikeError {
  code?: string;
  statusCode?: number;
}

/**
 * Turns anything thrown into a DomainError. Unknown errors become a logged 500 with an errorId; a
 * dependency that is away becomes a 503 `service_unavailable`, also logged once with an errorId.
 */
export function toDomainError(error: unknown, requestId?: string): { error: DomainError; errorId?: string } {
  if (error instanceof DomainError) {
    return error.code === SERVICE_UNAVAILABLE ? logUnavailable(error, requestId) : { error };
  }
  if (isDatabaseUnavailable(error)) {
    return logUnavailable(CommonErrors.serviceUnavailable(error), requestId);
  }
  if (error instanceof HttpException) {
    return { error: fromHttpException(error) };
  }
  const known = fromFastifyOrDriver(error);
  if (known) {
    return { error: known };
  }
  const errorId = randomUUID();
  logger.error(
    {
      errorId,
      requestId,
      err: error instanceof Error ? { message: error.message, stack: error.stack } : String(error),
    },
    'unhandled error',
  );
  return { error: CommonErrors.internal(), errorId };
}

function fromHttpException(exception: HttpException): DomainError {
  switch (exception.getStatus()) {
    case 401:
      return CommonErrors.unauthenticated();
    case 403:
      return CommonErrors.forbidden();
    case 404:
      return CommonErrors.notFound();
    case 413:
      return CommonErrors.payloadTooLarge();
    case 415:
      return CommonErrors.unsupportedMediaType();
    case 400:
      return CommonErrors.malformedBody();
    default:
      return new DomainError(exception.getStatus(), 'http_error', {
        en: exception.message,
        ru: exception.message,
        ky: exception.message,
      });
  }
}

function fromFastifyOrDriver(error: unknown): DomainError | undefined {
  const { code, statusCode } = (error ?? {}) as FastifyLikeError;
  if (code === 'FST_ERR_CTP_BODY_TOO_LARGE' || statusCode === 413) {
    return CommonErrors.payloadTooLarge();
  }
  if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || statusCode === 415) {
    return CommonErrors.unsupportedMediaType();
  }
  if (code?.startsWith('FST_ERR_CTP') || (error instanceof SyntaxError && statusCode === 400)) {
    return CommonErrors.malformedBody();
  }
  return undefined;
}

function logUnavailable(error: DomainError, requestId?: string): { error: DomainError; errorId: string } {
  const errorId = randomUUID();
  logger.warn({ errorId, requestId, cause: describeCause(error.cause) }, 'dependency unavailable: 503');
  return { error, errorId };
}

/** The code and message of the underlying error (and of the driver's error TypeORM wraps), never a stack. */
function describeCause(cause: unknown): Record<string, unknown> | string {
  if (!(cause instanceof Error)) {
    return String(cause);
  }
  const { code, driverError } = cause as Error & { code?: unknown; driverError?: { code?: unknown } };
  return { name: cause.name, code: code ?? driverError?.code, message: cause.message };
}

/**
 * Writes an RFC 9457 response in the caller's language; a browser asking for a page (Accept prefers
 * text/html) gets the same answer as a small HTML page instead.
 */
export function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  error: DomainError,
  problemBaseUrl: string,
  errorId?: string,
): void {
  const locale: Locale = requestLocale(request);
  if (prefersHtml(request)) {
    sendProblemPage(request, reply, error, locale, errorId);
    return;
  }
  const body: Record<string, unknown> = {
    type: `${problemBaseUrl}/problems/${error.code}`,
    title: error.title[locale],
    status: error.status,
    detail: describe(error, locale),
    code: error.code,
  };
  if (error.options.errors) {
    body.errors = error.options.errors;
  }
  if (errorId) {
    body.errorId = errorId;
  }
  if (error.options.retryAfterSeconds !== undefined) {
    void reply.header('Retry-After', String(error.options.retryAfterSeconds));
  }
  void reply
    .status(error.status)
    .header('Content-Type', 'application/problem+json; charset=utf-8')
    .send(body);
}

function describe(error: DomainError, locale: Locale): string {
  const fields: FieldError[] = error.options.errors ?? [];
  return fields.length > 0 ? fields.map((f) => `${f.field}: ${f.message}`).join('; ') : error.title[locale];
}
