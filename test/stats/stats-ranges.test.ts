// One request must not freeze the service: every period is bounded, dates are
// parsed strictly (years 0001-0099 are those years), a bad date is a 400, and
// building roll-ups never holds what an intake needs.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFallCall } from '../support/calls.js';
import { testDialects } from '../support/databases.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';
import { buildAttendance, buildCall, insertHistory } from './history-factory.js';

const statsRoutes = [
  '/api/stats/summary',
  '/api/stats/timeseries',
  '/api/stats/export.csv',
  '/api/stats/recontacts',
  '/api/stats/missed-opportunities',
];

describe.each(testDialects)('bounded periods and strict dates (%s)', (dialect) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await bootTestApp(dialect);
  });
  afterAll(() => app?.stop());

  it('refuses a period of thousands of years on every statistics route, naming the field', async () => {
    const lead = await app.as('lead');
    for (const route of statsRoutes) {
      const res = await lead('GET', `${route}?from=0001-01-01&to=9999-12-31`);
      expect(res.status, route).toBe(400);
      expect(res.body.error.code).toBe('invalid_query');
      expect(res.body.error.issues).toEqual([
        { path: 'to', message: expect.stringMatching(/at most/) },
      ]);
    }
  });

  it('reads years 0001-0099 as themselves, not as 1901-1999', async () => {
    const lead = await app.as('lead');
    const res = await lead('GET', '/api/stats/summary?from=0050-01-01&to=0050-12-31');
    expect(res.status).toBe(200);
    expect(res.body.from.slice(0, 4)).toBe('0050');
    expect(res.body.to.slice(0, 4)).toBe('0051');
    expect(res.body.calls).toBe(0);
  });

  it('answers every bad date with a 400, never a 500', async () => {
    const lead = await app.as('lead');
    const admin = await app.as('admin');
    for (const bad of ['0000-01-01', '2026-02-30', '2026-13-01', '+275760-09-13', 'yesterday']) {
      const stats = await lead('GET', `/api/stats/summary?from=${encodeURIComponent(bad)}`);
      expect(stats.status, bad).toBe(400);
    }
    for (const bad of [
      '0000-01-01',
      '0000-01-01T00:00:00Z',
      '0001-01-01T00:00:00+01:00', // year 0 in UTC
      '2026-02-30T00:00:00Z',
      '10000-01-01T00:00:00Z',
    ]) {
      const audit = await admin('GET', `/api/audit?from=${encodeURIComponent(bad)}`);
      expect(audit.status, bad).toBe(400);
      expect(audit.body.error.issues[0].path).toBe('from');
    }
    const backwards = await admin('GET', '/api/audit?from=2026-02-01&to=2026-01-01');
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.issues[0].path).toBe('to');
    expect((await admin('GET', '/api/audit?from=0050-01-01')).status).toBe(200);
    const replay = await lead('POST', '/api/rules/replay', {
      rules: { files: { '05-pathways.json': { rules: [] } } },
      from: '0000-01-01T00:00:00Z',
    });
    expect(replay.status).toBe(400);
    expect(replay.body.error.issues[0].path).toBe('from');
  });

  it('refuses an intake received in the future or long ago, and takes one from an hour ago', async () => {
    const dispatcher = await app.as('dispatcher');
    for (const receivedAt of ['1990-06-01T12:00:00Z', '2099-01-01T00:00:00Z']) {
      const res = await dispatcher('POST', '/api/calls', buildFallCall({ receivedAt }));
      expect(res.status, receivedAt).toBe(400);
      expect(res.body.error.issues).toEqual([{ path: 'receivedAt', message: expect.any(String) }]);
    }
    const late = new Date(Date.now() - 3_600_000).toISOString();
    const res = await dispatcher('POST', '/api/calls', buildFallCall({ receivedAt: late }));
    expect(res.status).toBe(201);
    expect(res.body.receivedAt).toBe(late);
  });
});

// Only PostgreSQL has concurrent transactions (PGlite runs one at a time).
describe.runIf(process.env.TEST_DATABASE_URL)('building roll-ups (postgres)', () => {
  let app: TestApp;
  let watcher: pg.Client;
  beforeAll(async () => {
    app = await bootTestApp('postgres');
    // One attendance a month for five years: sixty months for the first summary to build.
    const calls = Array.from({ length: 60 }, (_, i) =>
      buildCall({ received_at: new Date(Date.UTC(2021, i, 15, 12)) }),
    );
    await insertHistory(app.server.db, {
      calls,
      attendances: calls.map((c) => buildAttendance(c)),
    });
    watcher = new pg.Client({ connectionString: app.database.url });
    await watcher.connect();
  });
  afterAll(async () => {
    await watcher?.end();
    await app?.stop();
  });

  it('never computes a month while holding the rows an intake marks dirty', async () => {
    const lead = await app.as('lead');
    // An intake marks today dirty; the next summary takes that mark.
    const dispatcher = await app.as('dispatcher');
    expect((await dispatcher('POST', '/api/calls', buildFallCall())).status).toBe(201);
    let done = false;
    const summary = lead('GET', '/api/stats/summary?from=2021-01-01&to=2025-12-31').finally(
      () => (done = true),
    );
    let building = 0;
    let violations = 0;
    while (!done) {
      // Backends of this database whose last statement computed or stored a month,
      // and whether their transaction still holds a lock on stats_dirty_days.
      const { rows } = await watcher.query<{ holds: boolean }>(
        `select exists (
           select 1 from pg_locks l join pg_class c on c.oid = l.relation
           where l.pid = a.pid and c.relname = 'stats_dirty_days' and l.granted) as holds
         from pg_stat_activity a
         where a.datname = current_database() and a.pid <> pg_backend_pid()
           and a.xact_start is not null
           and (a.query like '%date_part(''epoch''%' or a.query like '%json_populate_recordset%')`,
      );
      building += rows.length;
      violations += rows.filter((r) => r.holds).length;
    }
    expect((await summary).status).toBe(200);
    expect(building).toBeGreaterThan(0); // the watch saw months being built
    expect(violations).toBe(0);
  });
});
