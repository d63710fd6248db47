import type { RequestHandler } from 'express';
import { AppError } from './errors.js';

/**
 * Refuses JSON bodies with a NUL character in any string or key: PostgreSQL text
 * cannot hold one, so it would fail the insert (a 500) after the request was
 * accepted. Iterative, like the depth check it runs after.
 */
export function rejectNulCharacters(): RequestHandler {
  return (req, _res, next) => {
    const pending: unknown[] = [req.body];
    while (pending.length) {
      const value = pending.pop();
      if (typeof value === 'string') {
        if (value.includes('\u0000')) return next(nulError());
        continue;
      }
      if (value === null || typeof value !== 'object') continue;
      for (const [key, child] of Object.entries(value)) {
        if (key.includes('\u0000')) return next(nulError());
        pending.push(child);
      }
    }
    next();
  };
}

const nulError = () =>
  new AppError(
    400,
    'invalid_text',
    'The request body has a NUL character (\\u0000) in its text: remove it and send again',
  );
