import { readFile } from 'node:fs/promises';
import { text } from 'node:stream/consumers';
import { toFieldIssues } from '../http/errors.js';
import type { FieldIssue } from '../http/errors.js';
import { CallSchema } from './call-schema.js';
import type { Call } from './call-schema.js';
import { createTriageEngine } from './engine.js';
import { RuleFileError } from './rule-files.js';

/**
 * `npm run --silent triage -- [FILE]`: one call as JSON (pretty-printed is fine) or many
 * as JSON Lines, from FILE or stdin; one decision per line, in order. No server, no database.
 */
type Entry = { line: number; call: Call } | { line: number; issues: FieldIssue[] };

function parseCall(line: number, value: unknown): Entry {
  const result = CallSchema.safeParse(value);
  return result.success
    ? { line, call: result.data }
    : { line, issues: toFieldIssues(result.error) };
}

function readEntries(input: string): Entry[] {
  // A whole input that is one JSON value is one call, however it is laid out.
  try {
    return [parseCall(1, JSON.parse(input))];
  } catch {
    // Not a single JSON value: read it as JSON Lines.
  }
  const entries: Entry[] = [];
  input.split(/\r?\n/).forEach((raw, index) => {
    if (raw.trim() === '') return;
    const line = index + 1;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (error) {
      entries.push({
        line,
        issues: [{ path: '(root)', message: `Invalid JSON: ${(error as Error).message}` }],
      });
      return;
    }
    entries.push(parseCall(line, value));
  });
  return entries;
}

async function main(): Promise<number> {
  const file = process.argv[2];
  const input = file ? await readFile(file, 'utf8') : await text(process.stdin);
  const entries = input.trim() === '' ? [] : readEntries(input);
  const engine = await createTriageEngine();
  let invalid = 0;
  const out: string[] = [];
  for (const entry of entries) {
    if ('issues' in entry) {
      invalid += 1;
      out.push(JSON.stringify({ error: 'invalid_call', line: entry.line, issues: entry.issues }));
    } else {
      out.push(JSON.stringify(await engine.decide(entry.call)));
    }
  }
  if (out.length) process.stdout.write(out.join('\n') + '\n');
  return invalid === 0 ? 0 : 1;
}

try {
  process.exitCode = await main();
} catch (error) {
  if (!(error instanceof RuleFileError)) throw error;
  console.error(`triage: invalid rule files\n${error.message}`);
  process.exitCode = 2;
}
