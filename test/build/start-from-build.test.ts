// `npm start` on a copy of the project that has never been built: it builds,
// then serves from the build. The same copy then starts again read-only, with
// tsx, esbuild and TypeScript taken out of its node_modules: a current build is
// only read, and the started server needs no TypeScript compiler at all (none
// of its processes runs one). A changed source makes the build stale; a
// touched file alone does not.
import { spawn, type ChildProcess } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { staleBuildReason, STAMP } from '../../build/fingerprint.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const COPIED = ['server', 'client', 'seeds', 'shared', 'build', 'rules'];
const COPIED_FILES = ['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.base.json'];
const COMPILERS = ['tsx', 'esbuild', '@esbuild', 'typescript', '.bin'];

const work = mkdtempSync(path.join(tmpdir(), 'altpath-start-'));
const copy = path.join(work, 'app');
const started: ChildProcess[] = [];

afterAll(() => {
  for (const child of started) stopGroup(child, 'SIGKILL');
  if (process.getuid?.() !== 0) restoreWriteBits(work);
  rmSync(work, { recursive: true, force: true });
});

function restoreWriteBits(dir: string): void {
  chmodSync(dir, 0o755);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) restoreWriteBits(path.join(dir, entry.name));
  }
}

/** The project's sources (no dist/), and node_modules as links to ours, less `without`. */
function layOut(without: string[] = []): void {
  rmSync(copy, { recursive: true, force: true });
  mkdirSync(copy, { recursive: true });
  for (const dir of COPIED.filter((d) => existsSync(path.join(root, d)))) {
    cpSync(path.join(root, dir), path.join(copy, dir), {
      recursive: true,
      filter: (source) => path.basename(source) !== 'dist',
    });
  }
  for (const file of COPIED_FILES) cpSync(path.join(root, file), path.join(copy, file));
  linkNodeModules(without);
}

function linkNodeModules(without: string[]): void {
  const modules = path.join(copy, 'node_modules');
  rmSync(modules, { recursive: true, force: true });
  mkdirSync(modules);
  for (const entry of readdirSync(path.join(root, 'node_modules'))) {
    if (without.includes(entry)) continue;
    symlinkSync(path.join(root, 'node_modules', entry), path.join(modules, entry));
  }
}

function stopGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    /* already gone */
  }
}

interface Started {
  url: string;
  child: ChildProcess;
  output: () => string;
}

/** `npm start` in the copy (optionally through a wrapper command), until it prints its URL. */
function npmStart(dataDir: string, wrapper: string[] = []): Promise<Started> {
  const inherited = { ...process.env };
  delete inherited.DATABASE_URL;
  delete inherited.NODE_OPTIONS; // nothing preloaded: the server runs as a user would start it
  const command = [...wrapper, 'npm', 'start'];
  const child = spawn(command[0]!, command.slice(1), {
    cwd: copy,
    detached: true, // its own process group, so npm and the server stop together
    env: { ...inherited, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child);
  let output = '';
  const collect = (chunk: Buffer) => (output += chunk.toString());
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  return new Promise((resolve, reject) => {
    child.once('exit', (code, signal) =>
      reject(new Error(`npm start exited (${code ?? signal})\n${output}`)),
    );
    child.stdout!.on('data', () => {
      const port = /altpath is running at http:\/\/[^:\s]+:(\d+)/.exec(output)?.[1];
      if (port) resolve({ url: `http://127.0.0.1:${port}`, child, output: () => output });
    });
  });
}

async function stop(server: Started): Promise<void> {
  const exited = new Promise((resolve) => server.child.once('exit', resolve));
  stopGroup(server.child, 'SIGTERM');
  await exited;
}

/** Every process in the group npm start made, with its command line. */
function commandLines(group: number): string[] {
  const lines: string[] = [];
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const pgrp = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
      if (pgrp !== group) continue;
      lines.push(readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim());
    } catch {
      /* exited meanwhile */
    }
  }
  return lines;
}

async function healthy(url: string): Promise<void> {
  const response = await fetch(`${url}/api/health`);
  expect(response.status).toBe(200);
  const page = await fetch(`${url}/`);
  expect(page.headers.get('cache-control')).toBe('no-cache');
  expect(await page.text()).toMatch(/\/assets\/login-page-[A-Z0-9]{8}\.js/);
}

function dropWriteBits(dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isSymbolicLink()) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) dropWriteBits(full);
    chmodSync(full, entry.isDirectory() ? 0o555 : 0o444);
  }
  chmodSync(dir, 0o555);
}

/** Read-only as the server sees it: a read-only bind mount (root), or no write bits. */
function readOnlyWrapper(): string[] {
  if (process.getuid?.() !== 0) return [];
  const script = `mount --bind "$0" "$0" && mount -o remount,bind,ro "$0" && exec "$@"`;
  return ['unshare', '-m', '--propagation', 'private', 'sh', '-c', script, copy];
}

describe('npm start', () => {
  it('builds when there is no build, then runs read-only without a TypeScript compiler', async () => {
    layOut();
    expect(staleBuildReason(copy)).toBe('there is no build yet');

    const first = await npmStart(path.join(work, 'data-1'));
    expect(first.output()).toContain('building first (there is no build yet)');
    await healthy(first.url);
    await stop(first);
    expect(staleBuildReason(copy)).toBeNull();
    const stamp = readFileSync(path.join(copy, STAMP), 'utf8');

    linkNodeModules(COMPILERS);
    expect(existsSync(path.join(copy, 'node_modules', 'tsx'))).toBe(false);
    const wrapper = readOnlyWrapper();
    if (wrapper.length === 0) dropWriteBits(copy);
    const again = await npmStart(path.join(work, 'data-2'), wrapper);
    expect(again.output()).not.toContain('building first');
    await healthy(again.url);
    const lines = commandLines(again.child.pid!);
    expect(lines.some((line) => line.includes('build/start.js'))).toBe(true);
    expect(lines.filter((line) => /tsx|esbuild|typescript|\btsc\b/.test(line))).toEqual([]);
    await stop(again);
    expect(readFileSync(path.join(copy, STAMP), 'utf8')).toBe(stamp); // read, not rebuilt
  }, 300_000);

  it('calls a build stale when a source changes, not when a file is only touched', () => {
    expect(staleBuildReason(copy)).toBeNull();
    const main = path.join(copy, 'server', 'main.ts');
    utimesSync(main, new Date(), new Date(Date.now() + 60_000));
    expect(staleBuildReason(copy)).toBeNull();
    writeFileSync(main, `${readFileSync(main, 'utf8')}\n// changed\n`);
    expect(staleBuildReason(copy)).toBe('the sources changed since the build');
  });
});
