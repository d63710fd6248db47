import { afterAll, describe, expect, it } from 'vitest';
import { buildCrisisCall } from '../support/calls.js';
import { bootTestApp, DEMO_PASSWORD, type TestApp } from '../support/test-app.js';

describe('demo accounts in a production database (pglite)', () => {
  let app: TestApp | undefined;
  afterAll(() => app?.stop());

  it('disables them when the data is started with NODE_ENV=production', async () => {
    const dev = await bootTestApp('pglite'); // development: demo accounts seeded
    const token = await dev.tokenFor('dispatcher');
    await dev.stop({ dispose: false });
    app = await bootTestApp('pglite', {
      database: dev.database,
      env: { NODE_ENV: 'production', SESSION_SECRET: 'a-production-secret-of-our-own' },
    });
    const signIn = await app.request('POST', '/api/auth/login', {
      body: { email: 'dispatcher@altpath.local', password: DEMO_PASSWORD },
    });
    expect(signIn.status).toBe(401);
    // A session signed in before is over too.
    expect((await app.request('GET', '/api/me', { token })).status).toBe(401);
  }, 120_000);
});

describe('patient data is never cached (pglite)', () => {
  let app: TestApp;
  afterAll(() => app?.stop());

  it('answers every API route with Cache-Control: no-store', async () => {
    app = await bootTestApp('pglite');
    const dispatcher = await app.as('dispatcher');
    const created = await dispatcher('POST', '/api/calls', buildCrisisCall());
    expect(created.headers.get('cache-control')).toBe('no-store');
    for (const path of [`/api/calls/${created.body.id}`, '/api/calls', '/api/units', '/api/me']) {
      const res = await dispatcher('GET', path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('cache-control'), path).toBe('no-store');
    }
    // Errors too (they can name what was asked for).
    expect((await dispatcher('GET', '/api/nowhere')).headers.get('cache-control')).toBe('no-store');
  });
});
