// vitest global setup, once before any worker starts: a current build in dist/
// (the pages and the compiled server the tests serve and start), and the
// Chromium the browser tests drive settled, so the packaged one (when it is
// needed) is inflated here and not inside a test hook two workers race on.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { staleBuildReason } from '../../build/fingerprint.js';
import { resolveChromium } from './chromium-path.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

export default async function setup(): Promise<void> {
  const stale = staleBuildReason(root);
  if (stale) {
    console.warn(`building dist/ for the tests (${stale})`);
    execFileSync(process.execPath, ['--import', 'tsx', 'build/build.ts'], {
      cwd: root,
      stdio: 'inherit',
    });
  }
  const { executablePath, source, notes } = await resolveChromium();
  if (source !== 'debian' || notes.length > 0) {
    console.warn(`browser tests use ${source} Chromium ${executablePath} (${notes.join('; ')})`);
  }
}
