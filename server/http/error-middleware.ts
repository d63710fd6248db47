import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import { AppError } from './errors.js';
import { toAppError } from './known-errors.js';

export const notFound: RequestHandler = (req, _res, next) => {
  next(new AppError(404, 'not_found', `No route for ${req.method} ${req.path}`));
};

/** Writes an error's answer (the status and `Retry-After` are already decided). */
export type ErrorRenderer = (error: AppError, requestId: string, res: Response) => void;

const renderJson: ErrorRenderer = (error, requestId, res) => {
  res.status(error.status).json({
    error: {
      code: error.code,
      message: error.message,
      ...(error.issues ? { issues: error.issues } : {}),
    },
    requestId,
  });
};

/**
 * The one place errors become HTTP answers: `{ error: { code, message, issues? }, requestId }`,
 * or another shape of the same content (the FHIR API's OperationOutcome).
 */
export function errorMiddleware(
  logger: Logger,
  render: ErrorRenderer = renderJson,
): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const known = toAppError(err);
    const requestId = String(req.id ?? '');
    if (!known) {
      logger.error({ err, requestId, method: req.method, path: req.path }, 'unexpected error');
    } else if (known.status >= 500) {
      // Ours to know about (the database is away), not a bug: no stack trace per request.
      const cause = known.cause instanceof Error ? known.cause.message : undefined;
      logger.warn({ code: known.code, cause, requestId }, known.message);
    }
    const error = known ?? new AppError(500, 'internal_error', 'Something went wrong on our side');
    if (res.headersSent) return;
    if (error.retryAfterSeconds !== undefined)
      res.setHeader('Retry-After', String(error.retryAfterSeconds));
    render(error, requestId, res);
  };
}
