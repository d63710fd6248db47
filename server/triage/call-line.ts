import { duplicateKeyIssues, findDuplicateKeys } from '../http/duplicate-keys.js';
import { toFieldIssues } from '../http/errors.js';
import type { FieldIssue } from '../http/errors.js';
import { fastParseCall } from './call-fast-parse.js';
import { CallSchema } from '../../shared/call-schema.js';
import type { Call } from '../../shared/call-schema.js';

/** One input of the command line: a valid call, or why it is not one. */
export type CallLine = { line: number; call: Call } | { line: number; issues: FieldIssue[] };

/**
 * Parses one call from JSON text as the contract requires: valid JSON, no key given twice
 * at any depth (JSON.parse would silently keep the last), then the call schema.
 */
export function parseCallText(line: number, text: string): CallLine {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return {
      line,
      issues: [{ path: '(root)', message: `Invalid JSON: ${(error as Error).message}` }],
    };
  }
  const duplicates = findDuplicateKeys(text);
  if (duplicates.length > 0) return { line, issues: duplicateKeyIssues(duplicates) };
  const fast = fastParseCall(value);
  if (fast) return { line, call: fast };
  const result = CallSchema.safeParse(value);
  return result.success
    ? { line, call: result.data }
    : { line, issues: toFieldIssues(result.error) };
}

/** The error line printed in place of an invalid call. */
export function invalidCallLine(entry: { line: number; issues: FieldIssue[] }): string {
  return JSON.stringify({ error: 'invalid_call', line: entry.line, issues: entry.issues });
}
