/**
 * `npm run bench:replay`: what-if replay of EVERY stored call on PostgreSQL, end to end (read
 * in keyset batches, re-decided by the compiled evaluator, safety facts from SQL, report), with
 * a candidate rule set that differs from the current one by one rule change. The last line
 * printed is one JSON object. DATABASE_URL defaults to the shared benchmark database; when it
 * holds no calls, the bench fills it first with the history generator and says so.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { SingleBar, Presets } from 'cli-progress';
import pg from 'pg';
import { loadConfig } from '../server/config/config.js';
import { openDatabase } from '../server/db/database.js';
import { migrateToLatest } from '../server/db/migrate.js';
import { defaultBatchSize, replayCalls } from '../server/replay/replay-calls.js';
import { compileRuleSet } from '../server/triage/compiled-evaluator.js';
import { defaultRulesDir } from '../server/triage/engine.js';
import { loadRuleSet } from '../server/triage/rule-files.js';

const DEFAULT_URL = 'postgres://postgres@127.0.0.1:5432/altpath_bench';
const SEED_CALLS = 1_000_000;
const root = path.resolve(import.meta.dirname, '..');

const config = loadConfig({
  ...process.env,
  DATABASE_URL: process.env.DATABASE_URL || DEFAULT_URL,
  LOG_LEVEL: 'warn',
});
const url = config.DATABASE_URL!;

async function ensureDatabase(): Promise<void> {
  const admin = new URL(url);
  const name = admin.pathname.slice(1);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`create database "${name.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}

/**
 * The candidate: the current rules, but calls whose complaint is "other" may be
 * offered a home visit (the exclusion goes, the home-visit rule takes them).
 * It changes intake decisions, so the replay has diversions and safety
 * warnings to find. (A vital-sign threshold would change little at intake,
 * where calls rarely carry vitals.)
 */
async function writeCandidateRules(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'altpath-bench-rules-'));
  for (const name of (await readdir(defaultRulesDir)).filter((n) => n.endsWith('.json'))) {
    const file = JSON.parse(await readFile(path.join(defaultRulesDir, name), 'utf8')) as {
      rules?: Array<{ id: string; conditions: { all: Array<{ fact: string; value: unknown }> } }>;
    };
    if (name === '03-exclusions.json') {
      file.rules = file.rules?.filter((r) => r.id !== 'no-alternate-other-complaint');
    }
    if (name === '05-pathways.json') {
      const complaint = file.rules
        ?.find((r) => r.id === 'home-visit-eligible')
        ?.conditions.all.find((c) => c.fact === 'complaint');
      if (!Array.isArray(complaint?.value))
        throw new Error('bench: home-visit-eligible complaint list not found');
      complaint.value.push('other');
    }
    await writeFile(path.join(dir, name), JSON.stringify(file));
  }
  return dir;
}

await ensureDatabase();
const db = openDatabase({ url, acquireTimeoutMs: 60_000 });
let seededByBench = false;
try {
  await db.ready();
  await migrateToLatest(db);
  const [{ count } = { count: 0 }] = await db
    .query('calls')
    .count<{ count: number }[]>({ count: '*' });
  if (Number(count) === 0) {
    console.error(
      `bench: ${url} holds no calls; generating ${SEED_CALLS} with npm run seed:history first`,
    );
    const seeded = spawnSync(
      'npx',
      ['tsx', 'server/history/seed-history-cli.ts', '--calls', String(SEED_CALLS)],
      {
        cwd: root,
        stdio: ['ignore', 'inherit', 'inherit'],
        env: { ...process.env, DATABASE_URL: url },
      },
    );
    if (seeded.status !== 0) throw new Error('bench: seed:history failed');
    seededByBench = true;
  }

  const rulesDir = await writeCandidateRules();
  const bar = new SingleBar(
    { format: 'replay [{bar}] {percentage}% | {value}/{total} calls | {duration}s' },
    Presets.shades_classic,
  );
  const started = process.hrtime.bigint();
  const current = await loadRuleSet(defaultRulesDir);
  const candidate = compileRuleSet(await loadRuleSet(rulesDir));
  const report = await replayCalls(db, {
    currentRuleSetVersion: current.version,
    candidate,
    onProgress: ({ processed, total }) => {
      if (processed === 0) bar.start(total, 0);
      else bar.update(processed);
    },
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  bar.stop();
  await rm(rulesDir, { recursive: true, force: true });

  const warnings = report.safetyWarnings;
  console.log(
    `database: ${new URL(url).pathname.slice(1)} (PostgreSQL)${seededByBench ? ', calls generated by this bench run' : ''}`,
  );
  console.log(
    `candidate: ${candidate.ruleSetVersion} (complaint "other" may be offered a home visit)`,
  );
  console.log(`safety warnings: ${warnings.length} (first 3 below)`);
  for (const w of warnings.slice(0, 3))
    console.log(`  ${w.reason} ${w.receivedAt} ${w.callId} ${w.old} -> ${w.new}`);
  console.log(
    `calls: ${report.calls}, changed: ${report.changed}, diversion ${report.projectedDiversion.before} -> ${report.projectedDiversion.after}`,
  );
  console.log(
    JSON.stringify({
      calls: report.calls,
      seconds: Number(seconds.toFixed(2)),
      callsPerSec: Math.round(report.calls / seconds),
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      batchSize: defaultBatchSize,
      changed: report.changed,
      safetyWarnings: warnings.length,
      diversionBefore: report.projectedDiversion.before,
      diversionAfter: report.projectedDiversion.after,
      seededByBench,
    }),
  );
} finally {
  await db.close();
}
