// The real server as a child process, for tests that kill or signal it.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ensureCurrentBuild } from './current-build.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

export interface ChildServer {
  url: string;
  child: ChildProcess;
  /** Everything the process wrote to stderr so far (start-up faults, crashes). */
  stderr(): string;
  /** Resolves when the process has exited, with its code or signal. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Starts the compiled server (`dist/server/main.js`, what `npm start` runs) and
 * resolves once it prints its URL. Compiled, not through tsx: each start would
 * otherwise transform the whole server again, seconds per start on a busy
 * machine, and the node process is the server itself, so a SIGKILL reaches it.
 */
export function startChildServer(
  env: Record<string, string>,
  timeoutMs = 45_000,
  /** Node options before the script (--cpu-prof, which NODE_OPTIONS may not carry). */
  nodeArgs: string[] = [],
): Promise<ChildServer> {
  const inherited = { ...process.env };
  delete inherited.DATABASE_URL; // the test decides which database, not the shell
  delete inherited.DATA_DIR;
  ensureCurrentBuild();
  const child = spawn(
    process.execPath,
    [...nodeArgs, '--enable-source-maps', 'dist/server/main.js'],
    {
      cwd: root,
      env: {
        ...inherited,
        NODE_ENV: 'test',
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'silent',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start within ${timeoutMs} ms\n${stderr}`));
    }, timeoutMs);
    exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`server exited during start-up (${code ?? signal})\n${stderr}`));
    }, reject);
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const port = /altpath is running at http:\/\/[^:\s]+:(\d+)/.exec(stdout)?.[1];
      if (!port) return;
      clearTimeout(timer);
      child.stdout?.removeAllListeners('data');
      child.stdout?.resume(); // keep draining so the child never blocks on a full pipe
      resolve({ url: `http://127.0.0.1:${port}`, child, stderr: () => stderr, exited });
    });
  });
}

/** SIGTERM, then SIGKILL if the process has not exited after `graceMs`. */
export async function stopChildServer(server: ChildServer, graceMs = 15_000) {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return server.exited;
  server.child.kill('SIGTERM');
  const timer = setTimeout(() => server.child.kill('SIGKILL'), graceMs);
  const result = await server.exited;
  clearTimeout(timer);
  return result;
}
