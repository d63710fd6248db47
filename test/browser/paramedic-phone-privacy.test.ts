// What the paramedic's phone keeps and lets go of, in real Chromium (review findings): a
// sign-out without a network is refused in words (only the server ends a session: on a shared
// crew phone the next person would otherwise find the last one still signed in); the service
// worker controls the paramedic's page alone, replaces a site-wide one, and keeps one care plan.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  DATA_CACHE,
  LEGACY_DATA_CACHE,
  PARAMEDIC_PAGE,
} from '../../client/src/paramedic/offline-names.js';
import { expectAccessible } from '../support/axe.js';
import { screenshot } from '../support/browser.js';
import { PHONE, useBrowserSuite } from '../support/browser-suite.js';
import { buildCarePlan, carePlanPath } from '../care/care-plan-support.js';

const suite = useBrowserSuite();
const { withPictures } = suite;

/** The paths of what the page's origin keeps in each cache, by cache name. */
const cached = (p: Page) =>
  p.evaluate(async () => {
    const kept: Record<string, string[]> = {};
    for (const name of await caches.keys()) {
      const requests = await (await caches.open(name)).keys();
      kept[name] = requests.map((r) => new URL(r.url).pathname + new URL(r.url).search);
    }
    return kept;
  });

/** GET `path` from the page, as the page's own code would: the status. */
const read = (p: Page, path: string) =>
  p.evaluate((url) => fetch(url, { credentials: 'same-origin' }).then((r) => r.status), path);

const controlled = (p: Page) =>
  p.waitForFunction(() => navigator.serviceWorker.controller !== null);

describe("what the paramedic's phone keeps, in Chromium", () => {
  it('refuses a sign-out without a network, in words, and signs out once it is back', async () => {
    const phone = await suite.open(PHONE);
    const p = phone.page;
    await withPictures('phone-sign-out-offline', async () => {
      await suite.signIn(p, 'paramedic1');
      await controlled(p);
      await phone.context.setOffline(true);
      await p.click('#sign-out');
      const notice = p.locator('#notice[data-tone=error]');
      await notice.waitFor();
      expect(await notice.textContent()).toMatch(
        /^You are offline: sign-out needs the network\. You are still signed in on this device/,
      );
      // Nothing pretended: still on the page, its offline copy still there for the crew.
      expect(new URL(p.url()).pathname).toBe(PARAMEDIC_PAGE);
      expect((await cached(p))[DATA_CACHE]).toContain('/api/me');
      await screenshot(p, 'phone-sign-out-refused-offline');
      await expectAccessible(p, 'phone: sign-out refused offline');

      // Back online: still signed in (the server never heard), and now the sign-out goes through.
      await phone.context.setOffline(false);
      expect(await read(p, '/api/me')).toBe(200);
      await Promise.all([
        p.waitForURL((url) => url.pathname === '/' || url.pathname === '/index.html'),
        p.click('#sign-out'),
      ]);
      expect(await read(p, '/api/me')).toBe(401);
      expect(Object.keys(await cached(p))).not.toContain(DATA_CACHE);
    });
    // Offline, the page's reads and socket fail by design; the test's own read after signing
    // out is a 401. Nothing else.
    const unexpected = phone.problems.filter(
      (line) =>
        !/ERR_INTERNET_DISCONNECTED|net::ERR_FAILED|FetchEvent|Failed to fetch/.test(line) &&
        !/status of 401 \(Unauthorized\) \(http:\/\/[^/]+\/api\/me\)$/.test(line),
    );
    expect(unexpected).toEqual([]);
  }, 180_000);

  it("controls the paramedic's page alone, replaces a site-wide worker and keeps one care plan", async () => {
    const shared = await suite.open(PHONE);
    const p = shared.page;
    await withPictures('phone-worker-scope', async () => {
      // An earlier build's worker, registered for the whole site, with its copy.
      await p.goto(`${suite.app.url}/`);
      await p.evaluate(async (legacy) => {
        const cache = await caches.open(legacy);
        await cache.put('/api/care-plans/LEGACY-KEY', new Response('{"whatHelps":"x"}'));
        await navigator.serviceWorker.register('/sw.js', { scope: '/' });
      }, LEGACY_DATA_CACHE);

      await suite.signIn(p, 'paramedic1');
      await controlled(p);
      const origin = new URL(suite.app.url).origin;
      const settled = { timeout: 20_000, interval: 200 };
      await expect
        .poll(
          () =>
            p.evaluate(async () =>
              (await navigator.serviceWorker.getRegistrations()).map((r) => r.scope),
            ),
          settled,
        )
        .toEqual([`${origin}${PARAMEDIC_PAGE}`]);
      await expect
        .poll(async () => Object.keys(await cached(p)), settled)
        .not.toContain(LEGACY_DATA_CACHE);
      await controlled(p);

      // Two patients' plans read in turn: the phone keeps the last one only.
      expect(await read(p, `${carePlanPath('PRIVACY-FIRST')}?orNone=true`)).toBe(200);
      expect(await read(p, `${carePlanPath('PRIVACY-SECOND')}?orNone=true`)).toBe(200);
      const plans = ((await cached(p))[DATA_CACHE] ?? []).filter((u) =>
        u.startsWith('/api/care-plans/'),
      );
      expect(plans).toEqual([`${carePlanPath('PRIVACY-SECOND')}?orNone=true`]);

      // Signed out, a dispatcher on the same browser: their page is not the worker's, and the
      // care plan they read is kept nowhere.
      await Promise.all([p.waitForURL((url) => url.pathname === '/'), p.click('#sign-out')]);
      const written = await (
        await suite.app.as('paramedic1')
      )('PUT', carePlanPath('PRIVACY-DISPATCH'), buildCarePlan());
      expect(written.status).toBe(201);
      await suite.signIn(p, 'dispatcher');
      expect(await p.evaluate(() => navigator.serviceWorker.controller === null)).toBe(true);
      expect(await read(p, carePlanPath('PRIVACY-DISPATCH'))).toBe(200);
      const everywhere = Object.values(await cached(p)).flat();
      expect(everywhere.filter((u) => u.startsWith('/api/'))).toEqual([]);
    });
    expect(shared.problems).toEqual([]);
  }, 180_000);
});
