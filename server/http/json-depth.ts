import type { RequestHandler } from 'express';
import { AppError } from './errors.js';

/**
 * Refuses JSON bodies nested deeper than any real request (a 100 kB body can
 * nest 50,000 levels). Code that walks a body recursively (hashing, logging,
 * copying) would otherwise overflow the stack and answer 500. Iterative, so the
 * check itself cannot overflow.
 */
export function rejectDeeplyNestedJson(maxDepth = 64): RequestHandler {
  return (req, _res, next) => {
    const pending: Array<[unknown, number]> = [[req.body, 0]];
    while (pending.length) {
      const [value, depth] = pending.pop() as [unknown, number];
      if (value === null || typeof value !== 'object') continue;
      if (depth >= maxDepth) {
        return next(
          new AppError(
            400,
            'too_deeply_nested',
            `The request body is nested more than ${maxDepth} levels deep`,
          ),
        );
      }
      for (const child of Object.values(value)) pending.push([child, depth + 1]);
    }
    next();
  };
}
