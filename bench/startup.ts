// Start-up time of `npm start` to a healthy server on the embedded database:
// from spawning `npm start` to the first 200 from /api/health, median of RUNS,
// for a first start (empty DATA_DIR: migrate and seed) and a restart on the
// same data, both from a current build; and once a first start with no build
// (`npm start` builds first), as a newcomer's first `npm start` would be.
// Beside each time, the CPU its processes used, which a busy machine inflates less.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { staleBuildReason, STAMP } from '../build/fingerprint.js';
import { percentile, round } from './support.js';

const RUNS = Number(process.argv[2] ?? 5);
const root = fileURLToPath(new URL('..', import.meta.url));

/** CPU time (user + system) of every process in a group so far, from /proc: load-independent. */
function groupCpuMs(group: number): number {
  let ticks = 0;
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) !== group) continue;
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime
    } catch {
      /* exited meanwhile */
    }
  }
  return ticks * 10; // USER_HZ is 100 on Linux
}

interface Timing {
  ms: number;
  cpuMs: number;
}

async function timeToHealthy(dataDir: string, port: number): Promise<Timing> {
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
      if (ok) return { ms: performance.now() - started, cpuMs: groupCpuMs(child.pid!) };
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

const first: Timing[] = [];
const restart: Timing[] = [];
for (let i = 0; i < RUNS; i++) {
  await withDataDir(async (dir) => {
    first.push(await timeToHealthy(dir, 3900 + i));
    restart.push(await timeToHealthy(dir, 3950 + i));
  });
  console.error(
    `run ${i + 1}: first start ${round(first.at(-1)!.ms)} ms (CPU ${first.at(-1)!.cpuMs} ms), restart ${round(restart.at(-1)!.ms)} ms (CPU ${restart.at(-1)!.cpuMs} ms)`,
  );
}
const median = (timings: Timing[], key: keyof Timing) =>
  round(
    percentile(
      timings.map((t) => t[key]).sort((a, b) => a - b),
      50,
    ),
    0,
  );
console.log(
  JSON.stringify({
    runs: RUNS,
    database: 'pglite',
    command: 'npm start',
    buildMs: round(buildMs, 0),
    firstStartWithoutBuildMs: round(firstWithBuildMs.ms, 0),
    firstStartMedianMs: median(first, 'ms'),
    firstStartCpuMedianMs: median(first, 'cpuMs'),
    restartMedianMs: median(restart, 'ms'),
    restartCpuMedianMs: median(restart, 'cpuMs'),
  }),
);
