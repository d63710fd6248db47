import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../support/databases.js';
import {
  DEMO_PASSWORD,
  bootTestApp,
  type TestApp,
  type TestResponse,
} from '../support/test-app.js';

// Limits lowered so a handful of requests reach them. Every sign-in here comes
// from 127.0.0.1, so the steps below share the per-address budget on purpose.
// TRUST_PROXY: the test client plays a reverse proxy on loopback.
const env = {
  LOGIN_RATE_PER_ACCOUNT_15MIN: '3',
  LOGIN_RATE_PER_IP_15MIN: '6',
  API_RATE_PER_MIN: '20',
  TRUST_PROXY: 'loopback',
};

function expectRateLimited(res: TestResponse) {
  expect(res.status).toBe(429);
  expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
  expect(res.body).toEqual({
    error: { code: 'rate_limited', message: expect.any(String) },
    requestId: res.headers.get('x-request-id'),
  });
}

describe.each(testDialects)('rate limits (%s)', (dialect) => {
  let app: TestApp;
  const signIn = (user: string, password: string) =>
    app.request('POST', '/api/auth/login', { body: { email: `${user}@altpath.local`, password } });

  const tokens = { first: '', second: '' };

  beforeAll(async () => {
    app = await bootTestApp(dialect, { env });
    // Signed in before the address is limited; successful sign-ins never count.
    tokens.first = await app.tokenFor('paramedic1');
    tokens.second = await app.tokenFor('paramedic2');
  });
  afterAll(() => app?.stop());

  it('limits failed sign-ins per account, then refuses even the right password; other accounts still sign in', async () => {
    for (let i = 0; i < 3; i++) expect((await signIn('dispatcher', `wrong-${i}`)).status).toBe(401);
    expectRateLimited(await signIn('dispatcher', DEMO_PASSWORD));
    // Normalised like the service: case and spaces do not open a fresh budget.
    expectRateLimited(
      await app.request('POST', '/api/auth/login', {
        body: { email: ' DISPATCHER@altpath.local', password: 'x' },
      }),
    );
    // Successes do not count: a station where many sign in is never locked out.
    for (let i = 0; i < 3; i++) expect((await signIn('lead', DEMO_PASSWORD)).status).toBe(200);
  });

  it('limits failed sign-ins per address, across accounts', async () => {
    // 5 failures so far from this address (3 wrong passwords, 2 refused).
    expect((await signIn('nobody-1', 'guess')).status).toBe(401);
    expectRateLimited(await signIn('nobody-2', 'guess'));
    expectRateLimited(await signIn('admin', DEMO_PASSWORD));
  });

  it('behind a trusted proxy, counts and audits the client’s address, not the proxy’s', async () => {
    const viaProxy = await app.request('POST', '/api/auth/login', {
      body: { email: 'nobody-3@altpath.local', password: 'guess' },
      headers: { 'x-forwarded-for': '203.0.113.9' },
    });
    expect(viaProxy.status).toBe(401); // this address has a budget of its own
    const audited = await app.server.db
      .query('audit_log')
      .where({ action: 'auth:login_failed' })
      .orderBy('id', 'desc')
      .first();
    expect(audited.ip).toBe('203.0.113.9');
  });

  it('limits API requests per user with 429 and Retry-After; health and other users are unaffected', async () => {
    for (let i = 0; i < 20; i++)
      expect((await app.request('GET', '/api/me', { token: tokens.first })).status).toBe(200);
    expectRateLimited(await app.request('GET', '/api/me', { token: tokens.first }));
    expect((await app.request('GET', '/api/me', { token: tokens.second })).status).toBe(200);
    expect((await app.request('GET', '/api/health')).status).toBe(200);
  });
});
