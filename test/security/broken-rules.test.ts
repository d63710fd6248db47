import { spawn } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultRulesDir } from '../../server/triage/engine.js';

// The real server process, started on a broken copy of the rules: it must not
// start, and it must say which file and what is wrong.

const tempDirs: string[] = [];
afterAll(() => Promise.all(tempDirs.map((dir) => rm(dir, { recursive: true, force: true }))));

async function rulesWith(file: string, edit: (text: string) => string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'altpath-broken-rules-'));
  tempDirs.push(dir);
  await cp(defaultRulesDir, dir, { recursive: true });
  await writeFile(path.join(dir, file), edit(await readFile(path.join(dir, file), 'utf8')));
  return dir;
}

const firstRule =
  (change: (rule: Record<string, unknown>, data: { rules: Record<string, unknown>[] }) => void) =>
  (text: string) => {
    const data = JSON.parse(text) as { rules: Record<string, unknown>[] };
    change(data.rules[0] as Record<string, unknown>, data);
    return JSON.stringify(data, null, 2);
  };

/** Starts `server/main.ts` as `npm start` does, and waits for it to exit (or gives up). */
function startServer(rulesDir: string): Promise<{ code: number | null; stderr: string }> {
  const dataDir = path.join(rulesDir, 'data');
  const child = spawn(path.resolve('node_modules/.bin/tsx'), ['server/main.ts'], {
    env: {
      ...process.env,
      RULES_DIR: rulesDir,
      DATA_DIR: dataDir,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      DATABASE_URL: '',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000); // a server that started is a failure too
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}

describe('a broken rules directory stops start-up', () => {
  const cases: Array<[string, string, (text: string) => string, RegExp]> = [
    [
      'bad JSON',
      '03-exclusions.json',
      (text) => text.replace(/}\s*$/, ''),
      /03-exclusions\.json: invalid JSON/,
    ],
    [
      'an unknown operator',
      '02-abnormal-vitals.json',
      firstRule((rule) => {
        rule.conditions = { all: [{ fact: 'complaint', operator: 'roughlyEqual', value: 'fall' }] };
      }),
      /02-abnormal-vitals\.json: rule "[^"]+".*operator/,
    ],
    [
      'a duplicate rule id',
      '05-pathways.json',
      firstRule((rule) => {
        rule.id = 'red-flag-complaint-chest-pain'; // already defined in 01-red-flags.json
      }),
      /05-pathways\.json: rule "red-flag-complaint-chest-pain": id: duplicate rule id \(also in .*01-red-flags\.json\)/,
    ],
  ];

  it.each(cases)(
    '%s: exits non-zero naming the file and the fault',
    { timeout: 60_000 },
    async (_name, file, edit, message) => {
      const { code, stderr } = await startServer(await rulesWith(file, edit));
      expect(code).not.toBe(0);
      expect(code).not.toBeNull(); // null: it kept running until killed
      expect(stderr).toMatch(message);
      expect(stderr).not.toMatch(/\n\s+at /); // one clear message, not a stack trace
    },
  );
});
