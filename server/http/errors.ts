import type { z } from 'zod';

export interface FieldIssue {
  path: string;
  message: string;
}

/**
 * The one error type services throw. `status` is the HTTP status the error
 * middleware answers with; `code` is stable and machine-readable.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues?: FieldIssue[],
    options?: { cause?: unknown; retryAfterSeconds?: number },
  ) {
    super(message, options);
    this.name = new.target.name;
    this.retryAfterSeconds = options?.retryAfterSeconds;
  }

  /** Sent as `Retry-After` when set: when trying again makes sense. */
  readonly retryAfterSeconds: number | undefined;
}

export class ValidationError extends AppError {
  constructor(code: string, message: string, issues: FieldIssue[]) {
    super(400, code, message, issues);
  }
}

export class NotFoundError extends AppError {
  constructor(what: string, message = `${what} not found`) {
    super(404, 'not_found', message);
  }
}

export class UnauthenticatedError extends AppError {
  constructor(message = 'Sign in required') {
    super(401, 'unauthenticated', message);
  }
}

export class ForbiddenError extends AppError {
  constructor(message = 'Your role does not allow this') {
    super(403, 'forbidden', message);
  }
}

export class ConflictError extends AppError {
  constructor(code: string, message: string) {
    super(409, code, message);
  }
}

/** The database cannot be reached (lost, restarting, dropped): nothing was done; retry. */
export class DatabaseUnavailableError extends AppError {
  constructor(cause?: unknown) {
    super(
      503,
      'database_unavailable',
      'The database is not reachable at the moment: nothing was changed; try again shortly',
      undefined,
      { cause, retryAfterSeconds: 5 },
    );
  }
}

/** Turns zod issues into `{ path: "patient.age", message }` pairs a caller can act on. */
export function toFieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.flatMap((issue) => {
    const base = issue.path.map(String).join('.');
    // Unknown keys are reported once per key, at the key's own path.
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        path: base ? `${base}.${key}` : key,
        message: 'Unknown field',
      }));
    }
    return [{ path: base || '(root)', message: issue.message }];
  });
}
