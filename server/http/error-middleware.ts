import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { AppError } from './errors.js';

interface BodyParserError {
  type?: string;
  status?: number;
}

function bodyParserError(err: unknown): AppError | undefined {
  const { type, status } = (err ?? {}) as BodyParserError;
  if (type === 'entity.parse.failed')
    return new AppError(400, 'malformed_json', 'The request body is not valid JSON');
  if (type === 'entity.too.large')
    return new AppError(413, 'payload_too_large', 'The request body is larger than 100 kB');
  if (type === 'encoding.unsupported' || type === 'charset.unsupported') {
    return new AppError(415, 'unsupported_encoding', 'The request body encoding is not supported');
  }
  // The router could not %-decode a path parameter (`/api/calls/%zz`): the client's fault.
  if (err instanceof URIError && status === 400) {
    return new AppError(400, 'malformed_path', 'The request path is not valid percent-encoding');
  }
  if (typeof status === 'number' && status >= 400 && status < 500 && type) {
    return new AppError(status, 'bad_request', 'The request could not be read');
  }
  return undefined;
}

export const notFound: RequestHandler = (req, _res, next) => {
  next(new AppError(404, 'not_found', `No route for ${req.method} ${req.path}`));
};

/** The one place errors become HTTP answers: `{ error: { code, message, issues? }, requestId }`. */
export function errorMiddleware(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const known = err instanceof AppError ? err : bodyParserError(err);
    const requestId = String(req.id ?? '');
    if (!known) {
      logger.error({ err, requestId, method: req.method, path: req.path }, 'unexpected error');
    }
    const error = known ?? new AppError(500, 'internal_error', 'Something went wrong on our side');
    if (res.headersSent) return;
    res.status(error.status).json({
      error: {
        code: error.code,
        message: error.message,
        ...(error.issues ? { issues: error.issues } : {}),
      },
      requestId,
    });
  };
}
