import { registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';

/** The catalog's years: from independence (1991) to a sane future bound. */
export const CATALOG_FIRST_YEAR = 1991;
export const CATALOG_LAST_YEAR = 2100;

const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/**
 * The end of a span must not come before its start (`yearTo` ≥ `yearFrom`); reported on the end as
 * the code `yearSpanOrder`. Either side absent: nothing to compare.
 */
export function NotBefore(startProperty: string, options?: ValidationOptions) {
  return (target: object, propertyName: string): void => {
    registerDecorator({
      name: 'yearSpanOrder',
      target: target.constructor,
      propertyName,
      constraints: [startProperty],
      options: { message: `${propertyName} must not be before ${startProperty}`, ...options },
      validator: {
        validate(value: unknown, args: ValidationArguments): boolean {
          const start = (args.object as Record<string, unknown>)[startProperty];
          return !isNumber(value) || !isNumber(start) || value >= start;
        },
      },
    });
  };
}

/**
 * A single year and a span of years are two ways to ask the same thing: asked together they could
 * disagree, so the single year is refused beside a span (code `yearWithSpan`).
 */
export function NotWithSpan(spanProperties: string[], options?: ValidationOptions) {
  return (target: object, propertyName: string): void => {
    registerDecorator({
      name: 'yearWithSpan',
      target: target.constructor,
      propertyName,
      constraints: spanProperties,
      options: {
        message: `${propertyName} cannot be combined with ${spanProperties.join(' or ')}`,
        ...options,
      },
      validator: {
        validate(value: unknown, args: ValidationArguments): boolean {
          const object = args.object as Record<string, unknown>;
          return value === undefined || spanProperties.every((property) => object[property] === undefined);
        },
      },
    });
  };
}
