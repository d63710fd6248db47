import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../support/databases.js';
import {
  DEMO_PASSWORD,
  bootTestApp,
  type TestApp,
  type TestResponse,
} from '../support/test-app.js';

// TRUST_PROXY: the test client plays a reverse proxy on loopback, so each test
// chooses the client address its sign-ins come from (X-Forwarded-For).
const env = { API_RATE_PER_MIN: '20', TRUST_PROXY: 'loopback' };

function expectRateLimited(res: TestResponse) {
  expect(res.status).toBe(429);
  expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
  expect(res.body).toEqual({
    error: { code: 'rate_limited', message: expect.any(String) },
    requestId: res.headers.get('x-request-id'),
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(testDialects)('sign-in throttling and rate limits (%s)', (dialect) => {
  let app: TestApp;
  const signIn = (user: string, password: string, from: string) =>
    app.request('POST', '/api/auth/login', {
      body: { email: `${user}@altpath.local`, password },
      headers: { 'x-forwarded-for': from },
    });

  beforeAll(async () => {
    // The defaults: 5 free failures, then 1 s, 2 s, …
    app = await bootTestApp(dialect, { env: { TRUST_PROXY: 'loopback' } });
  });
  afterAll(() => app?.stop());

  it('never makes a person who mistypes a few times wait', async () => {
    for (let i = 0; i < 5; i++)
      expect((await signIn('lead', `typo-${i}`, '198.51.100.1')).status).toBe(401);
    expect((await signIn('lead', DEMO_PASSWORD, '198.51.100.1')).status).toBe(200);
  });

  it('slows a guesser down with a growing wait, and only at the guesser’s address', async () => {
    const attacker = '203.0.113.66';
    const answers: number[] = [];
    for (let i = 0; i < 10; i++)
      answers.push((await signIn('dispatcher', `guess-${i}`, attacker)).status);
    expect(answers.slice(0, 6)).toEqual([401, 401, 401, 401, 401, 401]);
    expect(answers.slice(6)).toEqual([429, 429, 429, 429]); // refused unchecked: no guess made
    const first = await signIn('dispatcher', 'guess', attacker);
    expectRateLimited(first);
    expect(Number(first.headers.get('retry-after'))).toBe(1);
    await sleep(1_100);
    expect((await signIn('dispatcher', 'guess-again', attacker)).status).toBe(401);
    const second = await signIn('dispatcher', 'guess', attacker);
    expectRateLimited(second);
    expect(Number(second.headers.get('retry-after'))).toBe(2); // it doubles
    // Case and spaces do not open a fresh budget.
    expectRateLimited(
      await app.request('POST', '/api/auth/login', {
        body: { email: ' DISPATCHER@altpath.local', password: 'x' },
        headers: { 'x-forwarded-for': attacker },
      }),
    );
    // Meanwhile the dispatcher, at the station, signs in at once: nobody locks out anyone.
    expect((await signIn('dispatcher', DEMO_PASSWORD, '198.51.100.20')).status).toBe(200);
  });

  it('does not lock a shared station out after 50 failures from its address', async () => {
    const station = '198.51.100.30';
    for (let i = 0; i < 50; i++)
      expect((await signIn(`nobody-${i}`, 'guess', station)).status).toBe(401);
    expect((await signIn('admin', DEMO_PASSWORD, station)).status).toBe(200);
  }, 120_000);

  it('behind a trusted proxy, counts and audits the client’s address, not the proxy’s', async () => {
    const viaProxy = await signIn('nobody-x', 'guess', '203.0.113.9');
    expect(viaProxy.status).toBe(401);
    const audited = await app.server.db
      .query('audit_log')
      .where({ action: 'auth:login_failed' })
      .orderBy('id', 'desc')
      .first();
    expect(audited.ip).toBe('203.0.113.9');
  });
});

describe.each(testDialects)('spraying, and API requests (%s)', (dialect) => {
  let app: TestApp;
  const tokens = { first: '', second: '' };
  beforeAll(async () => {
    app = await bootTestApp(dialect, { env: { ...env, LOGIN_FREE_FAILURES_PER_ADDRESS: '5' } });
    tokens.first = await app.tokenFor('paramedic1');
    tokens.second = await app.tokenFor('paramedic2');
  });
  afterAll(() => app?.stop());

  it('makes that address wait, for a few seconds at most', async () => {
    const sprayer = '203.0.113.77';
    const attempt = (i: number) =>
      app.request('POST', '/api/auth/login', {
        body: { email: `victim-${i}@altpath.local`, password: 'Summer2026!' },
        headers: { 'x-forwarded-for': sprayer },
      });
    for (let i = 0; i < 6; i++) expect((await attempt(i)).status).toBe(401);
    const waited = await attempt(6);
    expectRateLimited(waited);
    expect(Number(waited.headers.get('retry-after'))).toBeLessThanOrEqual(30);
  });

  it('limits API requests per user with 429 and Retry-After; health and other users are unaffected', async () => {
    for (let i = 0; i < 20; i++)
      expect((await app.request('GET', '/api/me', { token: tokens.first })).status).toBe(200);
    expectRateLimited(await app.request('GET', '/api/me', { token: tokens.first }));
    expect((await app.request('GET', '/api/me', { token: tokens.second })).status).toBe(200);
    expect((await app.request('GET', '/api/health')).status).toBe(200);
  });
});

// One limit for all processes: two apps on one PostgreSQL database share the counters.
describe.runIf(process.env.TEST_DATABASE_URL)('rate limits across processes (postgres)', () => {
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    a = await bootTestApp('postgres', { env });
    b = await bootTestApp('postgres', { env, database: a.database });
  });
  afterAll(async () => {
    await b?.stop({ dispose: false });
    await a?.stop();
  });

  it('counts a user’s requests to both processes against one budget', async () => {
    const token = await a.tokenFor('lead');
    for (let i = 0; i < 10; i++) {
      expect((await a.request('GET', '/api/me', { token })).status).toBe(200);
      expect((await b.request('GET', '/api/me', { token })).status).toBe(200);
    }
    expectRateLimited(await b.request('GET', '/api/me', { token }));
    expectRateLimited(await a.request('GET', '/api/me', { token }));
  });
});
