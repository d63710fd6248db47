// The phone works without a network: the service worker (client/src/service-worker.ts)
// keeps the app shell and the reads the page starts from. The page writes those reads into
// the worker's copy itself: on the first visit they were made before the worker took
// control, and the current assignment changes with every step and push (re-reading it from
// the server each time would audit a view of the patient's details each time), so a reload
// in a basement shows where the crew really is. Signing out deletes the copy.
import type { OfferView } from '../shared/contract.js';
import { CARE_PLAN_PATH, DATA_CACHE, PARAMEDIC_PAGE } from './offline-names.js';

const ASSIGNMENT = '/api/me/assignment';

export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator)) return;
  const scope = new URL(PARAMEDIC_PAGE, window.location.origin).href;
  navigator.serviceWorker
    .register('/sw.js', { scope })
    .then(() => navigator.serviceWorker.getRegistrations())
    // An earlier build registered the worker for the whole site: that one goes.
    .then((all) => Promise.all(all.filter((r) => r.scope !== scope).map((r) => r.unregister())))
    .catch((err: unknown) => console.warn('The offline copy is not available:', err));
}

/** Writes `body` into the offline copy as the answer to GET `path`. */
export function remember(path: string, body: unknown): void {
  if (!('caches' in window)) return;
  const answer = new Response(JSON.stringify(body), {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
  caches
    .open(DATA_CACHE)
    .then((cache) => cache.put(path, answer))
    .catch(() => undefined); // storage full or refused: the network copy still works
}

/** No call on this phone: its patient's care plan is no longer needed here. */
export function forgetCarePlans(): void {
  if (!('caches' in window)) return;
  caches
    .open(DATA_CACHE)
    .then(async (cache) => {
      const kept = await cache.keys();
      const plans = kept.filter((r) => CARE_PLAN_PATH.test(new URL(r.url).pathname));
      await Promise.all(plans.map((r) => cache.delete(r)));
    })
    .catch(() => undefined);
}

/** The assignment as the server would answer GET /api/me/assignment now. */
export const rememberOffer = (offer: OfferView | null): void => remember(ASSIGNMENT, { offer });
