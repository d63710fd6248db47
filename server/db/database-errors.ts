// Telling "the database is not there" apart from a bug. Connection faults come
// from three layers: the socket (Node's ECONNREFUSED and friends), the server
// (SQLSTATE class 08, an administrator's or a crash's shutdown, a database
// that does not exist or does not accept connections) and the drivers (pg's
// "Connection terminated", knex's pool timeout when no connection can be had).

const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);

const SERVER_CODES = new Set([
  '57P01', // admin_shutdown: pg_terminate_backend, a restart
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: starting up or shutting down
  '3D000', // invalid_catalog_name: the database was dropped
  '53300', // too_many_connections
]);

const DRIVER_MESSAGES = [
  /^Connection terminated/,
  /not queryable/,
  /^Knex: Timeout acquiring a connection/,
  /is not currently accepting connections/,
];

interface ErrorLike {
  code?: unknown;
  message?: unknown;
  name?: unknown;
  errors?: unknown;
}

/** True when `err` says the database cannot be reached, not that a query was wrong. */
export function isDatabaseUnavailable(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false;
  const { code, message, name, errors } = err as ErrorLike;
  if (typeof code === 'string') {
    if (SOCKET_CODES.has(code) || SERVER_CODES.has(code) || code.startsWith('08')) return true;
  }
  if (name === 'KnexTimeoutError') return true;
  if (typeof message === 'string' && DRIVER_MESSAGES.some((pattern) => pattern.test(message)))
    return true;
  // Node reports a refused dual-stack connect as an AggregateError of both attempts.
  return Array.isArray(errors) && errors.length > 0 && errors.every(isDatabaseUnavailable);
}

/** True when PostgreSQL cancelled a statement for running past `statement_timeout`. */
export function isStatementTimeout(err: unknown): boolean {
  return (
    !!err &&
    typeof err === 'object' &&
    (err as ErrorLike).code === '57014' &&
    /statement timeout/.test(String((err as ErrorLike).message))
  );
}

/** PostgreSQL's unique_violation, on the named constraint or index. */
export function isUniqueViolation(err: unknown, constraint: string): boolean {
  const e = err as { code?: string; constraint?: string; message?: string };
  return (
    e?.code === '23505' && (e.constraint === constraint || (e.message ?? '').includes(constraint))
  );
}
