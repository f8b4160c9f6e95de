/**
 * Recognises "the database cannot be reached or cannot serve us right now", whatever layer raised it:
 * the pg driver (SQLSTATE codes), Node's sockets (errno codes), pg-pool (acquire timeout) or TypeORM
 * (a QueryFailedError wrapping one of those as `driverError`). Every such failure is answered with the
 * same 503 `service_unavailable`: the request may be retried, and nothing about the caller (their
 * token, their session, the object they asked for) is judged from it.
 */

/** SQLSTATEs that mean the server is away, going away, not yet back, or read-only (a failover). */
const UNAVAILABLE_SQLSTATES = new Set([
  '57P01', // admin_shutdown: fast or immediate shutdown, pg_terminate_backend
  '57P02', // crash_shutdown: another backend crashed, the server restarts
  '57P03', // cannot_connect_now: starting up, shutting down, in recovery
  '53300', // too_many_connections
  '25006', // read_only_sql_transaction: connected to a standby after a failover
]);

const UNAVAILABLE_ERRNOS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

/** Messages of pg, pg-pool and TypeORM that carry no code. */
const UNAVAILABLE_MESSAGES = [
  /Connection terminated/i, // "... unexpectedly", "... due to connection timeout"
  /timeout exceeded when trying to connect/i, // pg-pool: no pooled connection within the acquire timeout
  /is not queryable/i, // pg: a client whose connection broke or closed
  /Cannot use a pool after calling end/i, // during shutdown
  /Query read timeout/i, // pg's client-side query_timeout
];

interface ErrorLike {
  code?: unknown;
  message?: unknown;
  driverError?: unknown;
  cause?: unknown;
  errors?: unknown;
}

export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 4) {
    return false;
  }
  const { code, message, driverError, cause, errors } = error as ErrorLike;
  if (typeof code === 'string' && codeMeansUnavailable(code, typeof message === 'string' ? message : '')) {
    return true;
  }
  if (typeof message === 'string' && UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(message))) {
    return true;
  }
  // TypeORM wraps the driver's error; Node wraps per-address connect errors in an AggregateError.
  const nested = [driverError, cause, ...(Array.isArray(errors) ? (errors as unknown[]) : [])];
  return nested.some((inner) => inner !== error && isDatabaseUnavailable(inner, depth + 1));
}

function codeMeansUnavailable(code: string, message: string): boolean {
  if (UNAVAILABLE_SQLSTATES.has(code) || UNAVAILABLE_ERRNOS.has(code)) {
    return true;
  }
  // Class 08: connection exceptions (08000, 08003, 08006, 08001, 08004, ...).
  if (/^08[0-9A-Z]{3}$/.test(code)) {
    return true;
  }
  // 57014 is any cancelled statement; only statement_timeout means "the database is too slow now".
  return code === '57014' && /statement timeout/i.test(message);
}
