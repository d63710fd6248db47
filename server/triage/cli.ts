import { createReadStream } from 'node:fs';
import { once } from 'node:events';
import type { Readable } from 'node:stream';
import { invalidCallLine, parseCallText } from './call-line.js';
import { compileRuleSet } from './compiled-evaluator.js';
import type { CompiledRuleSet } from './compiled-evaluator.js';
import { defaultRulesDir } from './engine.js';
import { RuleFileError, loadRuleSet } from './rule-files.js';

/**
 * `npm run --silent triage -- [FILE]`: one call as JSON (pretty-printed is fine) or many as
 * JSON Lines, from FILE or stdin; one decision per line, in input order. No server, no
 * database. It streams: lines are read, decided and written one by one, so memory stays flat
 * on a file of millions of lines. Decisions come from the compiled evaluator, which the tests
 * prove equal to json-rules-engine (the live path's engine).
 */

/** A pretty-printed single call is buffered whole, up to this size; beyond it, JSON Lines. */
const singleCallLimit = 1_000_000;
/** Output is written in chunks of about this many characters, honouring back-pressure. */
const flushAt = 256 * 1024;

/** Lines of a stream, chunk by chunk: no promise per line, unlike readline's iterator. */
async function* lineChunks(input: Readable): AsyncGenerator<string[]> {
  let rest = '';
  for await (const chunk of input as AsyncIterable<string>) {
    const lines = (rest + chunk).split('\n');
    rest = lines.pop() ?? '';
    yield lines;
  }
  if (rest !== '') yield [rest];
}

async function main(): Promise<number> {
  const rules: CompiledRuleSet = compileRuleSet(await loadRuleSet(defaultRulesDir));
  const file = process.argv[2];
  const input: Readable = file ? createReadStream(file, 'utf8') : process.stdin.setEncoding('utf8');
  let invalid = 0;
  let out = '';
  const flush = async () => {
    const chunk = out;
    out = '';
    if (chunk !== '' && !process.stdout.write(chunk)) await once(process.stdout, 'drain');
  };
  const decideLine = (lineNumber: number, text: string) => {
    const entry = parseCallText(lineNumber, text);
    if ('issues' in entry) {
      invalid += 1;
      out += invalidCallLine(entry) + '\n';
    } else out += JSON.stringify(rules.decide(entry.call)) + '\n';
  };

  // A first line that is not JSON on its own may open one pretty-printed call: hold the
  // lines until they parse together (or it is clear they are JSON Lines after all).
  let held: { number: number; text: string }[] | null = null;
  let heldSize = 0;
  let lineNumber = 0;
  let seenContent = false;
  for await (const lines of lineChunks(input)) {
    for (const raw of lines) {
      lineNumber += 1;
      const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
      if (held) {
        held.push({ number: lineNumber, text });
        heldSize += text.length + 1;
        if (heldSize <= singleCallLimit) continue;
        for (const h of held) if (h.text.trim() !== '') decideLine(h.number, h.text);
        held = null;
        continue;
      }
      if (text.trim() === '') continue;
      const first = !seenContent;
      seenContent = true;
      if (first && !parsesAlone(text)) {
        held = [{ number: lineNumber, text }];
        heldSize = text.length + 1;
        continue;
      }
      decideLine(lineNumber, text);
    }
    if (out.length >= flushAt) await flush();
  }
  if (held) {
    const whole = held.map((h) => h.text).join('\n');
    if (parsesAlone(whole)) decideLine(held[0]?.number ?? 1, whole);
    else for (const h of held) if (h.text.trim() !== '') decideLine(h.number, h.text);
  }
  await flush();
  return invalid === 0 ? 0 : 1;
}

function parsesAlone(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

try {
  process.exitCode = await main();
} catch (error) {
  if (!(error instanceof RuleFileError)) throw error;
  console.error(`triage: invalid rule files\n${error.message}`);
  process.exitCode = 2;
}
