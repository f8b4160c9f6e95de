import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { CommonErrors, FieldError } from '../errors/domain-error';

/**
 * Whitelisting DTOs: unknown members are refused (never silently dropped), so a client cannot set
 * `roles` at registration; every failed rule becomes one entry of the problem's `errors`.
 */
export function createValidationPipe(): ValidationPipe {
  return new PortalValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => CommonErrors.validation(flatten(errors)),
  });
}

/** PostgreSQL cannot store U+0000 in text: refused here with 400 rather than failing there with 500. */
class PortalValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' || metadata.type === 'query') {
      const fields = membersWithNul(value, '');
      if (fields.length > 0) {
        throw CommonErrors.validation(
          fields.map((field) => ({
            field,
            code: 'nulCharacter',
            message: `${field} must not contain U+0000`,
          })),
        );
      }
    }
    return super.transform(value, metadata);
  }
}

function membersWithNul(value: unknown, path: string, depth = 0): string[] {
  if (typeof value === 'string') {
    return value.includes('\u0000') ? [path || 'body'] : [];
  }
  if (value === null || typeof value !== 'object' || depth > 32) {
    return [];
  }
  return Object.entries(value).flatMap(([key, member]) => {
    const field = path ? `${path}.${key}` : key;
    return key.includes('\u0000') ? [field] : membersWithNul(member, field, depth + 1);
  });
}

function flatten(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([code, message]) => ({
      field,
      code: code === 'whitelistValidation' ? 'unknownField' : code,
      message,
    }));
    return own.concat(flatten(error.children ?? [], field));
  });
}
