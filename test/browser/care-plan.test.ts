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
});
