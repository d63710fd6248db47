// Real Chromium for browser tests through playwright-core: CHROMIUM_PATH,
// Debian's /usr/bin/chromium or the package-shipped one (chromium-path.ts).
// Nothing here downloads a browser.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Page,
} from 'playwright-core';
import { resolveChromium, type ChromiumLookup } from './chromium-path.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
export const artifactsDir = path.join(root, 'test', 'artifacts');

export async function launchChromium(lookup: ChromiumLookup = {}): Promise<Browser> {
  const { executablePath, source, notes } = await resolveChromium(lookup);
  // Say which browser stood in, so a fallback is never silent.
  if (notes.length > 0) console.warn(`${notes.join('; ')}: using ${source} ${executablePath}`);
  return chromium.launch({
    executablePath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-quic',
      '--no-first-run',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Builds dist/ (`npm run build`) when it is missing or stale: the pages the tests serve. */
export { ensureCurrentBuild as ensureClientBuilt } from './current-build.js';

export interface WatchedPage {
  page: Page;
  context: BrowserContext;
  /** Console errors, page errors and CSP violations (off-origin loads such as map tiles excluded). */
  problems: string[];
  /** Every alert/confirm/prompt the page opened (an XSS payload would open one). */
  dialogs: string[];
}

/**
 * A new context and page for one user. Requests leaving the app's origin (map
 * tiles) are aborted, so the test never needs a network; their failures are
 * expected and not counted as problems.
 */
export async function openPage(
  browser: Browser,
  appUrl: string,
  options: BrowserContextOptions = {},
): Promise<WatchedPage> {
  const origin = new URL(appUrl).origin;
  const context = await browser.newContext(options);
  await context.route(
    (url) => url.origin !== origin,
    (route) => route.abort(),
  );
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(
        `CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || 'inline'}`,
      );
    });
  });
  const page = await context.newPage();
  const watched: WatchedPage = { page, context, problems: [], dialogs: [] };
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const at = message.location().url;
    if (at && !at.startsWith(origin)) return; // a tile (or other off-origin load) failed: expected offline
    watched.problems.push(`${page.url()}: ${message.text()}${at ? ` (${at})` : ''}`);
  });
  page.on('pageerror', (error) =>
    watched.problems.push(`${page.url()}: uncaught ${error.message}`),
  );
  page.on('dialog', (dialog) => {
    watched.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    // The page may close before the dialog does; the dialog is recorded either way.
    dialog.dismiss().catch(() => undefined);
  });
  return watched;
}

export async function signIn(
  page: Page,
  appUrl: string,
  email: string,
  password: string,
): Promise<void> {
  await page.goto(`${appUrl}/`);
  await page.fill('input[name=email]', email);
  await page.fill('input[name=password]', password);
  await Promise.all([
    page.waitForURL((url) => url.pathname !== '/' && url.pathname !== '/index.html'),
    page.click('button[type=submit]'),
  ]);
  await page.locator('[data-testid=connection][data-state=connected]').waitFor();
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(artifactsDir, { recursive: true });
  const file = path.join(artifactsDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** The element a test hooks onto: `data-testid`, stable across restyling. */
export const testId = (page: Page, id: string) => page.locator(`[data-testid="${id}"]`);
