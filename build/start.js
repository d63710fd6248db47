// `npm start`: runs the compiled server (dist/server/main.js) in this process,
// building first only when the build is missing or stale. The build runs in a
// child process, so no TypeScript compiler is ever loaded where the server
// runs, and a current build is only read: a read-only install starts as is.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { staleBuildReason } from './fingerprint.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const stale = staleBuildReason(root);
if (stale) {
  process.stderr.write(`altpath: building first (${stale})\n`);
  const build = spawnSync(process.execPath, ['--import', 'tsx', 'build/build.ts'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (build.status !== 0) {
    process.stderr.write('altpath: the build failed; nothing was started\n');
    process.exit(build.status ?? 1);
  }
}
// Source maps are not switched on here: with them on, the first stack any package
// reads while loading makes Node parse the 1.8 MB of maps, about 0.45 s of a
// restart's 4.2 s of CPU (measured 2026-12-02). The bundle keeps its names, so a
// trace still reads; `NODE_OPTIONS=--enable-source-maps npm start` maps it to the
// TypeScript lines when an operator needs them.
await import(pathToFileURL(path.join(root, 'dist', 'server', 'main.js')).href);
