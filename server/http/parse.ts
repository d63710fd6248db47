import type { z } from 'zod';
import { duplicateKeyIssues, duplicateKeysOf } from './duplicate-keys.js';
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
  const duplicates = duplicateKeysOf(input);
  if (duplicates) {
    const issues = duplicateKeyIssues(duplicates);
    throw new ValidationError(
      code,
      `Invalid ${what}: ${duplicates.join(', ')} given more than once`,
      issues,
    );
  }
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues = toFieldIssues(result.error);
  const summary = issues.map((i) => `${i.path}: ${i.message}`).join('; ');
  throw new ValidationError(code, `Invalid ${what}: ${summary}`, issues);
}
