// Start-up time of `npm start` to a healthy server on the embedded database:
// from spawning `npm start` to the first 200 from /api/health, median of RUNS,
// for a first start (empty DATA_DIR: migrate and seed) and a restart on the
// same data, both from a current build; and once a first start with no build
// (`npm start` builds first), as a newcomer's first `npm start` would be.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { staleBuildReason, STAMP } from '../build/fingerprint.js';
import { percentile, round } from './support.js';

const RUNS = Number(process.argv[2] ?? 5);
const root = fileURLToPath(new URL('..', import.meta.url));

async function timeToHealthy(dataDir: string, port: number): Promise<number> {
  const started = performance.now();
  const inherited = { ...process.env };
  delete inherited.DATABASE_URL;
  const child = spawn('npm', ['start'], {
    cwd: root,
    detached: true, // npm, its shell and the server in one group, stopped together
    env: {
      ...inherited,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
    },
    stdio: 'ignore',
  });
  const exited = new Promise((r) => child.once('exit', r));
  try {
    for (;;) {
      const ok = await fetch(`http://127.0.0.1:${port}/api/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) return performance.now() - started;
      if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  } finally {
    process.kill(-child.pid!, 'SIGTERM');
    await exited;
  }
}

function build(): number {
  const started = performance.now();
  execFileSync(process.execPath, ['--import', 'tsx', 'build/build.ts'], {
    cwd: root,
    stdio: 'ignore',
  });
  return performance.now() - started;
}

function withDataDir<T>(use: (dir: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(path.join(tmpdir(), 'altpath-startup-'));
  return use(dir).finally(() => rmSync(dir, { recursive: true, force: true }));
}

const buildMs = build();
// A first `npm start` with no build: the stamp removed, so it builds before it starts.
rmSync(path.join(root, STAMP));
const firstWithBuildMs = await withDataDir((dir) => timeToHealthy(dir, 3899));
if (staleBuildReason(root) !== null) throw new Error('npm start did not leave a current build');

const first: number[] = [];
const restart: number[] = [];
for (let i = 0; i < RUNS; i++) {
  await withDataDir(async (dir) => {
    first.push(await timeToHealthy(dir, 3900 + i));
    restart.push(await timeToHealthy(dir, 3950 + i));
  });
  console.error(
    `run ${i + 1}: first start ${round(first.at(-1)!)} ms, restart ${round(restart.at(-1)!)} ms`,
  );
}
first.sort((a, b) => a - b);
restart.sort((a, b) => a - b);
console.log(
  JSON.stringify({
    runs: RUNS,
    database: 'pglite',
    command: 'npm start',
    buildMs: round(buildMs, 0),
    firstStartWithoutBuildMs: round(firstWithBuildMs, 0),
    firstStartMedianMs: round(percentile(first, 50), 0),
    restartMedianMs: round(percentile(restart, 50), 0),
  }),
);
