// The receiving sites' section of the lead's dashboard in real Chromium, on a generated
// history with referrals, declines and care plans: each site's figures as the API gives
// them, declines by reason in words, handover beside the ED offload times with their
// source, and nothing a site typed. Screenshot: test/artifacts/stats-partnership.png.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateHistory } from '../../server/history/generate-history.js';
import { rejectReasonLabels } from '../../shared/referrals.js';
import { expectAccessible } from '../support/axe.js';
import {
  artifactsDir,
  ensureClientBuilt,
  launchChromium,
  openPage,
  signIn,
  testId,
  type WatchedPage,
} from '../support/browser.js';
import { bootTestApp, DEMO_PASSWORD, type TestApp } from '../support/test-app.js';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

let app: TestApp;
let browser: Browser;
let watched: WatchedPage | undefined;

beforeAll(async () => {
  ensureClientBuilt();
  [app, browser] = await Promise.all([bootTestApp('pglite'), launchChromium()]);
  await generateHistory(app.server.db, {
    calls: 2_500,
    months: 8,
    seed: 31,
    endDate: '2026-05-01',
    timeZone: 'America/Toronto',
    roadSpeedKmh: 40,
    offerTimeoutS: 120,
  });
}, 240_000);

afterAll(async () => {
  await watched?.context.close();
  await browser?.close();
  await app?.stop();
});

describe('receiving sites on the statistics dashboard (Chromium)', () => {
  it('shows acceptance, declines in words, handover against ED offload, outcomes', async () => {
    const period = 'from=2025-09-01&to=2026-04-30';
    const lead = await app.as('lead');
    const api = (await lead('GET', `/api/stats/referrals?${period}`)).body;
    const typed = (await app.server.db
      .query('referrals')
      .whereNotNull('reject_text')
      .distinct()
      .pluck('reject_text')) as string[];
    expect(typed.length).toBeGreaterThan(0);

    watched = await openPage(browser, app.url, {
      viewport: { width: 1440, height: 900 },
      locale: 'en-US',
      timezoneId: 'America/Toronto',
    });
    const page = watched.page;
    await signIn(page, app.url, 'lead@altpath.local', DEMO_PASSWORD);
    await page.goto(`${app.url}/stats.html?${period}`);
    const section = testId(page, 'partnership');
    await testId(page, 'partnership-sites').waitFor({ timeout: 60_000 });

    const rows = testId(page, 'partner-site');
    await expect(rows.count()).resolves.toBe(api.sites.length);
    for (const site of api.sites) {
      const row = page.locator(`[data-testid="partner-site"][data-site="${site.name}"]`);
      const cells = await row.locator('td').allInnerTexts();
      expect(cells[0]).toBe(site.requested.toLocaleString('en-US'));
      expect(cells[2]).toBe(site.rejected.toLocaleString('en-US'));
      await expect(row.locator('[data-testid="acceptance-rate"]').innerText()).resolves.toBe(
        new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 1 }).format(
          site.acceptanceRate,
        ),
      );
    }
    await expect(testId(page, 'partner-total').locator('th').innerText()).resolves.toBe(
      'All sites',
    );

    // Declines by the reason's words, never its code or what the site typed.
    const reasons = await testId(page, 'rejection-reasons').innerText();
    expect(reasons).toContain(rejectReasonLabels.at_capacity);
    const words = await section.innerText();
    expect(words).not.toContain('at_capacity');
    for (const text of typed) expect(words).not.toContain(text);

    // Handover beside the published ED offload times, with their source.
    const bars = await testId(page, 'handover-vs-offload').innerText();
    expect(bars).toContain('Ontario EDs, provincial average');
    expect(bars).toContain('24 min');
    expect(bars).toContain('90 min');
    await expect(
      testId(page, 'offload-source').locator('a').getAttribute('href'),
    ).resolves.toContain('ontario-ambulance-offload-delays-worse-than-before-pandemic');
    await expect(testId(page, 'referral-outcomes').innerText()).resolves.toContain(
      'Admitted to a crisis bed',
    );
    await expect(page.locator('#referrals-csv').getAttribute('href')).resolves.toBe(
      `/api/stats/referrals.csv?${period}`,
    );

    mkdirSync(artifactsDir, { recursive: true });
    await section.screenshot({ path: path.join(artifactsDir, 'stats-partnership.png') });
    await expectAccessible(page, 'statistics: receiving sites');
    expect(watched.problems).toEqual([]);
  }, 120_000);
});
