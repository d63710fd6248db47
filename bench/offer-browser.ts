// The offer as a paramedic sees it: from the dispatcher's click on Accept in the
// console to the offer card drawn on the phone page, both in real Chromium, over 50
// offers; beside it, in the same loop, the same offer's arrival on a bare socket.io
// client in this process (the reference: what the phone page adds is the difference).
// Then "page usable": a new browser context (no cache, no service worker) from navigation to the phone page and the dispatcher's console connected
// and drawn, median and worst of 10 loads each.
// Runs on an embedded PGlite database in a temp dir, or on DATABASE_URL.
import type { Browser, Page } from 'playwright-core';
import {
  ensureClientBuilt,
  launchChromium,
  openPage,
  signIn as signInPage,
} from '../test/support/browser.js';
import { crisisCall, startOfferBench } from './offer-support.js';
import { percentile, round } from './support.js';

const OFFERS = Number(process.argv[2] ?? 50);
const LOADS = 10;

ensureClientBuilt();
const { server, password, dispatcher, device, freeUnit, stop } = await startOfferBench();
const browser = await launchChromium();

declare global {
  interface Window {
    offerSeenAt?: Record<string, number>;
    acceptClickedAt?: number;
  }
}

/**
 * The phone page, watching for offer cards: the wall-clock time (same clock as this
 * process) at which each assignment's card is first drawn as offered.
 */
async function phonePage(): Promise<Page> {
  const phone = await openPage(browser, server.url, {
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
  });
  await phone.context.addInitScript(() => {
    window.offerSeenAt = {};
    new MutationObserver(() => {
      for (const card of document.querySelectorAll<HTMLElement>(
        '[data-testid=offer][data-status=offered]',
      )) {
        const id = card.dataset.assignmentId;
        if (id && window.offerSeenAt && !(id in window.offerSeenAt))
          window.offerSeenAt[id] = Date.now();
      }
    }).observe(document, { childList: true, subtree: true, attributes: true });
  });
  await signInPage(phone.page, server.url, 'paramedic1@altpath.local', password);
  return phone.page;
}

async function consolePage(): Promise<Page> {
  const desk = await openPage(browser, server.url, { viewport: { width: 1440, height: 900 } });
  await desk.context.addInitScript(() => {
    document.addEventListener(
      'click',
      (event) => {
        if ((event.target as Element | null)?.closest('[data-testid=accept-dispatch]'))
          window.acceptClickedAt = Date.now();
      },
      { capture: true },
    );
  });
  await signInPage(desk.page, server.url, 'dispatcher@altpath.local', password);
  return desk.page;
}

/**
 * Each call is created over the API (outside the timed window) and appears in the
 * console's queue; the dispatcher opens it and clicks Accept, and the clock runs from
 * that click to the card drawn on the phone (and, for reference, to the socket event).
 */
async function measureOffers(desk: Page, phone: Page) {
  const onPage: number[] = [];
  const onSocket: number[] = [];
  for (let i = 0; i < OFFERS; i++) {
    const created = await dispatcher('POST', '/api/calls', crisisCall);
    if (created.status !== 201) throw new Error(`create failed: ${JSON.stringify(created.body)}`);
    const callId = created.body.id as string;
    await desk.locator(`[data-testid="queue-row-${callId}"] button`).click();
    const accept = desk.locator('[data-testid=accept-dispatch]:not(:disabled)');
    await accept.waitFor();
    const proposed = (await desk.locator('[data-testid=proposal-unit]').textContent()) ?? '';
    if (!proposed.startsWith('CP-11')) throw new Error(`proposal is ${proposed}, not CP-11`);
    let socketAt = 0;
    const offered = new Promise<string>((resolve) =>
      device.once('assignment:offered', (offer: { assignment: { id: string } }) => {
        socketAt = Date.now();
        resolve(offer.assignment.id);
      }),
    );
    await accept.click();
    const assignmentId = await offered;
    const clickedAt = (await desk.evaluate(() => window.acceptClickedAt)) ?? NaN;
    const handle = await phone.waitForFunction((id) => window.offerSeenAt?.[id], assignmentId, {
      timeout: 10_000,
      polling: 'raf',
    });
    onPage.push(((await handle.jsonValue()) as number) - clickedAt);
    onSocket.push(socketAt - clickedAt);
    // Free the unit for the next call (outside the timed window).
    await freeUnit(callId, assignmentId);
    await phone.locator('[data-testid=no-offer]').waitFor();
  }
  return { onPage, onSocket };
}

/** Navigation to the page connected and drawn, in a fresh context (cold cache). */
async function measureLoads(b: Browser, email: string, pagePath: string, drawn: string) {
  const first = await openPage(b, server.url);
  await signInPage(first.page, server.url, email, password);
  const state = await first.context.storageState();
  await first.context.close();
  const times: number[] = [];
  for (let i = 0; i < LOADS; i++) {
    const context = await b.newContext({
      storageState: state,
      viewport: { width: 1440, height: 900 },
    });
    await context.route(
      (url) => url.origin !== new URL(server.url).origin,
      (route) => route.abort(),
    );
    const page = await context.newPage();
    const started = Date.now();
    await page.goto(`${server.url}${pagePath}`);
    await page.locator('[data-testid=connection][data-state=connected]').waitFor();
    await page.locator(drawn).first().waitFor({ state: 'attached' });
    times.push(Date.now() - started);
    await context.close();
  }
  return summary(times);
}

function summary(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    p50Ms: round(percentile(sorted, 50)),
    p99Ms: round(percentile(sorted, 99)),
    maxMs: round(sorted.at(-1) ?? NaN),
  };
}

const { onPage, onSocket } = await measureOffers(await consolePage(), await phonePage());
const phoneLoad = await measureLoads(
  browser,
  'paramedic1@altpath.local',
  '/paramedic.html',
  '[data-testid=no-offer], [data-testid=offer]',
);
const consoleLoad = await measureLoads(
  browser,
  'dispatcher@altpath.local',
  '/dispatcher.html',
  '[data-testid=queue]',
);

await browser.close();
await stop();
console.log(
  JSON.stringify({
    offers: OFFERS,
    database: server.db.dialect,
    offerDrawnOnPhone: summary(onPage),
    offerOnSocketReference: summary(onSocket),
    phonePageUsable: phoneLoad,
    consolePageUsable: consoleLoad,
  }),
);
