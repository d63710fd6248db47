import type { RequestHandler } from 'express';
import { AppError } from './errors.js';

/** A surrogate not paired with its partner: `u` mode reads a well-formed pair as one code point. */
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * Refuses JSON bodies whose text PostgreSQL cannot store: a NUL character (text cannot
 * hold one) or a lone UTF-16 surrogate such as "\ud800" (JSON accepts it as an escape;
 * jsonb refuses it, "invalid input syntax for type json"). Either would fail the insert,
 * a 500, after the request was accepted. Checks every string and key, naming the first
 * field that fails. Iterative, like the depth check it runs after.
 */
export function rejectUnstorableText(): RequestHandler {
  return (req, _res, next) => {
    const pending: Array<[value: unknown, path: string]> = [[req.body, '']];
    while (pending.length) {
      const [value, path] = pending.pop()!;
      if (typeof value === 'string') {
        const problem = textProblem(value);
        if (problem) return next(textError(problem, path));
        continue;
      }
      if (value === null || typeof value !== 'object') continue;
      for (const [key, child] of Object.entries(value)) {
        const field = path ? `${path}.${key}` : key;
        const problem = textProblem(key);
        if (problem) return next(textError(problem, path || '(top level)', 'a field name'));
        pending.push([child, field]);
      }
    }
    next();
  };
}

type TextProblem = 'nul' | 'surrogate';

function textProblem(text: string): TextProblem | null {
  if (text.includes('\u0000')) return 'nul';
  if (LONE_SURROGATE.test(text)) return 'surrogate';
  return null;
}

function textError(problem: TextProblem, path: string, where = 'its text') {
  const what =
    problem === 'nul'
      ? 'a NUL character (\\u0000)'
      : 'half of a UTF-16 surrogate pair (such as \\ud800) with no other half';
  return new AppError(
    400,
    'invalid_text',
    `The request body has ${what} in ${where}${path ? ` at ${path}` : ''}: remove it and send again`,
    [{ path: path || '(body)', message: `has ${what}` }],
  );
}
