import http from 'node:http';
import { Writable } from 'node:stream';
import fc from 'fast-check';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { destinationIds, unitIds } from '../../seeds/ids.js';
import { buildCrisisCall, connected } from '../support/calls.js';
import { bootTestApp, type DemoUser, type TestApp } from '../support/test-app.js';
import { settledFingerprint } from './db-fingerprint.js';
import {
  bodyFor,
  credentials,
  hugeStrings,
  pathParam,
  wrongValue,
  type Body,
  type Json,
} from './fuzz-payloads.js';
import { discoverRoutes, discoverSocketEvents, isWrite } from './routes.js';

// Hostile input against every write route and socket event of one booted app
// (PGlite): no 5xx, the server stays up, and a rejected request changes nothing.

const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 1_000_000);
const BATCH = 400;
const CONCURRENCY = 16;
// Sign-in payloads cost a password hash each (~50 ms of CPU): fewer of them. The
// admin's directory routes share one schema style and body: fewer each, still hundreds.
const payloadsPer = (route: string) =>
  route.includes('/auth/login')
    ? 300
    : route.includes('/auth/logout')
      ? 400
      : /^(POST|PATCH) \/api\/(users|units|destinations)(\/:id)?$/.test(route)
        ? 300
        : 1_000;

type Fingerprint = Awaited<ReturnType<typeof settledFingerprint>>;

/** Outcome of one payload: an HTTP status, or a socket ack mapped onto one. */
type Attempt = { label: string; send: () => Promise<number> };

