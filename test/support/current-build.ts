// A current build in dist/ (`npm run build`), made when it is missing or stale. vitest's
// global setup has made it once already; this is for a test file run on its own.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { staleBuildReason } from '../../build/fingerprint.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

export function ensureCurrentBuild(): void {
  if (staleBuildReason(root) === null) return;
  execFileSync(process.execPath, ['--import', 'tsx', 'build/build.ts'], {
    cwd: root,
    stdio: 'inherit',
  });
}
