import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replayCalls } from '../../server/replay/replay-calls.js';
import type { ReplayProgress, ReplayReport } from '../../server/replay/replay-report.js';
import { compileRuleSet } from '../../server/triage/compiled-evaluator.js';
import { loadRuleSet } from '../../server/triage/rule-files.js';
import { testDialects } from '../support/databases.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';
import { buildReplayHistory, candidateRuleFiles, type ReplayHistory } from './replay-history.js';

const root = path.resolve(import.meta.dirname, '../..');
const tsx = path.join(root, 'node_modules/.bin/tsx');

async function writeRulesDir(files: Record<string, unknown>): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'altpath-replay-test-'));
  for (const [name, content] of Object.entries(files))
    await writeFile(path.join(dir, name), JSON.stringify(content, null, 2));
  return dir;
}

function runCli(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(tsx, [path.join(root, 'server/replay/replay-cli.ts'), ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe.each(testDialects)('what-if replay on %s', (dialect) => {
  let app: TestApp;
  let history: ReplayHistory;
  let rulesDir: string;
  let report: ReplayReport;
  const progress: ReplayProgress[] = [];

  beforeAll(async () => {
    app = await bootTestApp(dialect);
    history = await buildReplayHistory(app);
    rulesDir = await writeRulesDir(candidateRuleFiles());
    const current = await loadRuleSet(path.join(root, 'rules'));
    report = await replayCalls(app.server.db, {
      currentRuleSetVersion: current.version,
      candidate: compileRuleSet(await loadRuleSet(rulesDir)),
      // Tiny batches, so keyset pagination crosses several pages (and, on PostgreSQL, the
      // range is split in two halves scanned side by side).
      batchSize: 2,
      onProgress: (p) => progress.push(p),
    });
  });
  afterAll(async () => {
    await app?.stop();
    if (rulesDir) await rm(rulesDir, { recursive: true, force: true });
  });

  it('counts old → new dispositions in a matrix', () => {
    expect(report.calls).toBe(8);
    expect(report.changed).toBe(4);
    expect(report.matrix).toEqual({
      emergency_department: { home_visit: 4, emergency_department: 2 },
      crisis_centre: { crisis_centre: 2 },
    });
    expect(report.ruleSetVersion.candidate).not.toBe(report.ruleSetVersion.current);
  });

  it('projects the change in diversion (share of calls not sent to the ED)', () => {
    expect(report.projectedDiversion).toEqual({ before: 0.25, after: 0.75, change: 0.5 });
  });

  it('warns about every diverted call that went to the ED or re-contacted within 72 h, and only those', () => {
    const { ids } = history;
    expect(report.safetyWarnings).toEqual([
      {
        callId: ids.transported,
        receivedAt: '2026-03-02T10:00:00.000Z',
        old: 'emergency_department',
        new: 'home_visit',
        reason: 'transported_ed',
      },
      {
        callId: ids.recontacted,
        receivedAt: '2026-03-02T11:00:00.000Z',
        old: 'emergency_department',
        new: 'home_visit',
        reason: 'recontact_72h',
      },
      // Unchanged by the candidate, but still diverted: its transport to the ED is worth a look.
      {
        callId: ids.crisisTransported,
        receivedAt: '2026-03-02T14:00:00.000Z',
        old: 'crisis_centre',
        new: 'crisis_centre',
        reason: 'transported_ed',
      },
    ]);
    const warned = report.safetyWarnings.map((w) => w.callId);
    // Re-contact at 73 h, and a patient without a key, are not warnings.
    expect(warned).not.toContain(ids.late);
    expect(warned).not.toContain(ids.keyless);
  });

  it('reports progress per batch up to the total', () => {
    expect(progress[0]).toEqual({ processed: 0, total: 8 });
    expect(progress.at(-1)).toEqual({ processed: 8, total: 8 });
    expect(progress.length).toBeGreaterThanOrEqual(5);
  });

  it('replays only the calls in a from/to window', async () => {
    const windowed = await replayCalls(app.server.db, {
      from: new Date('2026-03-02T11:00:00Z'),
      to: new Date('2026-03-02T13:00:00Z'),
      currentRuleSetVersion: 'current',
      candidate: compileRuleSet(await loadRuleSet(rulesDir)),
    });
    expect(windowed.calls).toBe(2); // received at 11:00 and 12:00; 13:00 is excluded
    expect(windowed.range).toEqual({
      from: '2026-03-02T11:00:00.000Z',
      to: '2026-03-02T13:00:00.000Z',
    });
  });

  it('npm run replay prints safety warnings first and ends with the report as JSON', async () => {
    // PGlite is one process: stop the server before the command line opens its files.
    await app.stop({ dispose: false });
    const env: Record<string, string> = app.database.url
      ? { DATABASE_URL: app.database.url }
      : { DATA_DIR: app.database.dataDir!, DATABASE_URL: '' };
    const { status, stdout, stderr } = runCli(['--rules', rulesDir], env);
    expect(status, stderr).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^SAFETY: 3 warning/);
    expect(lines[1]).toContain('transported_ed');
    const printed = JSON.parse(lines.at(-1)!) as ReplayReport;
    expect({ ...printed, ruleSetVersion: null }).toEqual({ ...report, ruleSetVersion: null });
    await app.database.dispose();
  });
});

describe('npm run replay with bad input', () => {
  it('names the file, the rule and the path of a fault in one line, exit 2', async () => {
    const files = candidateRuleFiles();
    const rule = files['02-abnormal-vitals.json']!.rules[0]! as {
      conditions: { all: Array<{ operator?: string }> };
    };
    rule.conditions.all[0]!.operator = 'greaterThanOrEqual';
    const dir = await writeRulesDir(files);
    try {
      const { status, stderr } = runCli(['--rules', dir]);
      expect(status).toBe(2);
      expect(stderr.trim().split('\n')).toHaveLength(1);
      expect(stderr).toMatch(
        /02-abnormal-vitals\.json: rule "abnormal-vital-respiratory-rate": conditions\.all\[0\]\.operator: unknown operator/,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses a missing --rules or a bad date with exit 2', () => {
    expect(runCli([]).status).toBe(2);
    const bad = runCli(['--rules', 'rules', '--from', 'last tuesday']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--from');
  });
});