describe('fuzzing (pglite)', () => {
  let app: TestApp;
  const tokens = {} as Record<DemoUser, string>;
  const fixtures = { pendingCall: '', assignedCall: '', assignment: '' };
  const serverErrors: string[] = [];
  /** Accepted includes socket messages sent without an acknowledgement (outcome unknown). */
  const tally = { accepted: 0, rejected: 0 };

  beforeAll(async () => {
    app = await bootTestApp('pglite', {
      // Server errors (the cause behind any 5xx) are kept to explain a failure.
      logStream: new Writable({
        write(chunk: Buffer, _encoding, done) {
          if (serverErrors.length < 20) serverErrors.push(chunk.toString().slice(0, 2_000));
          done();
        },
      }),
      env: {
        LOG_LEVEL: 'error',
        API_RATE_PER_MIN: '10000000',
        LOGIN_FREE_FAILURES: '10000000',
        LOGIN_FREE_FAILURES_PER_ADDRESS: '10000000',
        OFFER_TIMEOUT_S: '3600', // no offer expires while the fuzz runs
      },
    });
    for (const user of ['dispatcher', 'paramedic1', 'paramedic2', 'lead', 'admin'] as const)
      tokens[user] = await app.tokenFor(user);
    const dispatcher = await app.as('dispatcher');
    fixtures.pendingCall = (await dispatcher('POST', '/api/calls', buildCrisisCall())).body.id;
    fixtures.assignedCall = (await dispatcher('POST', '/api/calls', buildCrisisCall())).body.id;
    const offered = await dispatcher('POST', `/api/calls/${fixtures.assignedCall}/dispatch`, {
      unitId: unitIds.cp11,
      overrideReason: 'fuzz fixture',
    });
    fixtures.assignment = offered.body.assignment.id;
    expect(
      (
        await (
          await app.as('paramedic1')
        )('POST', `/api/assignments/${fixtures.assignment}/status`, { status: 'accepted' })
      ).status,
    ).toBe(200);
  });
  afterAll(() => app?.stop());

  /** Per route: a valid body, the id its `:param` takes, and who may call it. */
  function routeShape(route: string): {
    valid: Parameters<typeof bodyFor>[0];
    id: string;
    user?: DemoUser;
  } {
    const path = route.split(' ')[1] ?? '';
    const shapes: Record<string, ReturnType<typeof routeShape>> = {
      '/api/auth/login': {
        valid: { email: 'dispatcher@altpath.local', password: 'not-the-password' },
        id: '',
      },
      // Anonymous: a fuzzed logout with a real token would end the fuzz's own sessions.
      '/api/auth/logout': { valid: {}, id: '' },
      '/api/triage': { valid: buildCrisisCall(), id: '', user: 'dispatcher' },
      '/api/calls': { valid: buildCrisisCall(), id: '', user: 'dispatcher' },
      '/api/calls/:id/dispatch': {
        valid: { unitId: unitIds.cp13, overrideReason: 'fuzzing' },
        id: fixtures.pendingCall,
        user: 'dispatcher',
      },
      '/api/calls/:id/assessment': {
        valid: { answers: { conscious: true } },
        id: fixtures.assignedCall,
        user: 'paramedic1',
      },
      '/api/assignments/:id/status': {
        valid: { status: 'en_route' },
        id: fixtures.assignment,
        user: 'paramedic1',
      },
      '/api/destinations/:id/capacity': {
        valid: { capacity: 'amber' },
        id: destinationIds.crisisCentre,
        user: 'lead',
      },
      '/api/rules/replay': {
        valid: { rules: { files: { '99-fuzz.json': { rules: 'not-a-list' } } } },
        id: '',
        user: 'lead',
      },
    };
    // Any other route (a new one) is still fuzzed, as an admin, with ids that name nothing.
    return shapes[path] ?? { valid: {}, id: '0f000000-0000-4000-8000-00000000f022', user: 'admin' };
  }

  function httpAttempts(route: string, count: number): Attempt[] {
    const [method = 'POST', template = ''] = route.split(' ');
    const shape = routeShape(route);
    const others = route.includes('/auth/logout') ? ['not-a-session'] : Object.values(tokens);
    const arb = fc.record({
      segments: fc.tuple(
        pathParam(shape.id || fc.sample(fc.uuid(), 1)[0]!),
        pathParam(shape.id || 'x'),
      ),
      body: bodyFor(shape.valid),
      headers: credentials(shape.user ? tokens[shape.user] : undefined, others),
      idempotencyKey: fc.option(
        fc.oneof(fc.uuid(), fc.constantFrom("' OR 1=1 --", '', 'k'.repeat(300))),
        { freq: 8 },
      ),
    });
    return fc
      .sample(arb, { numRuns: count, seed: seed + template.length })
      .map(({ segments, body, headers, idempotencyKey }) => {
        let n = 0;
        const path = template.replace(/:[A-Za-z]+/g, () => segments[n++ % 2] ?? '');
        const init = requestInit(method, body, {
          ...headers,
          ...(idempotencyKey !== null ? { 'idempotency-key': idempotencyKey } : {}),
        });
        return { label: `${method} ${path}`, send: () => send(app.url, path, init) };
      });
  }

  /** `handled`: the server listens to this event (and so acknowledges it). */
  function socketAttempts(
    event: string,
    handled: boolean,
    sockets: Socket[],
    count: number,
  ): Attempt[] {
    const valid: Json =
      event === 'unit:position'
        ? { lat: 42.98, lng: -81.24 }
        : event === 'events:since'
          ? { after: 0 }
          : {};
    const arb = fc.tuple(
      fc.nat(sockets.length - 1),
      fc.oneof(
        bodyFor(valid),
        wrongValue.map((json): Body => ({ json })),
      ),
      fc.boolean(),
    );
    const samples = fc.sample(arb, { numRuns: count, seed: seed + event.length });
    const payloadOf = (body: Body) =>
      'json' in body ? body.json : 'raw' in body ? body.raw : undefined;
    // Over socket.io's 100 kB message limit the sender is cut off: that is checked on its own below.
    const fitting = samples.filter(
      ([, body]) => (JSON.stringify(payloadOf(body)) ?? '').length < 99_000,
    );
    return fitting.map(([who, body, wantsAck]) => {
      const payload = payloadOf(body);
      const socket = sockets[who]!;
      return {
        label: `${event} ${JSON.stringify(payload)?.slice(0, 80)}`,
        send: async () => {
          if (!handled || !wantsAck) {
            socket.emit(event, payload); // no answer to wait for: the server must simply cope
            return 202; // outcome unknown: never counted as a rejection
          }
          const ack = (await socket.timeout(5_000).emitWithAck(event, payload)) as {
            ok: boolean;
            error?: { code: string };
          };
          if (ack.ok) return 200;
          return ack.error?.code === 'internal_error' ? 500 : 400;
        },
      };
    });
  }

  /**
   * Runs a batch; a rejected request must leave every table as it was. Takes and
   * returns the settled fingerprint, so one batch's "after" is the next one's "before".
   */
  async function runBatch(
    batch: Attempt[],
    before: Fingerprint,
    failures: string[],
  ): Promise<Fingerprint> {
    const statuses = await pool(batch, (a) =>
      a.send().catch((err: unknown) => (failures.push(`${a.label}: ${String(err)}`), 0)),
    );
    statuses.forEach((status, i) => {
      if (status >= 500 || status === 0) failures.push(`${batch[i]!.label} → ${status}`);
      tally[status >= 400 && status < 500 ? 'rejected' : 'accepted']++;
    });
    const rejected = batch.filter((_, i) => statuses[i]! >= 400 && statuses[i]! < 500);
    const after = await settledFingerprint(app.server.db);
    if (same(after, before)) return after; // nothing changed, so no rejected request changed anything
    expect(rejected.length, 'only rejected requests, yet the database changed').toBeLessThan(
      batch.length,
    );
    // Accepted requests changed things: replay the rejected ones on their own.
    const again = await pool(rejected, (a) => a.send().catch(() => 0));
    // The state moved on under them (a 409 became a 2xx): nothing to compare.
    if (again.some((status) => status < 400)) return settledFingerprint(app.server.db);
    const afterReplay = await settledFingerprint(app.server.db);
    expect(afterReplay, 'a rejected request changed the database').toEqual(after);
    return afterReplay;
  }

  it(
    'survives at least 10,000 hostile payloads on every write route and socket event',
    { timeout: 600_000 },
    async () => {
      const started = Date.now();
      const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();
      const routes = discoverRoutes(app.server.app.express).filter(isWrite);
      expect(routes).toContain('POST /api/calls');
      const failures: string[] = [];
      let sent = 0;

      const groups = routes.map((route) => httpAttempts(route, payloadsPer(route)));
      const sockets = await Promise.all(
        (['paramedic1', 'dispatcher', 'lead'] as const).map((u) =>
          connected(app.socket(tokens[u])),
        ),
      );
      const handled = await discoverSocketEvents(app, tokens.paramedic1);
      const events = [...handled, 'no:such-event', '__proto__', 'constructor'];
      groups.push(
        ...events.map((event) =>
          socketAttempts(
            event,
            handled.includes(event),
            sockets,
            handled.includes(event) ? 600 : 100,
          ),
        ),
      );
      // One route per batch: most routes never change anything, so their batches need no
      // replay of rejected requests; the batches themselves run in a seeded order.
      const batches = groups.flatMap((group) => chunks(group, BATCH));
      const ordered = fc.sample(fc.shuffledSubarray(batches, { minLength: batches.length }), {
        numRuns: 1,
        seed,
      })[0]!;
      let state = await settledFingerprint(app.server.db);
      for (const [n, batch] of ordered.entries()) {
        const t0 = Date.now();
        state = await runBatch(batch, state, failures);
        sent += batch.length;
        if (process.env.FUZZ_DEBUG)
          console.log(
            `batch ${n} (${batch[0]?.label.slice(0, 40)}): ${Date.now() - t0} ms`,
            failures.slice(-3),
          );
        if (failures.length > 20) break;
      }
      sent += await hostileHandshakes(app, 100, failures);
      sent += await oversizedSocketMessages(app, tokens.paramedic1, failures);

      expect(failures, [...failures.slice(0, 20), ...serverErrors.slice(0, 5)].join('\n')).toEqual(
        [],
      );
      expect((await app.request('GET', '/api/health')).status).toBe(200);
      expect((await app.request('GET', '/api/me', { token: tokens.admin })).status).toBe(200);
      expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      const seconds = (Date.now() - started) / 1000;
      console.log(
        `fuzz: ${sent} payloads (${tally.rejected} rejected, ${tally.accepted} accepted or unacknowledged) over ` +
          `${routes.length} write routes and ${events.length} socket events in ${seconds.toFixed(1)} s, FUZZ_SEED=${seed}`,
      );
      expect(sent).toBeGreaterThanOrEqual(10_000);
    },
  );
});

