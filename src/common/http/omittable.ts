import { ValidateIf } from 'class-validator';

/**
 * A member that may be left out but not set to `null`, for NOT NULL columns. class-validator's
 * IsOptional skips null as well, which let `{"fullName": null}` through to PostgreSQL (a 500); with
 * this, null meets the member's own rules and is refused with 400.
 */
export const IsOmittable = () => ValidateIf((_object: object, value: unknown) => value !== undefined);
