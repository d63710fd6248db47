// Issue 11, the dispatcher's console at 1440×900 in real Chromium: a call taken with the
// keyboard only; errors in words beside their field, checked in the browser with the server's
// own schema; timers on every queue row and the unit status board; search, filters, order and
// wrapping of the queue; call pins coloured by pathway above the unit badges; axe-core on
// every state reached.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unitIds } from '../../seeds/ids.js';
import { expectAccessible } from '../support/axe.js';
import {
  ensureClientBuilt,
  launchChromium,
  openPage,
  screenshot,
  signIn,
  testId,
  type WatchedPage,
} from '../support/browser.js';
import { buildChestPainCall, buildCrisisCall, buildFallCall } from '../support/calls.js';
import { bootTestApp, DEMO_PASSWORD, type TestApp } from '../support/test-app.js';

let app: TestApp;
let browser: Browser;
const viewport = { width: 1440, height: 900 };

beforeAll(async () => {
  ensureClientBuilt();
  [app, browser] = await Promise.all([bootTestApp('pglite'), launchChromium()]);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

/** Runs `body` on a fresh dispatcher page; on failure leaves a picture of it. */
async function asDispatcher(name: string, body: (page: Page) => Promise<void>): Promise<void> {
  const watched: WatchedPage = await openPage(browser, app.url, { viewport });
  try {
    await signIn(watched.page, app.url, 'dispatcher@altpath.local', DEMO_PASSWORD);
    await body(watched.page);
  } catch (err) {
    await screenshot(watched.page, `failure-console-${name}`).catch(() => undefined);
    throw err;
  } finally {
    await watched.context.close();
  }
  expect(watched.problems).toEqual([]);
  expect(watched.dialogs).toEqual([]);
}

const focused = (page: Page) =>
  page.evaluate(() => {
    const active = document.activeElement as HTMLElement | null;
    return active?.id || active?.dataset.testid || active?.tagName || '';
  });

/** Tab (keyboard only) until the element with `id` has the focus. */
async function tabTo(page: Page, id: string): Promise<void> {
  for (let i = 0; i < 120; i++) {
    if ((await focused(page)) === id) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached #${id}`);
}

/** The focused question's answer: the radios are yes, no, ? (checked by default). */
async function answer(page: Page, choice: 'yes' | 'no'): Promise<void> {
  await page.keyboard.press('ArrowLeft');
  if (choice === 'yes') await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('Tab');
}

async function closeAllOpenCalls(): Promise<void> {
  const dispatcher = await app.as('dispatcher');
  const open = await dispatcher('GET', '/api/calls?status=pending,offered,active');
  for (const call of open.body as Array<{ id: string }>)
    await dispatcher('POST', `/api/calls/${call.id}/cancel`, { reason: 'duplicate' });
}

describe('the dispatcher’s console, in Chromium at 1440×900', () => {
  it('takes a call with the keyboard only: Enter creates it, Enter accepts, the form is ready again', async () => {
    await closeAllOpenCalls();
    await asDispatcher('keyboard', async (page) => {
      // Focus starts in the form, on a complaint nobody has chosen yet.
      await page.waitForFunction(() => document.activeElement?.id === 'complaint');
      expect(await page.inputValue('#complaint')).toBe('');
      await expectAccessible(page, 'console, empty form');

      await page.keyboard.press('ArrowDown'); // the first complaint: mental health
      expect(await page.inputValue('#complaint')).toBe('mental_health');
      await page.keyboard.press('Tab');
      await page.keyboard.type('34');
      await tabTo(page, 'answer-conscious-unknown');
      // The complaint's key questions come first, in the order they are asked.
      const keyQuestions = await page
        .locator('[data-testid=key-questions] .toggle-row')
        .evaluateAll((rows) => rows.map((row) => (row as HTMLElement).dataset.testid));
      expect(keyQuestions.slice(0, 4)).toEqual([
        'answer-conscious',
        'answer-breathingNormally',
        'answer-chestPain',
        'answer-suicidalIdeation',
      ]);
      const answers: Array<'yes' | 'no'> = ['yes', 'yes', 'no', 'yes'];
      for (const choice of answers) await answer(page, choice);
      // The rest of the crisis questions are "no", then the fever and confusion questions,
      // then consent is "yes".
      const remaining = keyQuestions.slice(4);
      for (const question of remaining)
        await answer(page, question === 'answer-consentsToAlternate' ? 'yes' : 'no');
      await page
        .locator('[data-testid="recommendation-disposition"][data-disposition="crisis_centre"]')
        .waitFor();
      await tabTo(page, 'lat');
      await page.keyboard.type('42.9829');
      await page.keyboard.press('Tab');
      await page.keyboard.type('-81.2449');
      await page.keyboard.press('Enter');

      // Created: the proposal is on screen with Accept focused, and the form is empty again.
      await testId(page, 'proposal-unit').waitFor();
      await page.waitForFunction(
        () => document.activeElement?.getAttribute('data-testid') === 'accept-dispatch',
      );
      expect(await page.inputValue('#complaint')).toBe('');
      expect(await page.inputValue('#age')).toBe('');
      expect(await page.inputValue('#lat')).toBe('');
      await expectAccessible(page, 'console, proposal');
      await screenshot(page, 'console-keyboard-proposal');

      await page.keyboard.press('Enter');
      await page.locator('[data-testid="dispatch-result"][data-status="offered"]').waitFor();
      // Ready for the next call: focus back on the complaint.
      await page.waitForFunction(() => document.activeElement?.id === 'complaint');
      await expectAccessible(page, 'console, offered');
    });
    await closeAllOpenCalls();
  }, 120_000);

  it('says what is wrong in words beside the field, before anything is sent and after a 400', async () => {
    await closeAllOpenCalls();
    await asDispatcher('errors', async (page) => {
      const posted: string[] = [];
      page.on('request', (request) => {
        if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/calls')
          posted.push(request.url());
      });
      await page.locator('details.vitals summary').click();
      await page.fill('#intake-vital-heartRate', '301');
      await page.fill('#age', '130');
      await page.locator('#notes').focus(); // leaving the field checks it
      const heartRate = page.locator('[data-error-for="vitals.heartRate"]');
      await expect
        .poll(() => heartRate.textContent())
        .toBe('Heart rate must be between 0 and 300 /min');
      expect(await page.getAttribute('#intake-vital-heartRate', 'aria-invalid')).toBe('true');
      expect(await page.locator('[data-error-for="patient.age"]').textContent()).toBe(
        'Age must be between 0 and 120 years',
      );

      await testId(page, 'create-call').click();
      expect(await page.locator('[data-error-for="complaint"]').textContent()).toBe(
        'Choose the complaint',
      );
      expect(await page.locator('[data-error-for="location"]').textContent()).toMatch(
        /^Set the location/,
      );
      // The first field in error has the focus; nothing was sent.
      expect(await focused(page)).toBe('complaint');
      expect(posted).toEqual([]);
      await expectAccessible(page, 'console, errors beside fields');
      await screenshot(page, 'console-field-errors');

      // Corrected, the message goes as the field is left.
      await page.fill('#intake-vital-heartRate', '88');
      await page.locator('#notes').focus();
      await expect.poll(() => heartRate.textContent()).toBe('');
    });
    // The server says the same words, from the same schema.
    const dispatcher = await app.as('dispatcher');
    const bad = await dispatcher(
      'POST',
      '/api/calls',
      buildCrisisCall({ vitals: { heartRate: 301 }, patient: { age: 34.5 } }),
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues).toEqual(
      expect.arrayContaining([
        { path: 'vitals.heartRate', message: 'Heart rate must be between 0 and 300 /min' },
        { path: 'patient.age', message: 'Age must be a whole number' },
      ]),
    );
  }, 90_000);

  it('keeps the queue and the unit board live: timers, search, filters, order, wrapping', async () => {
    await closeAllOpenCalls();
    const dispatcher = await app.as('dispatcher');
    const longAddress = 'Unit12-'.padEnd(400, 'X');
    const crisis = await dispatcher(
      'POST',
      '/api/calls',
      buildCrisisCall({
        patient: { age: 29, sex: 'male' },
        location: { lat: 42.9829, lng: -81.2449, address: longAddress },
        notes: 'N'.repeat(600),
      }),
    );
    const fall = await dispatcher(
      'POST',
      '/api/calls',
      buildFallCall({ location: { lat: 43.0, lng: -81.27, address: '12 Fallen Rd' } }),
    );
    const chestPain = await dispatcher(
      'POST',
      '/api/calls',
      buildChestPainCall({ location: { lat: 42.97, lng: -81.22, address: '9 Heart St' } }),
    );
    expect([crisis.status, fall.status, chestPain.status]).toEqual([201, 201, 201]);
    const offered = await dispatcher('POST', `/api/calls/${crisis.body.id}/dispatch`, {
      unitId: unitIds.cp11,
      overrideReason: 'test: CP-11',
    });
    expect(offered.status).toBe(201);

    await asDispatcher('queue', async (page) => {
      const rows = page.locator('[data-testid^="queue-row-"]');
      await expect.poll(() => rows.count()).toBe(3);
      // Acuity first (the chest pain is an emergency), then the longest waiting.
      const order = await rows.evaluateAll((all) =>
        all.map((row) => (row as HTMLElement).dataset.acuity),
      );
      const rank = ['emergency', 'urgent', 'non_urgent'];
      expect(order[0]).toBe('emergency');
      expect([...order].sort((a, b) => rank.indexOf(a!) - rank.indexOf(b!))).toEqual(order);

      // An address with no spaces wraps: the table is no wider than its panel.
      const widths = await page.evaluate(() => {
        const scroller = document.querySelector('.queue-panel .table-scroll') as HTMLElement;
        const table = scroller.querySelector('table') as HTMLElement;
        return {
          panel: scroller.clientWidth,
          table: table.scrollWidth,
          page: document.documentElement.scrollWidth,
        };
      });
      expect(widths.table).toBeLessThanOrEqual(widths.panel);
      expect(widths.page).toBeLessThanOrEqual(viewport.width);

      // Time since received and since offered tick on their own.
      const crisisRow = testId(page, `queue-row-${crisis.body.id}`);
      const received = crisisRow.locator('[data-testid=since-received]');
      const sinceOffer = crisisRow.locator('[data-testid=since-offered]');
      expect(await sinceOffer.textContent()).toMatch(/^offered \d+ s$/);
      const before = await received.textContent();
      await expect.poll(() => received.textContent(), { timeout: 5000 }).not.toBe(before);
      expect(await testId(page, `queue-row-${fall.body.id}`).textContent()).toContain(
        'not offered',
      );

      // The unit board: every unit, its status since when, its call, skills in words.
      const unitRows = page.locator('[data-testid^="unit-row-"]');
      expect(await unitRows.count()).toBe(6);
      const cp11 = testId(page, 'unit-row-CP-11');
      expect(await cp11.locator('[data-testid=unit-status]').textContent()).toBe('Offered');
      expect(await cp11.locator('[data-testid=unit-since]').textContent()).toMatch(/^for \d+ s$/);
      expect(await cp11.locator('[data-testid=unit-call]').textContent()).toContain(
        'Mental health, 29',
      );
      expect(await cp11.locator('[data-testid=unit-skills]').textContent()).toBe(
        'Mental health, Wound care',
      );
      expect(await page.locator('[data-testid=unit-board]').textContent()).not.toMatch(/_/);
      await expectAccessible(page, 'console, queue and unit board');
      await screenshot(page, 'console-queue-units');

      // Search by a piece of the address; filter by pathway; by status.
      await page.fill('#queue-search', 'unit12');
      await expect.poll(() => rows.count()).toBe(1);
      expect(await page.locator('#queue-count').textContent()).toBe('1 of 3');
      await page.fill('#queue-search', '');
      await page.selectOption('#queue-pathway', 'emergency_department');
      await expect.poll(() => rows.count()).toBe(1);
      expect(await rows.first().getAttribute('data-testid')).toBe(`queue-row-${chestPain.body.id}`);
      await page.selectOption('#queue-pathway', '');
      await page.selectOption('#queue-status-filter', 'offered');
      await expect.poll(() => rows.count()).toBe(1);
      expect(await rows.first().getAttribute('data-testid')).toBe(`queue-row-${crisis.body.id}`);
      await page.fill('#queue-search', 'no such thing');
      await expect
        .poll(() => page.locator('#queue-body').textContent())
        .toBe('No call matches the search.');
      await expectAccessible(page, 'console, queue filtered to nothing');
    });
    await closeAllOpenCalls();
  }, 90_000);

  it('colours call pins by pathway, explains every mark, and keeps pins above unit badges', async () => {
    await closeAllOpenCalls();
    const dispatcher = await app.as('dispatcher');
    // Each call at a unit's home base: the unit's badge is on the same spot as the pin.
    const atCp11 = { lat: 42.9816, lng: -81.2468 };
    const calls = {
      crisis_centre: await dispatcher('POST', '/api/calls', buildCrisisCall({ location: atCp11 })),
      emergency_department: await dispatcher(
        'POST',
        '/api/calls',
        buildChestPainCall({ location: { lat: 42.99, lng: -81.26 } }),
      ),
      home_visit: await dispatcher(
        'POST',
        '/api/calls',
        buildFallCall({ location: { lat: 42.975, lng: -81.235 } }),
      ),
    };
    const colours = {
      crisis_centre: 'rgb(106, 63, 181)',
      emergency_department: 'rgb(179, 38, 30)',
      home_visit: 'rgb(11, 92, 173)',
    };
    await asDispatcher('map', async (page) => {
      for (const [pathway, created] of Object.entries(calls)) {
        expect(created.body.disposition).toBe(pathway);
        const pin = testId(page, `call-marker-${created.body.id}`);
        await pin.waitFor();
        expect(await pin.evaluate((node) => getComputedStyle(node).backgroundColor)).toBe(
          colours[pathway as keyof typeof colours],
        );
        // What is drawn at the pin's centre is the pin, not a unit badge over it.
        const onTop = await pin.evaluate((node) => {
          const box = node.getBoundingClientRect();
          const hit = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
          return hit === node || node.contains(hit) ? 'pin' : (hit?.className ?? 'nothing');
        });
        expect(onTop, `${pathway} pin is visible`).toBe('pin');
      }
      // And the unit badge on the same spot is not hidden either.
      const badge = testId(page, 'unit-marker-CP-11');
      expect(
        await badge.evaluate((node) => {
          const box = node.getBoundingClientRect();
          const hit = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
          return hit === node || node.contains(hit);
        }),
      ).toBe(true);

      const legend = testId(page, 'map-legend');
      const text = (await legend.textContent()) ?? '';
      for (const words of [
        'Emergency department',
        'Crisis centre',
        'CP@clinic',
        'Home visit',
        'not yet offered',
        'escalated',
        'available',
        'offered a call',
        'on a call',
        'off shift',
        'taking patients',
        'full',
      ])
        expect(text).toContain(words);
      const legendColours = await legend
        .locator('[data-legend=call-pathways] .call-pin')
        .evaluateAll((pins) => pins.map((pin) => getComputedStyle(pin).backgroundColor));
      expect(new Set(legendColours).size).toBe(4);
      await expectAccessible(page, 'console, map with calls');
      await page.locator('.map-panel').screenshot({ path: 'test/artifacts/console-map.png' });
    });
    await closeAllOpenCalls();
  }, 90_000);

  it('passes axe on the sign-in page and the lead’s map board', async () => {
    const watched = await openPage(browser, app.url, { viewport });
    try {
      await watched.page.goto(`${app.url}/`);
      await watched.page.locator('input[name=email]').waitFor();
      await expectAccessible(watched.page, 'sign-in page');
      await watched.page.fill('input[name=email]', 'dispatcher@altpath.local');
      await watched.page.fill('input[name=password]', 'wrong password');
      await watched.page.click('button[type=submit]');
      await watched.page.locator('#login-message:not(:empty)').waitFor();
      await expectAccessible(watched.page, 'sign-in page, wrong password');
      await screenshot(watched.page, 'sign-in-error');

      await signIn(watched.page, app.url, 'lead@altpath.local', DEMO_PASSWORD);
      await testId(watched.page, 'map-legend').locator('li').first().waitFor();
      await expectAccessible(watched.page, 'lead board');
      await screenshot(watched.page, 'lead-board');
    } finally {
      await watched.context.close();
    }
    // The refused sign-in's 401 is the one expected console line.
    expect(watched.problems.filter((line) => !line.includes('401 (Unauthorized)'))).toEqual([]);
  }, 60_000);
});
