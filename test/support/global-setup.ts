// vitest global setup, once before any worker starts: a current build in dist/
// (the pages and the compiled server the tests serve and start), and the
// Chromium the browser tests drive settled, so the packaged one (when it is
// needed) is inflated here and not inside a test hook two workers race on; and
// the migrated PostgreSQL template the test databases copy, made before any
// suite waits for it.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { staleBuildReason } from '../../build/fingerprint.js';
import { resolveChromium } from './chromium-path.js';
import { ensurePostgresTemplate } from './postgres-template.js';

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
  if (process.env.TEST_DATABASE_URL) await ensurePostgresTemplate(process.env.TEST_DATABASE_URL);
  const { executablePath, source, notes } = await resolveChromium();
  if (source !== 'debian' || notes.length > 0) {
    console.warn(`browser tests use ${source} Chromium ${executablePath} (${notes.join('; ')})`);
  }
}
