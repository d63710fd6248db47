import { createReadStream } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
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
const flushAt = 64 * 1024;

class Output {
  private buffer = '';
  async line(text: string): Promise<void> {
    this.buffer += text + '\n';
    if (this.buffer.length >= flushAt) await this.flush();
  }
  async flush(): Promise<void> {
    if (this.buffer === '') return;
    const chunk = this.buffer;
    this.buffer = '';
    if (!process.stdout.write(chunk)) await once(process.stdout, 'drain');
  }
}

async function main(): Promise<number> {
  const rules: CompiledRuleSet = compileRuleSet(await loadRuleSet(defaultRulesDir));
  // Opened only now: readline starts reading at once, and lines it reads before the loop
  // below asks for them would be lost.
  const file = process.argv[2];
  const input: Readable = file ? createReadStream(file, 'utf8') : process.stdin;
  const lines = createInterface({ input, crlfDelay: Infinity });
  const out = new Output();
  let invalid = 0;

  const decideLine = async (lineNumber: number, text: string) => {
    const entry = parseCallText(lineNumber, text);
    if ('issues' in entry) {
      invalid += 1;
      await out.line(invalidCallLine(entry));
    } else {
      await out.line(JSON.stringify(rules.decide(entry.call)));
    }
  };

  // A first line that is not JSON on its own may open one pretty-printed call: hold the
  // lines until they parse together (or it is clear they are JSON Lines after all).
  let held: { number: number; text: string }[] | null = null;
  let heldSize = 0;
  let lineNumber = 0;
  let seenContent = false;
  for await (const text of lines) {
    lineNumber += 1;
    if (held) {
      held.push({ number: lineNumber, text });
      heldSize += text.length + 1;
      if (heldSize <= singleCallLimit) continue;
      for (const h of held) if (h.text.trim() !== '') await decideLine(h.number, h.text);
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
    await decideLine(lineNumber, text);
  }
  if (held) {
    const whole = held.map((h) => h.text).join('\n');
    if (parsesAlone(whole)) await decideLine(held[0]?.number ?? 1, whole);
    else for (const h of held) if (h.text.trim() !== '') await decideLine(h.number, h.text);
  }
  await out.flush();
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
