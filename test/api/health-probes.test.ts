import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/database.js';
import { healthRouter, type HealthDeps } from '../../server/health/health-routes.js';
import { testDialects } from '../support/databases.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';

describe.each(testDialects)('liveness and readiness (%s)', (dialect) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await bootTestApp(dialect);
  });
  afterAll(() => app?.stop());

  it('says live and ready without a session, and /api/health as before', async () => {
    const live = await app.request('GET', '/api/health/live');
    expect(live.status).toBe(200);
    expect(live.body).toMatchObject({ status: 'live' });
    const ready = await app.request('GET', '/api/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({
      status: 'ready',
      checks: { database: 'up', migrations: 'done', adapter: 'single-process', warmedUp: true },
    });
    const health = await app.request('GET', '/api/health');
    expect(health.body).toMatchObject({ status: 'ok', database: { status: 'up', dialect } });
  });
});

/** The router alone, over a database and adapter that say what the test wants. */
async function probe(deps: Partial<HealthDeps> & { up: boolean }) {
  const db = {
    dialect: 'postgres',
    ping: async () => deps.up,
    query: { migrate: { list: async () => [[], []] } },
  } as unknown as Database;
  const server = express()
    .use(healthRouter({ db, ruleSetVersion: 'v', ...deps }))
    .listen(0);
  await new Promise((resolve) => server.once('listening', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const get = async (path: string) => {
      const res = await fetch(base + path);
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };
    return { live: await get('/health/live'), ready: await get('/health/ready') };
  } finally {
    server.close();
  }
}

describe('readiness apart from liveness', () => {
  it('is not ready while the database is down, and still live', async () => {
    const { live, ready } = await probe({ up: false });
    expect(live.status).toBe(200);
    expect(ready.status).toBe(503);
    expect(ready.body).toMatchObject({ status: 'not_ready', checks: { database: 'down' } });
  });

  it('is not ready while the adapter is not subscribed, or before warm-up', async () => {
    const deaf = await probe({ up: true, cluster: { listening: () => false } });
    expect(deaf.ready.status).toBe(503);
    expect(deaf.ready.body).toMatchObject({ checks: { adapter: 'reconnecting' } });
    const cold = await probe({ up: true, warm: () => false });
    expect(cold.ready.status).toBe(503);
    expect(cold.ready.body).toMatchObject({ checks: { warmedUp: false } });
    const ok = await probe({ up: true, cluster: { listening: () => true }, warm: () => true });
    expect(ok.ready.status).toBe(200);
  });
});