interface Init {
  method: string;
  headers: Record<string, string>;
  body?: string;
}

function requestInit(method: string, body: Body, headers: Record<string, string>): Init {
  if ('none' in body) return { method, headers };
  if ('raw' in body)
    return { method, headers: { ...headers, 'content-type': body.contentType }, body: body.raw };
  const text = JSON.stringify(body.json);
  if (text === undefined) return { method, headers };
  return { method, headers: { ...headers, 'content-type': 'application/json' }, body: text };
}

// node:http with keep-alive: a third of fetch's cost per request, and the client
// shares this process (and its one core) with the server under test.
const agent = new http.Agent({ keepAlive: true, maxSockets: 32 });

function send(base: string, path: string, init: Init): Promise<number> {
  return new Promise((resolve, reject) => {
    const body = init.body === undefined ? undefined : Buffer.from(init.body);
    const headers = { ...init.headers, ...(body ? { 'content-length': String(body.length) } : {}) };
    const req = http.request(`${base}${path}`, { method: init.method, agent, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

const same = (a: Fingerprint, b: Fingerprint) => JSON.stringify(a) === JSON.stringify(b);

function chunks<T>(items: T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, i) =>
    items.slice(i * size, (i + 1) * size),
  );
}

async function pool<T, R>(items: T[], work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, items.length) }, worker));
  return results;
}

