// The dispatch story in real Chromium: a dispatcher takes a crisis-centre call and
// dispatches it; paramedic1 (CP-11) receives the offer live and walks it to
// completion; the dispatcher's queue and map follow without a reload; a lead
// changes a site's capacity. A note carrying an XSS payload stays text throughout.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unitIds, destinationIds } from '../../seeds/ids.js';
import {
  ensureClientBuilt,
  launchChromium,
  openPage,
  screenshot,
  signIn,
  testId,
  type WatchedPage,
} from '../support/browser.js';
import { TEST_STEP_UNDO_S } from '../support/browser-suite.js';
import { bootTestApp, DEMO_PASSWORD, type TestApp } from '../support/test-app.js';

const XSS_NOTE = '<img src=x onerror=alert(1)>';
// Two streets from CP-11's home base (42.9816, -81.2468), so it is the nearest mental-health unit.
const CALL_LOCATION = { lat: 42.9829, lng: -81.2449, address: '200 Queens Ave <b>apt 3</b>' };

const crisisAnswers: Record<string, 'yes' | 'no'> = {
  conscious: 'yes',
  breathingNormally: 'yes',
  chestPain: 'no',
  consentsToAlternate: 'yes',
  suicidePlan: 'no',
  suicideAttempt: 'no',
  homicidalIdeation: 'no',
  weaponsPresent: 'no',
  violent: 'no',
  overdoseSuspected: 'no',
  intoxicated: 'no',
  mentalHealthActApprehension: 'no',
};

let app: TestApp;
let browser: Browser;
const pages: WatchedPage[] = [];

