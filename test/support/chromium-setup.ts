// vitest global setup: settle which Chromium the browser tests drive before any
// worker starts, so the packaged one (when it is needed) is inflated once, here,
// and not inside a test hook that two workers race on a busy machine.
import { resolveChromium } from './chromium-path.js';

export default async function setup(): Promise<void> {
  const { executablePath, source, notes } = await resolveChromium();
  if (source !== 'debian' || notes.length > 0) {
    console.warn(`browser tests use ${source} Chromium ${executablePath} (${notes.join('; ')})`);
  }
}