/** Handshakes with hostile `auth`: every one refused, none crashing the server. */
async function hostileHandshakes(app: TestApp, count: number, failures: string[]): Promise<number> {
  const auths = fc.sample(fc.oneof(fc.anything(), wrongValue, fc.record({ token: wrongValue })), {
    numRuns: count,
    seed,
  });
  await pool(auths, async (auth) => {
    const { io } = await import('socket.io-client');
    const socket = io(app.url, {
      auth: auth as Record<string, unknown>,
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    });
    const outcome = await new Promise<string>((resolve) => {
      socket.once('connect', () => resolve('connected'));
      socket.once('connect_error', (err) => resolve(err.message));
      // `auth` that is not an object is a protocol error: the server closes the connection.
      socket.io.once('close', () => resolve('closed'));
      setTimeout(() => resolve('no answer within 5 s'), 5_000);
    });
    socket.disconnect();
    if (outcome !== 'unauthenticated' && outcome !== 'closed')
      failures.push(`handshake ${JSON.stringify(auth)?.slice(0, 80)} → ${outcome}`);
  });
  return count;
}

/** Messages over socket.io's 100 kB limit: the sender is cut off, the server carries on. */
async function oversizedSocketMessages(
  app: TestApp,
  token: string,
  failures: string[],
): Promise<number> {
  const big = hugeStrings.filter((s) => s.length > 100_000);
  for (const text of big) {
    const socket = await connected(app.socket(token));
    const closed = new Promise((resolve) => socket.once('disconnect', resolve));
    socket.emit('unit:position', { lat: 1, lng: 1, note: text });
    const result = await Promise.race([
      closed.then(() => 'closed'),
      new Promise((r) => setTimeout(() => r('still open'), 5_000)),
    ]);
    if (result !== 'closed')
      failures.push('an oversized socket message did not close its connection');
  }
  return big.length;
}
