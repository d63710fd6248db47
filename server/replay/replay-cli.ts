/**
 * `npm run replay -- --rules DIR [--from ISO] [--to ISO]`: re-decides the stored calls with the
 * candidate rules in DIR and prints what would change, safety warnings first, then the whole
 * report as one JSON line. Progress goes to stderr. Exit 2: bad arguments or rule files.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { SingleBar, Presets } from 'cli-progress';
import { loadConfig } from '../config/config.js';
import { openDatabase } from '../db/database.js';
import { compileRuleSet } from '../triage/compiled-evaluator.js';
import { defaultRulesDir } from '../triage/engine.js';
import { RuleFileError, loadRuleSet } from '../triage/rule-files.js';
import { replayCalls } from './replay-calls.js';
import { formatReport } from './replay-report.js';
import { ReplayWindowSchema } from './replay-schemas.js';
import { printLine } from '../cli/print-line.js';

function usage(message: string): never {
  console.error(`${message}\nusage: npm run replay -- --rules DIR [--from ISO] [--to ISO]`);
  process.exit(2);
}

let args: { rules?: string; from?: string; to?: string };
try {
  ({ values: args } = parseArgs({
    options: { rules: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' } },
    strict: true,
  }));
} catch (error) {
  usage((error as Error).message);
}
if (!args.rules) usage('--rules DIR is required');
const window = ReplayWindowSchema.safeParse({ from: args.from, to: args.to });
if (!window.success) {
  const issue = window.error.issues[0];
  usage(`--${String(issue?.path[0] ?? 'to')}: ${issue?.message ?? 'invalid'}`);
}

let candidateRules, currentRules;
try {
  candidateRules = await loadRuleSet(path.resolve(args.rules));
  currentRules = await loadRuleSet(defaultRulesDir);
} catch (error) {
  if (!(error instanceof RuleFileError)) throw error;
  // One line naming the file, rule and path of the (first) fault.
  console.error(`Invalid rules: ${error.problems[0] ?? error.message}`);
  process.exit(2);
}

const config = loadConfig();
const db = openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR });
const bar = new SingleBar(
  { format: 'replay [{bar}] {percentage}% | {value}/{total} calls | {duration}s', etaBuffer: 20 },
  Presets.shades_classic,
);
let started = false;
try {
  await db.ready();
  const report = await replayCalls(db, {
    ...window.data,
    currentRuleSetVersion: currentRules.version,
    candidate: compileRuleSet(candidateRules),
    onProgress: ({ processed, total }) => {
      if (!started) bar.start(total, processed);
      started = true;
      bar.setTotal(total);
      bar.update(processed);
    },
  });
  bar.stop();
  for (const line of formatReport(report)) printLine(line);
  printLine(JSON.stringify(report));
} catch (error) {
  bar.stop();
  console.error(`Replay failed: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  await db.close();
}
