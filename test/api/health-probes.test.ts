import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/database.js';
import { healthRouter, type HealthDeps } from '../../server/health/health-routes.js';
import { defaultRulesDir } from '../../server/triage/engine.js';
import { loadRuleSet } from '../../server/triage/rule-files.js';
import { testDialects } from '../support/databases.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';

describe.each(testDialects)('liveness and readiness (%s)', (dialect) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await bootTestApp(dialect);
  });
  afterAll(() => app?.stop());

  it('says live and ready without a session, and /api/health as before', async () => {
    await app.server.app.warmedUp;
    const live = await app.request('GET', '/api/health/live');
    expect(live.status).toBe(200);
    expect(live.body).toMatchObject({ status: 'live' });
    const ready = await app.request('GET', '/api/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({
      status: 'ready',
      checks: {
        database: 'up',
        migrations: 'done',
        adapter: 'single-process',
        warmedUp: true,
        eventFeed: 'started',
      },
    });
    const health = await app.request('GET', '/api/health');
    expect(health.body).toMatchObject({ status: 'ok', database: { status: 'up', dialect } });
  });
});

describe('warm-up before readiness', () => {
  it('runs every rule example and opens the pool before it says ready', async () => {
    const lines: string[] = [];
    const logStream = { write: (line: string) => void lines.push(line) };
    const app = await bootTestApp('pglite', { env: { LOG_LEVEL: 'info' }, logStream });
    try {
      await app.server.app.warmedUp;
      const warmed = lines
        .map((l) => JSON.parse(l) as { msg: string; decisions?: number; connections?: number })
        .find((l) => l.msg === 'warmed up: ready for traffic');
      const ruleSet = await loadRuleSet(defaultRulesDir);
      const examples = ruleSet.rules.reduce((n, r) => n + r.examples.length, 0);
      expect(warmed?.decisions).toBeGreaterThanOrEqual(examples);
      expect(warmed?.connections).toBeGreaterThanOrEqual(1);
      const ready = await app.request('GET', '/api/health/ready');
      expect(ready.body).toMatchObject({ status: 'ready', checks: { warmedUp: true } });
    } finally {
      await app.stop();
    }
  });
});

/** The router alone, over a database and adapter that say what the test wants. */
async function probe(deps: Partial<HealthDeps> & { up: boolean }) {
  const db = {
    dialect: 'postgres',
    ping: async () => deps.up,
    // No record of migrations at first sight, so readiness asks knex's list (empty: none pending).
    query: {
      raw: async () => ({ rows: [{ present: false }] }),
      migrate: { list: async () => [[], []] },
    },
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
