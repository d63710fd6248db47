import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const tsx = path.join(root, 'node_modules/.bin/tsx');
const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

function run(script: string, args: string[], input?: string) {
  const result = spawnSync(tsx, [path.join(root, script), ...args], {
    cwd: root,
    input,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const lines = result.stdout.split('\n').filter(Boolean);
  return { status: result.status, lines, stderr: result.stderr, stdout: result.stdout };
}

const ok = {
  patient: { age: 50 },
  complaint: 'minor_illness',
  answers: {
    conscious: true,
    breathingNormally: true,
    chestPain: false,
    consentsToAlternate: true,
  },
};

describe('npm run triage', () => {
  it('reads JSON Lines from stdin: one line out per call, errors in place, exit 1', () => {
    const input = [
      JSON.stringify(ok),
      '',
      '{not json',
      JSON.stringify({ ...ok, patient: { age: 200 }, extra: 1 }),
      JSON.stringify({ ...ok, complaint: 'seizure' }),
    ].join('\n');
    const { status, lines } = run('server/triage/cli.ts', [], input);
    expect(status).toBe(1);
    const out = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(out).toHaveLength(4);
    expect(out[0]).toMatchObject({ disposition: 'home_visit', acuity: 'non_urgent', missing: [] });
    expect(out[1]).toMatchObject({ error: 'invalid_call', line: 3 });
    expect(out[2]).toEqual({
      error: 'invalid_call',
      line: 4,
      issues: expect.arrayContaining([
        expect.objectContaining({ path: 'patient.age' }),
        { path: 'extra', message: 'Unknown field' },
      ]),
    });
    expect(out[3]).toMatchObject({ disposition: 'emergency_department', acuity: 'emergency' });
  });

  it('prints an error line for a key given twice, and goes on', () => {
    const twice = JSON.stringify(ok).replace(
      '"chestPain":false',
      '"chestPain":true,"chestPain":false',
    );
    const { status, lines } = run(
      'server/triage/cli.ts',
      [],
      [twice, JSON.stringify(ok)].join('\n'),
    );
    expect(status).toBe(1);
    expect(JSON.parse(lines[0]!)).toEqual({
      error: 'invalid_call',
      line: 1,
      issues: [{ path: 'answers.chestPain', message: expect.stringMatching(/more than once/) }],
    });
    expect(JSON.parse(lines[1]!)).toMatchObject({ disposition: 'home_visit' });
  });

  it('keeps input order over many lines, with invalid lines in place', () => {
    const input = Array.from({ length: 3000 }, (_, i) =>
      i % 7 === 3 ? '{"patient":' : JSON.stringify({ ...ok, patient: { age: 20 + (i % 80) } }),
    ).join('\n');
    const { status, lines } = run('server/triage/cli.ts', [], input);
    expect(status).toBe(1);
    expect(lines).toHaveLength(3000);
    lines.forEach((l, i) => {
      const out = JSON.parse(l) as { error?: string; line?: number; disposition?: string };
      if (i % 7 === 3) expect(out).toMatchObject({ error: 'invalid_call', line: i + 1 });
      else expect(out.disposition).toBeDefined();
    });
  });

  it('reads one pretty-printed call from a file and exits 0', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'altpath-cli-'));
    dirs.push(dir);
    const file = path.join(dir, 'call.json');
    await writeFile(file, JSON.stringify(ok, null, 2));
    const { status, lines } = run('server/triage/cli.ts', [file]);
    expect(status).toBe(0);
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({
      disposition: 'home_visit',
      ruleSetVersion: expect.stringMatching(/^sha256:/),
    });
  });
});

describe('npm run rules:check', () => {
  it('passes on the rule files', () => {
    const { status, stdout } = run('server/triage/rules-check-cli.ts', []);
    expect(status).toBe(0);
    expect(stdout).toMatch(/examples passed/);
  });
});
