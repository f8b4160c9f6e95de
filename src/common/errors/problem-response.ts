import { randomUUID } from 'node:crypto';
import { HttpException, Logger } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { Locale } from '../i18n/locale';
import { requestLocale } from '../i18n/request-locale';
import { CommonErrors, DomainError, FieldError } from './domain-error';

const logger = new Logger('Problem');

interface FastifyLikeError {
  code?: string;
  statusCode?: number;
}

/** Turns anything thrown into a DomainError; unknown errors become a logged 500 with an errorId. */
export function toDomainError(error: unknown, requestId?: string): { error: DomainError; errorId?: string } {
  if (error instanceof DomainError) {
    return { error };
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
  // pg-pool's acquire timeout: the database is saturated, so shed load quickly instead of queueing.
  if (error instanceof Error && /timeout exceeded when trying to connect/i.test(error.message)) {
    return CommonErrors.overloaded();
  }
  return undefined;
}

/** Writes an RFC 9457 response in the caller's language. */
export function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  error: DomainError,
  problemBaseUrl: string,
  errorId?: string,
): void {
  const locale: Locale = requestLocale(request);
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
