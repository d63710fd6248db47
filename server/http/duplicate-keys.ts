import type { IncomingMessage } from 'node:http';
import type { RequestHandler } from 'express';
import type { FieldIssue } from './errors.js';

/**
 * JSON.parse keeps the last of two equal keys, so `{"chestPain": true, "chestPain": false}`
 * would reach the rules as "no chest pain". The triage contract (version 2) makes such a
 * body invalid at any depth. This scanner reads the raw text once and names every key that
 * repeats within one object, as a dotted path (`answers.chestPain`, `items.0.id`).
 *
 * It expects text that JSON.parse accepts (callers parse first); on anything else it stops
 * quietly, since the parse error is the one to report.
 */
export function findDuplicateKeys(text: string, limit = 20): string[] {
  interface Frame {
    /** Keys seen so far; null for an array. */
    keys: Set<string> | null;
    path: string;
    /** The current key (object) or index (array), for the path of a nested value. */
    at: string;
    index: number;
    expectKey: boolean;
  }
  const found: string[] = [];
  const stack: Frame[] = [];
  const childPath = (): string => {
    const top = stack[stack.length - 1];
    if (!top) return '';
    const segment = top.keys ? top.at : String(top.index);
    return top.path ? `${top.path}.${segment}` : segment;
  };
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      let end = i + 1;
      for (;;) {
        const quote = text.indexOf('"', end);
        if (quote < 0) return found;
        let slashes = 0;
        while (text.charCodeAt(quote - 1 - slashes) === 92 /* \ */) slashes += 1;
        if (slashes % 2 === 0) {
          end = quote;
          break;
        }
        end = quote + 1;
      }
      const top = stack[stack.length - 1];
      if (top?.keys && top.expectKey) {
        const raw = text.slice(i + 1, end);
        // "\u0061" and "a" are the same key.
        const key = raw.includes('\\') ? (JSON.parse(`"${raw}"`) as string) : raw;
        if (top.keys.has(key)) {
          found.push(top.path ? `${top.path}.${key}` : key);
          if (found.length >= limit) return found;
        }
        top.keys.add(key);
        top.at = key;
        top.expectKey = false;
      }
      i = end + 1;
      continue;
    }
    if (c === 123 /* { */ || c === 91 /* [ */) {
      const path = childPath();
      stack.push({ keys: c === 123 ? new Set() : null, path, at: '', index: 0, expectKey: true });
    } else if (c === 125 /* } */ || c === 93 /* ] */) {
      stack.pop();
    } else if (c === 44 /* , */) {
      const top = stack[stack.length - 1];
      if (top) {
        if (top.keys) top.expectKey = true;
        else top.index += 1;
      }
    }
    i += 1;
  }
  return found;
}

export function duplicateKeyIssues(paths: readonly string[]): FieldIssue[] {
  return paths.map((path) => ({
    path,
    message: 'is given more than once; send each field once (a repeated key is never read)',
  }));
}

const duplicatesByRequest = new WeakMap<IncomingMessage, string[]>();
const duplicatesByBody = new WeakMap<object, string[]>();

/** `express.json({ verify })`: scans the raw body before it is parsed. */
export function scanForDuplicateKeys(req: IncomingMessage, _res: unknown, body: Buffer): void {
  const paths = findDuplicateKeys(body.toString('utf8'));
  if (paths.length > 0) duplicatesByRequest.set(req, paths);
}

/**
 * After express.json: ties the duplicates found to the parsed body, so that parseInput
 * refuses it with the route's own error code (`invalid_call` for triage).
 */
export const markDuplicateKeys: RequestHandler = (req, _res, next) => {
  const paths = duplicatesByRequest.get(req);
  if (paths && typeof req.body === 'object' && req.body !== null)
    duplicatesByBody.set(req.body as object, paths);
  next();
};

/** The duplicate keys of a parsed request body, if it had any. */
export function duplicateKeysOf(input: unknown): string[] | undefined {
  return typeof input === 'object' && input !== null ? duplicatesByBody.get(input) : undefined;
}
