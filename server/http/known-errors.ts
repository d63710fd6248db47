import { isDatabaseUnavailable, isStatementTimeout } from '../db/database-errors.js';
import { AppError, DatabaseUnavailableError } from './errors.js';

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

/**
 * What an error means to a caller, when we know: our own AppErrors, the body
 * parser's, and the database being away or cancelling a statement that ran too
 * long. Undefined means a fault of ours (a generic 500, logged with its cause).
 * HTTP and socket handlers both answer through this, so they agree.
 */
export function toAppError(err: unknown): AppError | undefined {
  if (err instanceof AppError) return err;
  if (isDatabaseUnavailable(err)) return new DatabaseUnavailableError(err);
  if (isStatementTimeout(err)) {
    return new AppError(
      503,
      'query_timeout',
      'This request needs more work than the server allows for one request: ask for a shorter period',
      undefined,
      { cause: err },
    );
  }
  return bodyParserError(err);
}
