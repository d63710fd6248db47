// Start-up time to a healthy server on the embedded database: from spawning the
// process to the first 200 from /api/health, median of 5, for a first start
// (empty DATA_DIR: migrate and seed) and for a restart on the same data.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { percentile, round } from './support.js';

const RUNS = Number(process.argv[2] ?? 5);

async function timeToHealthy(dataDir: string, port: number): Promise<number> {
  const started = performance.now();
  const inherited = { ...process.env };
  delete inherited.DATABASE_URL;
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: {
      ...inherited,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
    },
    stdio: 'ignore',
  });
  try {
    for (;;) {
      const ok = await fetch(`http://127.0.0.1:${port}/api/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) return performance.now() - started;
      if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  } finally {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
}

const first: number[] = [];
const restart: number[] = [];
for (let i = 0; i < RUNS; i++) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'altpath-startup-'));
  try {
    first.push(await timeToHealthy(dataDir, 3900 + i));
    restart.push(await timeToHealthy(dataDir, 3950 + i));
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
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
    firstStartMedianMs: round(percentile(first, 50), 0),
    restartMedianMs: round(percentile(restart, 50), 0),
  }),
);
