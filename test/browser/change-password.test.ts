// A user changes their own password from the header, in real Chromium: the current password is
// required (a wrong one is said beside its field), the other sessions end, this one stays, and
// the change is audited.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from '../support/axe.js';
import {
  ensureClientBuilt,
  launchChromium,
  openPage,
  screenshot,
  signIn,
  testId,
} from '../support/browser.js';
import { bootTestApp, DEMO_PASSWORD, type TestApp } from '../support/test-app.js';

let app: TestApp;
let browser: Browser;

beforeAll(async () => {
  ensureClientBuilt();
  [app, browser] = await Promise.all([bootTestApp('pglite'), launchChromium()]);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('changing one’s own password', () => {
  it('needs the current password, ends the other sessions, keeps this one, and is audited', async () => {
    const other = await app.request('POST', '/api/auth/login', {
      body: { email: 'lead@altpath.local', password: DEMO_PASSWORD },
    });
    expect(other.status).toBe(200);
    const otherToken = other.body.token as string;

    const watched = await openPage(browser, app.url, { viewport: { width: 1440, height: 900 } });
    const page = watched.page;
    try {
      await signIn(page, app.url, 'lead@altpath.local', DEMO_PASSWORD);
      await testId(page, 'change-password').click();
      const form = testId(page, 'password-form');
      await form.waitFor();
      await expectAccessible(page, 'change password dialog');

      await page.fill('input[name=currentPassword]', 'not my password');
      await page.fill('input[name=newPassword]', 'a-new-passphrase-2026');
      await page.fill('input[name=repeatPassword]', 'a-new-passphrase-2026');
      await testId(page, 'password-submit').click();
      const currentError = page.locator('[data-error-for="currentPassword"]');
      await expect
        .poll(() => currentError.textContent())
        .toBe('The current password is not correct');
      await expectAccessible(page, 'change password dialog, wrong current password');
      await screenshot(page, 'change-password-wrong');
      // Still signed in elsewhere after a refused change.
      expect((await app.request('GET', '/api/me', { token: otherToken })).status).toBe(200);

      await page.fill('input[name=currentPassword]', DEMO_PASSWORD);
      await testId(page, 'password-submit').click();
      await expect
        .poll(() => page.locator('#notice').textContent())
        .toBe('Password changed. 1 other session signed out.');
      expect(await form.isVisible()).toBe(false);
      // The other session has ended; this page still works.
      expect((await app.request('GET', '/api/me', { token: otherToken })).status).toBe(401);
      expect(await page.evaluate(async () => (await fetch('/api/me')).status)).toBe(200);
    } finally {
      await watched.context.close();
    }
    expect(watched.problems.filter((line) => !line.includes('400 (Bad Request)'))).toEqual([]);

    // The new password signs in; the old one does not.
    const oldOne = await app.request('POST', '/api/auth/login', {
      body: { email: 'lead@altpath.local', password: DEMO_PASSWORD },
    });
    expect(oldOne.status).toBe(401);
    const newOne = await app.request('POST', '/api/auth/login', {
      body: { email: 'lead@altpath.local', password: 'a-new-passphrase-2026' },
    });
    expect(newOne.status).toBe(200);

    const admin = await app.as('admin');
    const audit = await admin('GET', '/api/audit?action=auth:password_changed');
    expect(audit.status).toBe(200);
    expect(audit.body.entries).toHaveLength(1);
    expect(audit.body.entries[0].details.sessionsEnded).toEqual([expect.any(String)]);
    const refused = await admin('GET', '/api/audit?action=auth:password_change_failed');
    expect(refused.body.entries).toHaveLength(1);
  }, 90_000);

  it('refuses a short or unchanged password in words, and anyone signed out', async () => {
    const dispatcher = await app.as('dispatcher');
    const short = await dispatcher('POST', '/api/me/password', {
      currentPassword: DEMO_PASSWORD,
      newPassword: 'short',
    });
    expect(short.status).toBe(400);
    expect(short.body.error.issues).toEqual([
      { path: 'newPassword', message: 'New password must be at least 12 characters' },
    ]);
    const same = await dispatcher('POST', '/api/me/password', {
      currentPassword: DEMO_PASSWORD,
      newPassword: DEMO_PASSWORD,
    });
    expect(same.status).toBe(400);
    expect(same.body.error.issues[0].path).toBe('newPassword');
    const anonymous = await app.request('POST', '/api/me/password', {
      body: { currentPassword: DEMO_PASSWORD, newPassword: 'another-long-one-2026' },
    });
    expect(anonymous.status).toBe(401);
  });
});
