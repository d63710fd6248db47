import { createHash } from 'node:crypto';
import { z } from 'zod';
import { AppError, ValidationError } from '../http/errors.js';

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';

// Visible ASCII only: a key is an opaque token (a UUID, typically), and
// anything else (spaces, control characters, a repeated header that Node
// joined with ", ") is more likely a client bug than a key.
const KeySchema = z.string().regex(/^[\x21-\x7e]{1,200}$/);

export function parseIdempotencyKey(header: string): string {
  const result = KeySchema.safeParse(header);
  if (result.success) return result.data;
  const message = 'must be 1 to 200 visible ASCII characters';
  throw new ValidationError(
    'invalid_idempotency_key',
    `The ${IDEMPOTENCY_HEADER} header ${message}`,
    [{ path: IDEMPOTENCY_HEADER, message }],
  );
}

/**
 * What "the same request" means for a key: method, path and body, with object
 * keys sorted so that `{a,b}` and `{b,a}` are one request.
 */
export function requestFingerprint(method: string, path: string, body: unknown): string {
  return createHash('sha256')
    .update(`${method.toUpperCase()} ${path}\n${JSON.stringify(canonical(body ?? null))}`)
    .digest('hex');
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
    a < b ? -1 : a > b ? 1 : 0,
  );
  // fromEntries defines own properties, so a "__proto__" key stays data.
  return Object.fromEntries(entries.map(([k, v]) => [k, canonical(v)]));
}

export class IdempotencyKeyReusedError extends AppError {
  constructor() {
    super(
      422,
      'idempotency_key_reused',
      `This ${IDEMPOTENCY_HEADER} was already used for a different request: use a new key for a new request`,
    );
  }
}

export class IdempotencyInProgressError extends AppError {
  constructor() {
    super(
      409,
      'idempotency_in_progress',
      `A request with this ${IDEMPOTENCY_HEADER} is still being processed: retry shortly`,
    );
  }
}
