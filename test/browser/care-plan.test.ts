// Care plans on screen in real Chromium: the dispatcher sees a known patient's
// plan as soon as the key is entered at intake, the attending crew's phone shows
// it with the offer, and what anyone typed stays text.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unitIds } from '../../seeds/ids.js';
import {
  ensureClientBuilt,
  launchChromium,
  openPage,
  screenshot,
  signIn,
  testId,
} from '../support/browser.js';
import { buildCrisisCall } from '../support/calls.js';
import { bootTestApp, DEMO_PASSWORD, type TestApp } from '../support/test-app.js';
import { buildCarePlan, carePlanPath } from '../care/care-plan-support.js';
import { buildCall, insertHistory } from '../stats/history-factory.js';
import { patientRefFactory } from '../../server/stats/deidentify-row.js';
import { testConfig } from '../support/test-app.js';

const XSS = '<img src=x onerror=alert(1)>';
const KEY = 'BROWSER-CARE-1';

let app: TestApp;
let browser: Browser;

beforeAll(async () => {
  ensureClientBuilt();
  [app, browser] = await Promise.all([bootTestApp('pglite'), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('care plans in Chromium', () => {
  it('shows the plan to the dispatcher at intake and on the attending paramedic’s phone, as text', async () => {
    const paramedicApi = await app.as('paramedic1');
    const written = await paramedicApi(
      'PUT',
      carePlanPath(KEY),
      buildCarePlan({ whatHelps: `Tea, quiet ${XSS}`, coordinator: { name: `Robin ${XSS}` } }),
    );
    expect(written.status).toBe(201);

    const dispatcher = await openPage(browser, app.url, { viewport: { width: 1440, height: 900 } });
    const paramedic = await openPage(browser, app.url, {
      viewport: { width: 400, height: 860 },
      isMobile: true,
      hasTouch: true,
    });
    const d = dispatcher.page;
    const p = paramedic.page;
    await Promise.all([
      signIn(d, app.url, 'dispatcher@altpath.local', DEMO_PASSWORD),
      signIn(p, app.url, 'paramedic1@altpath.local', DEMO_PASSWORD),
    ]);

    await d.selectOption('#complaint', 'mental_health');
    await d.fill('#age', '52');
    await d.fill('#patient-key', KEY);
    await d.press('#patient-key', 'Tab');
    await testId(d, 'care-plan').waitFor();
    expect(await testId(d, 'care-plan-helps').textContent()).toBe(`Tea, quiet ${XSS}`);
    expect(await testId(d, 'care-plan-coordinator').textContent()).toContain(`Robin ${XSS}`);
    expect(await testId(d, 'care-plan-pathway').textContent()).toBe('Crisis centre');
    expect(await d.locator('#care-plan img').count()).toBe(0);
    await screenshot(d, 'care-plan-dispatcher-intake');

    const call = await (
      await app.as('dispatcher')
    )('POST', '/api/calls', buildCrisisCall({ patient: { age: 52, sex: 'male', key: KEY } }));
    expect(call.body.carePlan.version).toBe(1);
    await (
      await app.as('dispatcher')
    )('POST', `/api/calls/${call.body.id}/dispatch`, {
      unitId: unitIds.cp11,
      overrideReason: 'browser test',
    });
    await testId(p, 'offer').waitFor();
    await testId(p, 'care-plan').waitFor();
    expect(await testId(p, 'care-plan-safety').textContent()).toBe(
      'Dog in the back yard, usually shut in',
    );
    expect(await p.locator('#care-plan img').count()).toBe(0);
    await screenshot(p, 'care-plan-paramedic-offer');

    expect(dispatcher.problems.concat(paramedic.problems)).toEqual([]);
    expect(dispatcher.dialogs.concat(paramedic.dialogs)).toEqual([]);
  }, 90_000);

  it('lets a lead book a home visit for a frequent caller, live on the dispatcher’s board', async () => {
    const key = 'BROWSER-FREQUENT';
    const ref = patientRefFactory(testConfig().SESSION_SECRET)(key)!;
    await insertHistory(app.server.db, {
      calls: [2, 20, 50].map((d) =>
        buildCall({ received_at: new Date(Date.now() - d * 86_400_000), patient_key: key }),
      ),
      attendances: [],
    });
    const lead = await openPage(browser, app.url, { viewport: { width: 1280, height: 900 } });
    const dispatcher = await openPage(browser, app.url, { viewport: { width: 1440, height: 900 } });
    const l = lead.page;
    const d = dispatcher.page;
    await Promise.all([
      signIn(l, app.url, 'lead@altpath.local', DEMO_PASSWORD),
      signIn(d, app.url, 'dispatcher@altpath.local', DEMO_PASSWORD),
    ]);
    const row = testId(l, `frequent-${ref}`);
    await row.waitFor();
    expect(await testId(l, 'frequent-body').textContent()).not.toContain(key);
    await row.locator('select').selectOption({ label: 'CP-12' });
    await screenshot(l, 'proactive-lead-frequent-callers');
    await row.locator('button[type=submit]').click();
    await testId(l, `frequent-${ref}-status`).filter({ hasText: 'visit planned' }).waitFor();
    // Live on the board: the dispatcher sees who and where.
    const visit = testId(d, 'planned-visits').locator('li', { hasText: key });
    await visit.waitFor();
    expect(await visit.textContent()).toContain('CP-12');
    await screenshot(d, 'proactive-dispatcher-planned-visit');

    await l.goto(`${app.url}/stats.html`);
    await testId(l, 'care-plan-outcomes').waitFor();
    await screenshot(l, 'proactive-stats-care-plans');
    expect(lead.problems.concat(dispatcher.problems)).toEqual([]);
  }, 90_000);
});
