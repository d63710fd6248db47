import fc from 'fast-check';
import { Server } from 'socket.io';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/database.js';
import { migrateToLatest } from '../../server/db/migrate.js';
import { createLogger } from '../../server/logging/logger.js';
import {
  appendEvents,
  currentHorizon,
  roomEventsFrom,
} from '../../server/realtime/event-log-repository.js';
import { createEventFeed } from '../../server/realtime/event-feed.js';
import type { AltpathIo } from '../../server/realtime/publisher.js';
import { eventCursor } from '../../shared/event-cursor.js';
import { createTestDatabase, testDialects, type TestDatabase } from '../support/databases.js';

const ROOM = 'dispatch';
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A client catching up as the browser does: from its horizon, recognising what it has by id. */
function catchingUpReader(db: Database) {
  const cursor = eventCursor();
  const got: number[] = [];
  return {
    got,
    cursor,
    async catchUp() {
      const horizon = await currentHorizon(db.query);
      const events = await roomEventsFrom(db.query, ROOM, cursor.horizon() ?? 0, 100_000);
      for (const e of events) if (cursor.take(e)) got.push(e.id);
      cursor.advance(horizon);
    },
  };
}

const committedIds = async (db: Database) =>
  (await db.query('realtime_events').where({ room: ROOM }).orderBy('id').pluck('id')).map(Number);

describe.each(testDialects)('event log read while many write (%s)', (dialect) => {
  let store: TestDatabase;
  let db: Database;
  beforeAll(async () => {
    store = await createTestDatabase(dialect);
    db = store.open();
    await migrateToLatest(db);
  });
  afterAll(async () => {
    await db?.close();
    await store?.dispose();
  });

  it('never skips an event whose transaction commits after a higher-numbered one', async () => {
    // Each writer: transactions that keep events, wait, maybe keep more, then
    // commit or roll back; ids taken early may commit late. A client catching
    // up repeatedly, and a process's feed, must each end with every committed
    // event exactly once, and nothing rolled back.
    const writer = fc.array(
      fc.record({
        events: fc.integer({ min: 1, max: 3 }),
        waitMs: fc.integer({ min: 0, max: 15 }),
        more: fc.boolean(),
        commit: fc.boolean(),
      }),
      { minLength: 1, maxLength: 4 },
    );
    await fc.assert(
      fc.asyncProperty(
        // PGlite has one connection: fewer writers, so none waits for it past the acquire timeout.
        fc.array(writer, { minLength: 2, maxLength: dialect === 'pglite' ? 4 : 6 }),
        fc.integer({ min: 0, max: 5 }),
        async (writers, readerPauseMs) => {
          await db.query('realtime_events').delete();
          const reader = catchingUpReader(db);
          await reader.catchUp();
          const fed: number[] = [];
          const feed = createEventFeed(new Server() as AltpathIo, db, createLogger('silent'), {
            onDelivered: (e) => e.room === ROOM && fed.push(e.id),
          });
          await feed.read(); // its start-up read: from now on
          let writing = true;
          const readers = (async () => {
            while (writing) {
              await reader.catchUp();
              await feed.read();
              await pause(readerPauseMs);
            }
          })();
          let n = 0;
          await Promise.all(
            writers.map(async (transactions) => {
              for (const t of transactions) {
                const keep = (count: number) =>
                  Array.from({ length: count }, () => ({
                    room: ROOM,
                    event: 'call:created',
                    payload: { n: n++ },
                  }));
                await db
                  .transaction(async (trx) => {
                    await appendEvents(trx, keep(t.events));
                    await pause(t.waitMs);
                    if (t.more) await appendEvents(trx, keep(1));
                    if (!t.commit) throw new Error('rolled back');
                  })
                  .catch((err: Error) => {
                    if (err.message !== 'rolled back') throw err;
                  });
              }
            }),
          );
          writing = false;
          await readers;
          await reader.catchUp();
          await feed.read();
          feed.close();
          const committed = await committedIds(db);
          expect([...reader.got].sort((a, b) => a - b)).toEqual(committed);
          expect([...fed].sort((a, b) => a - b)).toEqual(committed);
          // Everything is below the horizon now: the reader holds no ids. (On a
          // PostgreSQL server, any transaction open in any database holds it back.)
          if (dialect === 'pglite') expect(reader.cursor.held()).toBe(0);
        },
      ),
      { numRuns: dialect === 'pglite' ? 10 : 40 },
    );
  });

  it.runIf(dialect === 'postgres')(
    'holds its horizon below a transaction still open, and gets its event once it commits',
    async () => {
      await db.query('realtime_events').delete();
      const reader = catchingUpReader(db);
      await reader.catchUp();
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      let early = 0;
      const slow = db.transaction(async (trx) => {
        const [first] = await appendEvents(trx, [
          { room: ROOM, event: 'call:created', payload: { slow: true } },
        ]);
        early = first?.id ?? 0;
        await held;
      });
      while (!early) await pause(5);
      const [fast] = await appendEvents(db.query, [
        { room: ROOM, event: 'call:created', payload: { fast: true } },
      ]);
      expect(fast?.id).toBeGreaterThan(early);
      await reader.catchUp();
      expect(reader.got).toEqual([fast?.id]);
      release();
      await slow;
      await reader.catchUp();
      expect(reader.got).toEqual([fast?.id, early]);
    },
  );
});
