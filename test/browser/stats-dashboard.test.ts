// The service lead's statistics dashboard in real Chromium: a small hand-built
// history with known figures (tiles, charts, safety panel, CSV, filters, empty
// state), then a generated year on the default view. Screenshots of both land in
// test/artifacts.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateHistory } from '../../server/history/generate-history.js';
import { patientRefFactory } from '../../server/stats/deidentify-row.js';
import {
  ensureClientBuilt,
  launchChromium,
  openPage,
  screenshot,
  signIn,
  testId,
  type WatchedPage,
} from '../support/browser.js';
import { expectAccessible } from '../support/axe.js';
import { bootTestApp, DEMO_PASSWORD, testConfig, type TestApp } from '../support/test-app.js';
import {
  at,
  buildAttendance,
  buildCall,
  hours,
  insertHistory,
  SECRET_ADDRESS,
  SECRET_NOTE,
} from '../stats/history-factory.js';

const KEY_RECONTACTED = 'HC-4402-118';
const KEY_OTHER = 'HC-7781-002';
const OVERRIDE_REASON = 'Family insists on the ED';
const CHARTS = ['chart-diversion', 'chart-pathway', 'chart-outcome', 'chart-processing'];

let app: TestApp;
let browser: Browser;
const pages: WatchedPage[] = [];

