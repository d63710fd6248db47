import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Knex } from 'knex';
import type { Database } from '../../server/db/database.js';
import { connected } from '../support/calls.js';
import { createTestDatabase, testDialects, type TestDatabase } from '../support/databases.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';

// A process whose first read of the event log fails (the database hiccups at start-up) has
// no horizon: it must not say ready, nor admit sockets (they would miss the events committed
// before its first good read), until a retried read succeeds.

/** The event feed's read of the log (eventsCommittedSince): the one statement that fails. */
const FEED_READ = 'with now as (select pg_current_snapshot() as snap)';

/** A database whose event-log reads fail while `failing.now` is true; everything else works. */
function failingFeedReads(database: TestDatabase, failing: { now: boolean; refused: number }) {
  return {
    ...database,
    open(): Database {
      const db = database.open();
      const query = new Proxy(db.query, {
        get(target, prop, receiver) {
          if (prop !== 'raw') return Reflect.get(target, prop, receiver) as unknown;
          return (sql: string, ...rest: unknown[]) => {
            if (failing.now && typeof sql === 'string' && sql.startsWith(FEED_READ)) {
              failing.refused++;
              return Promise.reject(new Error('Connection terminated unexpectedly'));
            }
            return (target.raw as (...args: unknown[]) => Knex.Raw)(sql, ...rest);
          };
        },
      });
      return { ...db, query };
    },
  };
}

describe.each(testDialects)('an event feed whose first read fails (%s)', (dialect) => {
  let app: TestApp;
  const failing = { now: true, refused: 0 };
  beforeAll(async () => {
    const database = failingFeedReads(await createTestDatabase(dialect), failing);
    app = await bootTestApp(dialect, { database });
  }, 120_000);
  afterAll(() => app?.stop());

  it('is not ready and refuses sockets in words until a retried read gives it its horizon', async () => {
    await app.server.app.warmedUp;
    expect(failing.refused).toBeGreaterThanOrEqual(1);
    const ready = await app.request('GET', '/api/health/ready');
    expect(ready.status).toBe(503);
    expect(ready.body).toMatchObject({
      status: 'not_ready',
      checks: { database: 'up', warmedUp: true, eventFeed: 'starting' },
    });
    // Live all the same: nothing to restart.
    expect((await app.request('GET', '/api/health/live')).status).toBe(200);

    const token = await app.tokenFor('dispatcher');
    const refused = await connected(app.socket(token)).then(
      () => 'connected',
      (err: Error & { data?: { message?: string } }) => err,
    );
    expect(refused).toMatchObject({
      message: 'events_unavailable',
      data: { message: expect.stringMatching(/cannot deliver live updates yet/) },
    });

    // The database is back: the feed's own retry (each poll) takes the horizon.
    const before = failing.refused;
    await expect.poll(() => failing.refused, { timeout: 10_000 }).toBeGreaterThan(before);
    failing.now = false;
    await expect
      .poll(async () => (await app.request('GET', '/api/health/ready')).status, {
        timeout: 10_000,
      })
      .toBe(200);
    const socket = await connected(app.socket(token));
    expect(socket.connected).toBe(true);
  });
});
