// The paramedic's phone keeps working without a network (issue 11): this worker keeps
// the app shell (the page and its hashed scripts and styles, listed at build time by
// build/service-worker.ts) and the last answers of the few reads the page starts from
// (who is signed in, the units, the current assignment and its care plan). Reads go to the
// network first and fall back to the copy; writes are never cached (the page queues status
// changes itself, with an Idempotency-Key). Signing out, or a session the server no longer
// knows, deletes the copies: patient details stay on a phone only while its user is signed in.
// It controls the paramedic's page alone (offline-names.ts says why), and keeps one care plan.
import {
  CARE_PLAN_PATH,
  DATA_CACHE,
  LEGACY_DATA_CACHE,
  PARAMEDIC_PAGE,
} from './paramedic/offline-names.js';

// The build replaces these with the shell's URLs and a version made from them.
declare const __SHELL__: string[];
declare const __VERSION__: string;

// The worker's own globals, declared here: the client's DOM types do not include them.
interface ExtendableEvent extends Event {
  waitUntil(work: Promise<unknown>): void;
}
interface FetchEvent extends ExtendableEvent {
  readonly request: Request;
  respondWith(answer: Promise<Response> | Response): void;
}
interface WorkerScope {
  registration: { scope: string; unregister(): Promise<boolean> };
  skipWaiting(): Promise<void>;
  clients: { claim(): Promise<void> };
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', listener: (event: FetchEvent) => void): void;
}

const worker = self as unknown as WorkerScope;
const SHELL_CACHE = `altpath-shell-${__VERSION__}`;
const SHELL_PAGE = PARAMEDIC_PAGE;
/** The reads the paramedic's page starts from; anything else goes to the network alone. */
const OFFLINE_READS = [
  /^\/api\/me$/,
  /^\/api\/me\/assignment$/,
  /^\/api\/units$/,
  /^\/api\/client-config$/,
  CARE_PLAN_PATH,
];

worker.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(SHELL_CACHE)
      .then((cache) => cache.addAll(__SHELL__))
      .then(() => worker.skipWaiting()),
  );
});

worker.addEventListener('activate', (event) => {
  // Registered for the whole site by an earlier build (its registration updates to this
  // script on any page): it goes, rather than watch the other pages' reads.
  const misplaced = worker.registration.scope !== new URL(SHELL_PAGE, location.origin).href;
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(
          names
            .filter(
              (name) =>
                (name.startsWith('altpath-shell-') && name !== SHELL_CACHE) ||
                name === LEGACY_DATA_CACHE,
            )
            .map((name) => caches.delete(name)),
        ),
      )
      .then(async () => {
        if (misplaced) await worker.registration.unregister();
        else await worker.clients.claim();
      }),
  );
});

worker.addEventListener('fetch', (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (url.origin !== location.origin) return;
  if (request.method !== 'GET') {
    if (url.pathname === '/api/auth/logout') event.respondWith(signOut(request));
    return;
  }
  if (request.mode === 'navigate' && url.pathname === SHELL_PAGE) {
    event.respondWith(networkFirst(request, SHELL_CACHE, SHELL_PAGE));
  } else if (url.pathname.startsWith('/assets/')) {
    event.respondWith(cacheFirst(request));
  } else if (OFFLINE_READS.some((path) => path.test(url.pathname))) {
    event.respondWith(networkFirst(request, DATA_CACHE));
  }
});

/** The phone needs its current patient's care plan only: any other one goes. */
async function keepOneCarePlan(cache: Cache, kept: Request): Promise<void> {
  const others = (await cache.keys()).filter(
    (r) => r.url !== kept.url && CARE_PLAN_PATH.test(new URL(r.url).pathname),
  );
  await Promise.all(others.map((r) => cache.delete(r)));
}

/** The network's answer, kept for later; without a network, the last one kept. */
async function networkFirst(request: Request, cacheName: string, key?: string): Promise<Response> {
  try {
    const answer = await fetch(request);
    if (answer.status === 401) await caches.delete(DATA_CACHE);
    else if (answer.ok) {
      const cache = await caches.open(cacheName);
      await cache.put(key ?? request, answer.clone());
      if (CARE_PLAN_PATH.test(new URL(request.url).pathname)) await keepOneCarePlan(cache, request);
    }
    return answer;
  } catch (offline) {
    const kept = await caches.match(key ?? request);
    if (kept) return kept;
    throw offline;
  }
}

/** Hashed assets never change under their name: the copy is as good as the network's. */
async function cacheFirst(request: Request): Promise<Response> {
  return (await caches.match(request)) ?? fetch(request);
}

/**
 * The copy goes once the server has ended the session (or had already: 401), not before:
 * offline, the page refuses the sign-out (client/src/shared/session.ts says why) and the crew,
 * still signed in, still needs the copy to work.
 */
async function signOut(request: Request): Promise<Response> {
  const answer = await fetch(request);
  if (answer.ok || answer.status === 401) await caches.delete(DATA_CACHE);
  return answer;
}
