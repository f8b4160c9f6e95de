import { ValidationError, ValidationPipe } from '@nestjs/common';
import { CommonErrors, FieldError } from '../errors/domain-error';

/**
 * Whitelisting DTOs: unknown members are refused (never silently dropped), so a client cannot set
 * `roles` at registration; every failed rule becomes one entry of the problem's `errors`.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => CommonErrors.validation(flattenValidationErrors(errors)),
  });
}

/** One entry per failed rule, with the dotted path of the member and the rule's stable code. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([code, message]) => ({
      field,
      code: code === 'whitelistValidation' ? 'unknownField' : code,
      message,
    }));
    return own.concat(flattenValidationErrors(error.children ?? [], field));
  });
}
