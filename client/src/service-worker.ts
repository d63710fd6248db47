// The paramedic's phone keeps working without a network (issue 11): this worker keeps
// the app shell (the page and its hashed scripts and styles, listed at build time by
// build/service-worker.ts) and the last answers of the few reads the page starts from
// (who is signed in, the units, the current assignment and its care plan). Reads go to the
// network first and fall back to the copy; writes are never cached (the page queues status
// changes itself, with an Idempotency-Key). Signing out, or a session the server no longer
// knows, deletes the copies: patient details stay on a phone only while its user is signed in.

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
  skipWaiting(): Promise<void>;
  clients: { claim(): Promise<void> };
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', listener: (event: FetchEvent) => void): void;
}

const worker = self as unknown as WorkerScope;
const SHELL_CACHE = `altpath-shell-${__VERSION__}`;
/** Patient details: deleted on sign-out and when the session has ended. */
const DATA_CACHE = 'altpath-data';
const SHELL_PAGE = '/paramedic.html';
/** The reads the paramedic's page starts from; anything else goes to the network alone. */
const OFFLINE_READS = [
  /^\/api\/me$/,
  /^\/api\/me\/assignment$/,
  /^\/api\/units$/,
  /^\/api\/client-config$/,
  /^\/api\/care-plans\/[^/]+$/,
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
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(
          names
            .filter((name) => name.startsWith('altpath-shell-') && name !== SHELL_CACHE)
            .map((name) => caches.delete(name)),
        ),
      )
      .then(() => worker.clients.claim()),
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

/** The network's answer, kept for later; without a network, the last one kept. */
async function networkFirst(request: Request, cacheName: string, key?: string): Promise<Response> {
  try {
    const answer = await fetch(request);
    if (answer.status === 401) await caches.delete(DATA_CACHE);
    else if (answer.ok) {
      const cache = await caches.open(cacheName);
      await cache.put(key ?? request, answer.clone());
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

async function signOut(request: Request): Promise<Response> {
  await caches.delete(DATA_CACHE);
  return fetch(request);
}