beforeAll(async () => {
  ensureClientBuilt();
  [app, browser] = await Promise.all([bootTestApp('pglite'), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const tileValue = (page: Page, key: string) => testId(page, `tile-${key}-value`);

/**
 * June 2025 (outside the generated year), seven calls, six attendances:
 * A home visit treated in place whose patient calls again 30 h later (A2, referred);
 * a crisis-centre transport; a CP@clinic transport without a patient key; a home
 * visit overridden to the ED (a missed opportunity); an ED call transported to the
 * ED; and a call never dispatched. Processing: 20, 40, 50, 70, 90, 30 s.
 */
async function insertKnownHistory(): Promise<void> {
  const t = '2025-06-10T14:00:00Z';
  const dispatched = (received: Date, seconds: number) =>
    new Date(received.getTime() + seconds * 1000);
  const a = buildCall({
    received_at: at(t),
    patient_key: KEY_RECONTACTED,
    first_dispatched_at: at(t, 20),
  });
  const aDone = at(t, 20 + 600 + 2400);
  const a2Received = new Date(aDone.getTime() + hours(30) * 1000);
  const a2 = buildCall({
    received_at: a2Received,
    patient_key: KEY_RECONTACTED,
    first_dispatched_at: dispatched(a2Received, 40),
  });
  const b = buildCall({
    received_at: at(t, 600),
    recommended_disposition: 'crisis_centre',
    patient_key: KEY_OTHER,
    first_dispatched_at: at(t, 650),
  });
  const c = buildCall({
    received_at: at(t, 1200),
    recommended_disposition: 'cp_clinic',
    first_dispatched_at: at(t, 1270),
  });
  const d = buildCall({
    received_at: at(t, 1800),
    recommended_disposition: 'home_visit',
    disposition: 'emergency_department',
    first_dispatched_at: at(t, 1890),
  });
  const e = buildCall({
    received_at: at(t, 2400),
    recommended_disposition: 'emergency_department',
    first_dispatched_at: at(t, 2430),
  });
  const f = buildCall({ received_at: at(t, 3000), status: 'pending', first_dispatched_at: null });
  await insertHistory(app.server.db, {
    calls: [a, a2, b, c, d, e, f],
    attendances: [
      buildAttendance(a, { outcome: 'treated_in_place' }),
      buildAttendance(a2, { outcome: 'referred' }),
      buildAttendance(b, { outcome: 'transported_crisis_centre' }),
      buildAttendance(c, { outcome: 'transported_cp_clinic' }),
      buildAttendance(d, {
        overridden: true,
        override_reason: OVERRIDE_REASON,
        override_category: 'patient_preference',
        disposition: 'emergency_department',
        outcome: 'transported_ed',
      }),
      buildAttendance(e, { outcome: 'transported_ed' }),
    ],
  });
}

async function waitForDashboard(page: Page, state: 'ready' | 'empty' = 'ready'): Promise<void> {
  await page.locator(`[data-testid="stats"][data-state="${state}"]`).waitFor({ timeout: 60_000 });
}

/** Chart.js has drawn each canvas, and each holds more than a few painted pixels. */
async function expectChartsPainted(page: Page): Promise<void> {
  for (const id of CHARTS) {
    await page.locator(`[data-testid="${id}"][data-rendered="true"]`).waitFor({ timeout: 30_000 });
    await expect
      .poll(
        () =>
          page.evaluate((testid) => {
            const canvas = document.querySelector<HTMLCanvasElement>(`[data-testid="${testid}"]`);
            const context = canvas?.getContext('2d');
            if (!canvas || !context || canvas.width === 0 || canvas.height === 0) return 0;
            const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
            let painted = 0;
            for (let i = 3; i < pixels.length; i += 4) if (pixels[i]! > 0) painted++;
            return painted;
          }, id),
        { timeout: 30_000, message: `${id} is blank` },
      )
      .toBeGreaterThan(2_000);
  }
}

describe('statistics dashboard in Chromium', () => {
  it('shows the figures, charts, safety lists and CSV of a known history', async () => {
    await insertKnownHistory();
    const watched = await openPage(browser, app.url, {
      viewport: { width: 1440, height: 900 },
      locale: 'en-US',
      timezoneId: 'America/Toronto',
    });
    pages.push(watched);
    const page = watched.page;
    try {
      await signIn(page, app.url, 'lead@altpath.local', DEMO_PASSWORD);
      // The lead view links to the dashboard. Its default covers the data: the history
      // is in June 2025, so the period ends on its last day and starts on its first.
      await Promise.all([
        page.waitForURL((url) => url.pathname === '/stats.html'),
        page.getByRole('link', { name: 'Statistics' }).click(),
      ]);
      await waitForDashboard(page);
      const byDefault = new URL(page.url()).searchParams;
      expect(byDefault.get('from')).toBe('2025-06-10');
      expect(byDefault.get('to')! >= '2025-06-11').toBe(true);
      await expect(tileValue(page, 'calls').textContent()).resolves.toBe('7');
      await expectAccessible(page, 'statistics: default period');

      // A period without calls: an empty state, not a broken chart.
      await page.goto(`${app.url}/stats.html?from=2024-01-01&to=2024-01-31`);
      await waitForDashboard(page, 'empty');
      await expect(testId(page, 'stats-status').textContent()).resolves.toContain(
        'No calls in this period',
      );
      await expect(tileValue(page, 'diversion-rate').textContent()).resolves.toBe('—');
      await expectAccessible(page, 'statistics: empty period');

      await page.goto(`${app.url}/stats.html?from=2025-06-01&to=2025-06-30&bucket=week`);
      await waitForDashboard(page);
      const expected: Record<string, string> = {
        calls: '7',
        attendances: '6',
        diverted: '4',
        'diversion-rate': '66.7%',
        'ed-avoided': '4',
        'override-rate': '16.7%',
        'recontact-rate': '33.3%',
        missed: '1',
        'processing-p50': '40 s',
        'processing-p90': '90 s',
        'within-60s': '66.7%',
        'to-scene-p50': '10 min',
        'on-scene-p50': '40 min',
      };
      for (const [key, value] of Object.entries(expected)) {
        await expect(tileValue(page, key).textContent(), key).resolves.toBe(value);
      }
      // 4 × CAD 276, the service's own currency spelled out (Intl puts a no-break space after it).
      expect((await tileValue(page, 'cost-avoided').textContent())?.replace(/\s/g, ' ')).toBe(
        'CAD 1,104',
      );
      await expect(testId(page, 'tile-recontact-rate').textContent()).resolves.toContain(
        '1 of 3 diverted with a patient key; 1 without a key',
      );
      await expect(testId(page, 'range').textContent()).resolves.toContain(
        'Jun 1, 2025 – Jun 30, 2025',
      );

      await expectChartsPainted(page);
      await expect(
        page.locator('[data-testid="chart-processing"]').getAttribute('aria-label'),
      ).resolves.toContain('66.7% within 60 s');

      // Safety panel: each list opens to its de-identified calls.
      const ref = patientRefFactory(testConfig().SESSION_SECRET)(KEY_RECONTACTED)!;
      await expect(testId(page, 'recontacts-count').textContent()).resolves.toBe('1 of 3 (33.3%)');
      await page.locator('[data-testid="recontacts"] summary').click();
      const recontactRows = page.locator(
        '[data-testid="recontacts-body"] [data-testid="safety-row"]',
      );
      await recontactRows.first().waitFor();
      expect(await recontactRows.count()).toBe(1);
      const recontactText = (await recontactRows.first().textContent()) ?? '';
      expect(recontactText).toContain(ref);
      expect(recontactText).toMatch(/42\.99, -81\.24/);
      expect(recontactText).toContain('after 30 h');

      await expect(testId(page, 'missed-count').textContent()).resolves.toBe('1');
      await page.locator('[data-testid="missed"] summary').click();
      const missedRows = page.locator('[data-testid="missed-body"] [data-testid="safety-row"]');
      await missedRows.first().waitFor();
      expect(await missedRows.count()).toBe(1);
      const missedText = (await missedRows.first().textContent()) ?? '';
      // The category, never the dispatcher's own words.
      expect(missedText).toContain('Dispatcher override (Patient or family preference)');
      expect(missedText).not.toContain(OVERRIDE_REASON);
      expect(missedText).toContain('Home visit → Emergency department');
      expect(missedText).toContain('no key');

      await page.locator('[data-testid="definitions"] summary').click();
      const definitions = (await testId(page, 'definitions').textContent()) ?? '';
      expect(definitions.replace(/\s+/g, ' ')).toContain(
        'A CP attendance is a completed assignment. It is diverted when its outcome is anything but “transported to the ED”.',
      );
      expect((await testId(page, 'cost-setting').textContent())?.replace(/\s/g, ' ')).toContain(
        'CAD 276 per ED transport avoided',
      );
      expect(await testId(page, 'cost-source').textContent()).toContain(
        'Niagara Emergency Medical Services (Ontario)',
      );
      await expectAccessible(page, 'statistics: June 2025, definitions open');
      // No raw codes or configuration names anywhere a person reads.
      const words = await page.locator('body').innerText();
      for (const raw of [
        'transported_ed',
        'COST_AVOIDED_PER_DIVERSION',
        'CURRENCY',
        'README',
        'patient.key',
        'AUD',
      ]) {
        expect(words, raw).not.toContain(raw);
      }

      // Nothing that identifies a patient reaches the page.
      const html = await page.content();
      for (const secret of [KEY_RECONTACTED, KEY_OTHER, SECRET_ADDRESS, SECRET_NOTE]) {
        expect(html).not.toContain(secret);
      }

      // The CSV link carries the filters and downloads the attendances with a header row.
      const href = await testId(page, 'csv-link').getAttribute('href');
      expect(href).toBe('/api/stats/export.csv?from=2025-06-01&to=2025-06-30');
      const csv = await page.evaluate(async (url) => {
        const res = await fetch(url, { credentials: 'same-origin' });
        return {
          status: res.status,
          type: res.headers.get('content-type'),
          disposition: res.headers.get('content-disposition'),
          text: await res.text(),
        };
      }, href!);
      expect(csv.status).toBe(200);
      expect(csv.type).toContain('text/csv');
      // The file is named for the days the page shows.
      expect(csv.disposition).toBe(
        'attachment; filename="altpath-attendances-2025-06-01-to-2025-06-30.csv"',
      );
      const lines = csv.text.trim().split('\r\n');
      expect(lines[0]).toMatch(/^attendance_id,call_id,received_at,/);
      expect(lines).toHaveLength(1 + 6);
      expect(csv.text).not.toContain(KEY_RECONTACTED);

      await screenshot(page, 'stats-dashboard');

      // A filter change reloads everything, the address and the CSV link included.
      await testId(page, 'filter-pathway').selectOption('crisis_centre');
      await expect
        .poll(() => tileValue(page, 'calls').textContent(), { timeout: 30_000 })
        .toBe('1');
      await waitForDashboard(page);
      await expect(tileValue(page, 'diversion-rate').textContent()).resolves.toBe('100%');
      expect(new URL(page.url()).searchParams.get('pathway')).toBe('crisis_centre');
      await expect(testId(page, 'csv-link').getAttribute('href')).resolves.toContain(
        'pathway=crisis_centre',
      );

      expect(watched.problems).toEqual([]);
      expect(watched.dialogs).toEqual([]);
    } catch (err) {
      await screenshot(page, 'stats-dashboard-failure').catch(() => undefined);
      throw err;
    }
  }, 180_000);

  it('shows a generated year on the default view', async () => {
    const config = testConfig();
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: config.SERVICE_TIME_ZONE }).format(
      new Date(),
    );
    const generated = await generateHistory(app.server.db, {
      calls: 5_000,
      months: 12,
      seed: 20261123,
      endDate: today,
      timeZone: config.SERVICE_TIME_ZONE,
      roadSpeedKmh: config.ROAD_SPEED_KMH,
      offerTimeoutS: config.OFFER_TIMEOUT_S,
    });
    expect(generated.calls).toBe(5_000);

    const watched = await openPage(browser, app.url, {
      viewport: { width: 1440, height: 900 },
      locale: 'en-US',
      timezoneId: 'America/Toronto',
    });
    pages.push(watched);
    const page = watched.page;
    try {
      await signIn(page, app.url, 'lead@altpath.local', DEMO_PASSWORD);
      await page.goto(`${app.url}/stats.html`);
      await waitForDashboard(page);

      // The default: the last 12 months to today, by month.
      const query = new URL(page.url()).searchParams;
      expect(query.get('to')).toBe(today);
      expect(query.get('bucket')).toBe('month');
      // The tiles say what the API says for the same filters.
      const summary = await page.evaluate(
        async (q) => {
          const res = await fetch(`/api/stats/summary?${q}`, { credentials: 'same-origin' });
          return (await res.json()) as {
            calls: number;
            attendances: number;
            missedOpportunities: number;
          };
        },
        `from=${query.get('from')}&to=${query.get('to')}`,
      );
      expect(summary.calls).toBeGreaterThan(4_500);
      const number = (text: string | null) => Number((text ?? '').replace(/,/g, ''));
      expect(number(await tileValue(page, 'calls').textContent())).toBe(summary.calls);
      expect(number(await tileValue(page, 'attendances').textContent())).toBe(summary.attendances);
      expect(number(await tileValue(page, 'missed').textContent())).toBe(
        summary.missedOpportunities,
      );

      await expectChartsPainted(page);
      await page.locator('[data-testid="recontacts"] summary').click();
      await page
        .locator('[data-testid="recontacts"][data-state="ready"]')
        .waitFor({ timeout: 30_000 });
      await page.locator('[data-testid="missed"] summary').click();
      await page.locator('[data-testid="missed"][data-state="ready"]').waitFor({ timeout: 30_000 });
      await screenshot(page, 'stats-dashboard-year');

      expect(watched.problems).toEqual([]);
      expect(watched.dialogs).toEqual([]);
    } catch (err) {
      await screenshot(page, 'stats-dashboard-year-failure').catch(() => undefined);
      throw err;
    }
  }, 300_000);
});
