// A machine without Debian's Chromium, and a CHROMIUM_PATH that names no file,
// still runs the browser tests: they fall back to the Chromium shipped inside
// the @sparticuz/chromium package, which signs a dispatcher in here for real.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureClientBuilt, launchChromium, openPage, signIn, testId } from '../support/browser.js';
import { DEBIAN_CHROMIUM, resolveChromium } from '../support/chromium-path.js';
import { bootTestApp, DEMO_PASSWORD, type TestApp } from '../support/test-app.js';

const MISSING = '/nonexistent/altpath-test/chromium';

let app: TestApp;
let browser: Browser | undefined;
const savedPath = process.env.CHROMIUM_PATH;

beforeAll(async () => {
  ensureClientBuilt();
  process.env.CHROMIUM_PATH = MISSING;
  app = await bootTestApp('pglite');
});

afterAll(async () => {
  if (savedPath === undefined) delete process.env.CHROMIUM_PATH;
  else process.env.CHROMIUM_PATH = savedPath;
  await browser?.close();
  await app?.stop();
});

describe('Chromium fallback', () => {
  it('passes over a CHROMIUM_PATH that names no file, saying so', async () => {
    const resolved = await resolveChromium({ debianPath: process.execPath });
    expect(resolved.source).toBe('debian');
    expect(resolved.executablePath).toBe(process.execPath);
    expect(resolved.notes).toEqual([`CHROMIUM_PATH=${MISSING} names no file`]);
  });

  it('uses CHROMIUM_PATH when it names a file', async () => {
    const resolved = await resolveChromium({ chromiumPath: process.execPath });
    expect(resolved).toMatchObject({ source: 'CHROMIUM_PATH', executablePath: process.execPath });
  });

  it('without Debian’s Chromium, signs a dispatcher in with the packaged one', async () => {
    const lookup = { debianPath: `${MISSING}-debian` };
    const resolved = await resolveChromium(lookup);
    expect(resolved.source).toBe('package');
    expect(resolved.executablePath).not.toBe(DEBIAN_CHROMIUM);
    expect(resolved.notes).toEqual([
      `CHROMIUM_PATH=${MISSING} names no file`,
      `${MISSING}-debian is missing`,
    ]);

    browser = await launchChromium(lookup);
    expect(browser.version()).toMatch(/^\d+\./);
    const watched = await openPage(browser, app.url);
    await signIn(watched.page, app.url, 'dispatcher@altpath.local', DEMO_PASSWORD);
    await expect(testId(watched.page, 'connection').getAttribute('data-state')).resolves.toBe(
      'connected',
    );
    expect(watched.problems).toEqual([]);
  }, 90_000);
});
