import type { z } from 'zod';
import { ValidationError, toFieldIssues } from './errors.js';

/**
 * Parses untrusted input at the edge. Throws a ValidationError naming every bad
 * field; `code` lets a contract choose its own error code (triage uses `invalid_call`).
 */
export function parseInput<S extends z.ZodType>(
  schema: S,
  input: unknown,
  code = 'invalid_request',
  what = 'request',
): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues = toFieldIssues(result.error);
  const summary = issues.map((i) => `${i.path}: ${i.message}`).join('; ');
  throw new ValidationError(code, `Invalid ${what}: ${summary}`, issues);
}
