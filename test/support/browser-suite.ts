// The set-up every browser test file shares: a build in dist/, the real app on a
// PGlite database of its own and one Chromium, started side by side before the
// file's tests and stopped after them; pages opened through it are watched
// (browser.ts) and pictured when a test fails.
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import {
  ensureClientBuilt,
  launchChromium,
  openPage,
  screenshot,
  signIn,
  type WatchedPage,
} from './browser.js';
import { bootTestApp, DEMO_PASSWORD, type DemoUser, type TestApp } from './test-app.js';

/** The console's size. */
export const DESKTOP: BrowserContextOptions = { viewport: { width: 1440, height: 900 } };
/** A crew's phone: 390×844, with touch. */
export const PHONE: BrowserContextOptions = {
  viewport: { width: 390, height: 844 },
  isMobile: true,
  hasTouch: true,
};

/**
 * The Undo hold of a crew step in browser tests: 1 s, not 5 (STEP_UNDO_S), so a
 * call walked to completion does not wait 20 s. The phone's tests check the 5 s
 * default on a server left at it.
 */
export const TEST_STEP_UNDO_S = '1';

export interface BrowserSuite {
  readonly app: TestApp;
  readonly browser: Browser;
  /** Every page opened through `open`, for the pictures taken when a test fails. */
  readonly pages: WatchedPage[];
  /** A new context and watched page. */
  open(options?: BrowserContextOptions): Promise<WatchedPage>;
  /** Signs a demo user in on `page` (its live connection up). */
  signIn(page: Page, user: DemoUser): Promise<void>;
  /** Runs `run`; when it fails, leaves a picture of every open page (failure-<name>-<n>.png). */
  withPictures(name: string, run: () => Promise<void>): Promise<void>;
}

export interface BrowserSuiteOptions {
  /** Configuration for the app, over the test defaults. */
  env?: Record<string, string>;
  /** Runs once the app and Chromium are up (history to load, pages to sign in). */
  setUp?: (suite: BrowserSuite) => Promise<void>;
  /** For the set-up: booting, launching and `setUp` together, on a loaded machine. */
  timeoutMs?: number;
}

/** Registers the file's beforeAll and afterAll; the returned suite is usable inside tests. */
export function useBrowserSuite(options: BrowserSuiteOptions = {}): BrowserSuite {
  let app: TestApp | undefined;
  let browser: Browser | undefined;
  const pages: WatchedPage[] = [];
  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is not started: use it inside a test`);
    return value;
  };

  const suite: BrowserSuite = {
    get app() {
      return started(app, 'the app');
    },
    get browser() {
      return started(browser, 'Chromium');
    },
    pages,
    async open(contextOptions = {}) {
      const watched = await openPage(suite.browser, suite.app.url, contextOptions);
      pages.push(watched);
      return watched;
    },
    signIn: (page, user) => signIn(page, suite.app.url, `${user}@altpath.local`, DEMO_PASSWORD),
    async withPictures(name, run) {
      try {
        await run();
      } catch (err) {
        await Promise.all(
          pages
            .filter((w) => !w.page.isClosed())
            .map((w, i) => screenshot(w.page, `failure-${name}-${i}`).catch(() => undefined)),
        );
        throw err;
      }
    },
  };

  beforeAll(async () => {
    ensureClientBuilt();
    // Side by side; whichever started is kept, so afterAll stops it when the other failed.
    const [booted, launched] = await Promise.allSettled([
      bootTestApp('pglite', { env: { STEP_UNDO_S: TEST_STEP_UNDO_S, ...options.env } }),
      launchChromium(),
    ]);
    if (booted.status === 'fulfilled') app = booted.value;
    if (launched.status === 'fulfilled') browser = launched.value;
    if (booted.status === 'rejected') throw booted.reason;
    if (launched.status === 'rejected') throw launched.reason;
    await options.setUp?.(suite);
  }, options.timeoutMs ?? 180_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  return suite;
}
