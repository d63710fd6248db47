/**
 * `npm run --silent bench:triage-cli [-- LINES]`: writes LINES (default 200,000) generated calls
 * as JSON Lines (one line in 500 invalid, one in 500 with a key given twice), then times
 * `npm run triage -- FILE` as a user runs it, start-up included, under `/usr/bin/time -v` for
 * its peak memory. Checks the output has one line per input line. Last line: one JSON object.
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { once } from 'node:events';
import os from 'node:os';
import path from 'node:path';
import { printLine } from '../server/cli/print-line.js';
import { sampleCalls } from '../test/triage/call-arbitrary.js';

const lines = Number(process.argv[2] ?? 200_000);
const root = path.resolve(import.meta.dirname, '..');
const dir = await mkdtemp(path.join(os.tmpdir(), 'altpath-cli-bench-'));
const file = path.join(dir, 'calls.jsonl');
try {
  const out = createWriteStream(file);
  const chunk = 10_000;
  for (let start = 0; start < lines; start += chunk) {
    const calls = sampleCalls(Math.min(chunk, lines - start), 7 + start);
    let text = '';
    calls.forEach((call, i) => {
      const n = start + i;
      if (n % 500 === 250) text += '{"patient":{"age":40},"complaint":\n';
      else if (n % 500 === 499)
        text += JSON.stringify(call).replace('"patient":', '"complaint":"fall","patient":') + '\n';
      else text += JSON.stringify(call) + '\n';
    });
    if (!out.write(text)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  const bytes = (await stat(file)).size;

  const tsx = path.join(root, 'node_modules/.bin/tsx');
  const cli = path.join(root, 'server/triage/cli.ts');
  const timed = existsSync('/usr/bin/time');
  const started = process.hrtime.bigint();
  const run = spawnSync(
    timed ? '/usr/bin/time' : tsx,
    timed ? ['-v', tsx, cli, file] : [cli, file],
    {
      cwd: root,
      encoding: 'utf8',
      maxBuffer: 2 * 1024 * 1024 * 1024,
    },
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const outputLines = run.stdout.split('\n').filter(Boolean).length;
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(run.stderr)?.[1];
  if (outputLines !== lines) throw new Error(`expected ${lines} output lines, got ${outputLines}`);
  printLine(
    JSON.stringify({
      lines,
      inputMb: Math.round(bytes / 1e5) / 10,
      seconds: Math.round(seconds * 100) / 100,
      linesPerSec: Math.round(lines / seconds),
      peakRssMb: rss ? Math.round(Number(rss) / 1024) : null,
      exitStatus: run.status,
      loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
    }),
  );
} finally {
  await rm(dir, { recursive: true, force: true });
}
