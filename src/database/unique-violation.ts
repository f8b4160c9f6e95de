/** PostgreSQL's SQLSTATE for a unique (or exclusion) index refusing a row. */
const UNIQUE_VIOLATION = '23505';

interface PgErrorFields {
  code?: string;
  constraint?: string;
}

/**
 * The unique index a statement ran into, from TypeORM's QueryFailedError (pg's error as
 * `driverError`) or pg's own error; undefined for any other failure. Services use it to tell a
 * double submit that raced their check from a real failure.
 */
export function violatedUniqueIndex(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) {
    return undefined;
  }
  const fields = ((error as { driverError?: PgErrorFields }).driverError ?? error) as PgErrorFields;
  return fields.code === UNIQUE_VIOLATION ? fields.constraint : undefined;
}