beforeAll(async () => {
  ensureClientBuilt();
  // Crew steps held 1 s for their Undo, not 5: the story walks a call through four of them.
  [app, browser] = await Promise.all([
    bootTestApp('pglite', { env: { STEP_UNDO_S: TEST_STEP_UNDO_S } }),
    launchChromium(),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('dispatch story in Chromium', () => {
  it('takes a crisis-centre call from intake to a completed visit, live on every screen', async () => {
    const dispatcher = await openPage(browser, app.url, { viewport: { width: 1440, height: 900 } });
    const paramedic = await openPage(browser, app.url, {
      viewport: { width: 400, height: 860 },
      isMobile: true,
      hasTouch: true,
    });
    const lead = await openPage(browser, app.url, { viewport: { width: 1280, height: 800 } });
    pages.push(dispatcher, paramedic, lead);
    try {
      await story(dispatcher, paramedic, lead);
    } catch (err) {
      // Leave a picture of every screen at the moment it failed.
      await Promise.all(
        pages.map((w, i) => screenshot(w.page, `failure-${i}`).catch(() => undefined)),
      );
      throw err;
    }
  }, 180_000);

  it('shows an on-scene escalation on the dispatcher’s queue and map at once', async () => {
    const dispatcher = await openPage(browser, app.url, { viewport: { width: 1440, height: 900 } });
    const paramedic = await openPage(browser, app.url, { viewport: { width: 400, height: 860 } });
    pages.push(dispatcher, paramedic);
    const d = dispatcher.page;
    const p = paramedic.page;
    const asDispatcher = await app.as('dispatcher');
    const asParamedic = await app.as('paramedic1');

    const created = await asDispatcher('POST', '/api/calls', {
      patient: { age: 41, sex: 'male' },
      complaint: 'mental_health',
      answers: Object.fromEntries(Object.entries(crisisAnswers).map(([q, a]) => [q, a === 'yes'])),
      location: { lat: CALL_LOCATION.lat, lng: CALL_LOCATION.lng },
      notes: 'Escalation check',
    });
    expect(created.status).toBe(201);
    const dispatched = await asDispatcher('POST', `/api/calls/${created.body.id}/dispatch`, {
      unitId: unitIds.cp11,
      overrideReason: 'test: CP-11',
    });
    expect(dispatched.status).toBe(201);
    const assignmentId = dispatched.body.assignment.id as string;
    for (const status of ['accepted', 'en_route', 'on_scene']) {
      expect(
        (await asParamedic('POST', `/api/assignments/${assignmentId}/status`, { status })).status,
      ).toBe(200);
    }

    try {
      await Promise.all([
        signIn(d, app.url, 'dispatcher@altpath.local', DEMO_PASSWORD),
        signIn(p, app.url, 'paramedic1@altpath.local', DEMO_PASSWORD),
      ]);
      // On load the paramedic's device shows the assignment already on scene.
      await p.locator('[data-testid=offer][data-status=on_scene]').waitFor();
      await d
        .locator(`[data-testid="queue-row-${created.body.id}"][data-escalated=false]`)
        .waitFor();

      await p.fill('#assess-vital-spo2', '86');
      await p.fill('#assess-vital-respiratoryRate', '28');
      await testId(p, 'assessment-submit').click();
      await testId(p, 'assessment-escalated').waitFor();
      await p
        .locator('[data-testid="retriage-disposition"][data-disposition="emergency_department"]')
        .waitFor();

      await d
        .locator(`[data-testid="queue-row-${created.body.id}"][data-escalated=true]`)
        .waitFor();
      await d.locator(`[data-testid="call-marker-${created.body.id}"].escalated`).waitFor();
      await screenshot(d, 'dispatcher-escalated');
      await screenshot(p, 'paramedic-escalated');
    } catch (err) {
      await Promise.all(
        [d, p].map((page, i) => screenshot(page, `failure-escalation-${i}`).catch(() => undefined)),
      );
      throw err;
    }
    expect(dispatcher.problems.concat(paramedic.problems)).toEqual([]);
    expect(dispatcher.dialogs.concat(paramedic.dialogs)).toEqual([]);
  }, 60_000);
});

async function story(
  dispatcher: WatchedPage,
  paramedic: WatchedPage,
  lead: WatchedPage,
): Promise<void> {
  const d = dispatcher.page;
  const p = paramedic.page;

  await Promise.all([
    signIn(d, app.url, 'dispatcher@altpath.local', DEMO_PASSWORD),
    signIn(p, app.url, 'paramedic1@altpath.local', DEMO_PASSWORD),
    signIn(lead.page, app.url, 'lead@altpath.local', DEMO_PASSWORD),
  ]);
  expect(new URL(d.url()).pathname).toBe('/dispatcher.html');
  expect(new URL(p.url()).pathname).toBe('/paramedic.html');
  expect(new URL(lead.page.url()).pathname).toBe('/lead.html');
  await testId(p, 'no-offer').waitFor();
  await testId(d, 'unit-marker-CP-11').waitFor();

  // Intake: with only the complaint and age, the panel asks for the missing answers.
  await d.selectOption('#complaint', 'mental_health');
  await d.fill('#age', '34');
  await d.selectOption('#sex', 'female');
  await testId(d, 'recommendation-missing').waitFor();
  expect(await testId(d, 'recommendation-disposition').getAttribute('data-disposition')).toBe(
    'emergency_department',
  );
  // The complaint's key questions come first, the v2 ones among them.
  const keyQuestions = testId(d, 'key-questions');
  for (const question of ['suicidePlan', 'intoxicated', 'fever', 'newConfusion'])
    await keyQuestions.locator(`[data-testid="answer-${question}"]`).waitFor();
  expect(await keyQuestions.locator('legend').textContent()).toContain('Mental health');

  for (const [question, answer] of Object.entries(crisisAnswers))
    await d.click(`label[for="answer-${question}-${answer}"]`);
  await d.fill('#notes', XSS_NOTE);
  // A click on the map sets the location; then the exact coordinates are typed.
  await d.locator('#map').click({ position: { x: 200, y: 150 } });
  expect(await d.inputValue('#lat')).not.toBe('');
  await d.fill('#address', CALL_LOCATION.address);
  await d.fill('#lat', String(CALL_LOCATION.lat));
  await d.fill('#lng', String(CALL_LOCATION.lng));

  await d
    .locator('[data-testid="recommendation-disposition"][data-disposition="crisis_centre"]')
    .waitFor();
  expect(await testId(d, 'recommendation-reasons').textContent()).toContain(
    'mha-crisis-centre-eligible',
  );
  expect(await testId(d, 'recommendation-missing').count()).toBe(0);
  // No vitals yet: the crisis centre comes with its medical clearance to confirm on scene.
  expect(await testId(d, 'recommendation-acuity').textContent()).toBe('Non-urgent');
  expect(await testId(d, 'recommendation-checks').textContent()).toMatch(
    /Medical clearance before the crisis centre.*Not yet measured: heart rate/,
  );
  await screenshot(d, 'dispatcher-intake-checks');

  // Create the call; the proposal names the crisis centre and a unit.
  await testId(d, 'create-call').click();
  await testId(d, 'accept-dispatch').waitFor();
  expect(await testId(d, 'proposal-pathway').textContent()).toBe('Crisis centre');
  expect(await testId(d, 'proposal-destination').textContent()).toContain('Crisis Centre');
  const proposedUnit = (await testId(d, 'proposal-unit').textContent()) ?? '';
  if (proposedUnit.startsWith('CP-11')) {
    await testId(d, 'accept-dispatch').click();
  } else {
    await testId(d, 'override-toggle').click();
    await d.selectOption('#override-unit', unitIds.cp11);
    await d.selectOption('#override-category', 'unit_better_placed');
    await d.fill('#override-reason', 'CP-11 is two streets away');
    await testId(d, 'override-submit').click();
  }
  await d.locator('[data-testid="dispatch-result"][data-status="offered"]').waitFor();
  const row = d.locator('[data-testid^="queue-row-"]');
  await row.first().waitFor();
  expect(await row.count()).toBe(1);
  const callId = ((await row.first().getAttribute('data-testid')) ?? '').replace('queue-row-', '');
  const queueRow = (assignment: string) =>
    d.locator(`[data-testid="queue-row-${callId}"][data-assignment="${assignment}"]`);
  const callMarker = (assignment: string) =>
    d.locator(`[data-testid="call-marker-${callId}"][data-assignment="${assignment}"]`);
  await queueRow('offered').waitFor();
  await callMarker('offered').waitFor();
  await d.locator('[data-testid="unit-marker-CP-11"]:not([data-status="available"])').waitFor();

  // The note is text in the queue and in the map popup, never markup.
  expect(await queueRow('offered').locator('[data-testid=queue-notes]').textContent()).toBe(
    XSS_NOTE,
  );
  // CP-11's badge sits almost on the call's pin: open the popup by the pin itself.
  await callMarker('offered').dispatchEvent('click');
  expect(
    await d.locator(`[data-testid="call-popup-${callId}"] [data-testid=popup-notes]`).textContent(),
  ).toBe(XSS_NOTE);

  // The paramedic's offer appears without a reload.
  const offer = (status: string) => p.locator(`[data-testid=offer][data-status="${status}"]`);
  await offer('offered').waitFor();
  expect(await testId(p, 'offer-notes').textContent()).toBe(XSS_NOTE);
  expect(await testId(p, 'offer-address').textContent()).toBe(CALL_LOCATION.address);
  expect(await testId(p, 'offer-destination').textContent()).toContain('Crisis Centre');

  await testId(p, 'status-accepted').click();
  await offer('accepted').waitFor();
  await queueRow('accepted').waitFor();
  await testId(p, 'status-en_route').click();
  await offer('en_route').waitFor();
  await queueRow('en_route').waitFor();

  // A position set by hand moves CP-11 on the dispatcher's map.
  const before = await testId(d, 'unit-marker-CP-11').boundingBox();
  await p.fill('#position-lat', '42.9950');
  await p.fill('#position-lng', '-81.2200');
  await testId(p, 'send-position').click();
  await p.locator('#position-status[data-state=ok]').waitFor();
  await d.waitForFunction((y) => {
    const box = document
      .querySelector('[data-testid="unit-marker-CP-11"]')
      ?.getBoundingClientRect();
    return box !== undefined && Math.abs(box.y - y) > 5;
  }, before?.y ?? 0);

  await testId(p, 'status-on_scene').click();
  await offer('on_scene').waitFor();
  await callMarker('on_scene').waitFor();

  // On-scene assessment: normal vitals keep the crisis-centre pathway.
  await p.fill('#assess-vital-heartRate', '88');
  await p.fill('#assess-vital-systolicBP', '128');
  await p.fill('#assess-vital-respiratoryRate', '16');
  await p.fill('#assess-vital-spo2', '98');
  await testId(p, 'assessment-submit').click();
  await p
    .locator('[data-testid="retriage-disposition"][data-disposition="crisis_centre"]')
    .waitFor();
  expect(await testId(p, 'assessment-escalated').count()).toBe(0);
  // Four of the six vital signs: the clearance still names the two missing.
  expect(await testId(p, 'retriage-checks').textContent()).toContain(
    'Not yet measured: temperature, GCS',
  );
  await screenshot(p, 'paramedic-view');
  await p.fill('#assess-vital-temperature', '36.9');
  await p.fill('#assess-vital-gcs', '15');
  await testId(p, 'assessment-submit').click();
  await testId(p, 'retriage-checks').waitFor({ state: 'detached' });
  expect(
    await p
      .locator('[data-testid="retriage-disposition"][data-disposition="crisis_centre"]')
      .count(),
  ).toBe(1);

  // The lead sets the clinic in Huron Heights to amber; the dispatcher's map follows.
  await lead.page.click(`label[for="capacity-${destinationIds.clinicHuronHeights}-amber"]`);
  await d
    .locator(
      `[data-testid="destination-marker-${destinationIds.clinicHuronHeights}"][data-capacity=amber]`,
    )
    .waitFor();
  await lead.page
    .locator(`[data-testid="capacity-${destinationIds.clinicHuronHeights}"][data-capacity=amber]`)
    .waitFor();
  await screenshot(lead.page, 'lead-view');
  await screenshot(d, 'dispatcher-view');

  await p.selectOption('#outcome', 'treated_in_place');
  await testId(p, 'status-completed').click();
  await testId(p, 'no-offer').waitFor();

  // The completed call leaves the dispatcher's queue and map, and CP-11 is free again.
  await d.locator(`[data-testid="queue-row-${callId}"]`).waitFor({ state: 'detached' });
  await d.locator(`[data-testid="call-marker-${callId}"]`).waitFor({ state: 'detached' });
  await d.locator('[data-testid="unit-marker-CP-11"][data-status="available"]').waitFor();
  const detail = await (await app.as('dispatcher'))('GET', `/api/calls/${callId}`);
  expect(detail.body.status).toBe('completed');
  expect(detail.body.assignment?.outcome ?? detail.body.assignments?.[0]?.outcome).toBe(
    'treated_in_place',
  );

  for (const page of [d, p, lead.page]) expect(await page.locator('img[src="x"]').count()).toBe(0);
  expect(pages.flatMap((w) => w.dialogs)).toEqual([]);
  expect(pages.flatMap((w) => w.problems)).toEqual([]);
}
