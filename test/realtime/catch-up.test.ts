import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../support/databases.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';
import { buildFallCall, connected, nextEvent } from '../support/calls.js';
import { purgeEventsBefore } from '../../server/realtime/event-log-repository.js';

interface Meta {
  room: string;
  id: number;
  tx: number;
  horizon: number;
}

describe.each(testDialects)('event log and catch-up (%s)', (dialect) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await bootTestApp(dialect);
  });
  afterAll(() => app?.stop());

  it('pushes every event with its place in the log, once, and keeps it', async () => {
    const board = await connected(app.socket(await app.tokenFor('dispatcher')));
    const seen: Meta[] = [];
    board.onAny((_event: string, _payload: unknown, meta?: Meta) => meta && seen.push(meta));
    const dispatcher = await app.as('dispatcher');
    const last = nextEvent<{ notes: string }>(board, 'call:created', (c) => c.notes === 'third');
    for (const notes of ['first', 'second', 'third'])
      await dispatcher('POST', '/api/calls', buildFallCall({ notes }));
    await last;
    expect(seen.length).toBeGreaterThanOrEqual(3);
    expect(new Set(seen.map((m) => m.id)).size).toBe(seen.length);
    // One process writes one batch at a time: its events come in the log's order,
    // each at or above the horizon pushed with it.
    const order = seen.map((m) => [m.tx, m.id] as const);
    expect(order).toEqual([...order].sort(([ta, ia], [tb, ib]) => ta - tb || ia - ib));
    for (const m of seen) expect(m.tx).toBeGreaterThanOrEqual(m.horizon);
    const stored = await app.server.db
      .query('realtime_events')
      .where({ room: 'dispatch' })
      .whereIn(
        'id',
        seen.map((m) => m.id),
      );
    expect(stored).toHaveLength(seen.length);
  });

  it('gives a client that reconnects everything it missed, in order, once', async () => {
    const token = await app.tokenFor('dispatcher');
    const first = await connected(app.socket(token));
    const start = await first.emitWithAck('events:since', { after: null });
    expect(start.ok).toBe(true);
    const horizon = start.data.horizon as number;
    const callsBefore = new Set(
      (await app.server.db.query('calls').select('id')).map((c: { id: string }) => c.id),
    );
    first.disconnect();

    const dispatcher = await app.as('dispatcher');
    const created: string[] = [];
    for (let i = 0; i < 5; i++)
      created.push(
        (await dispatcher('POST', '/api/calls', buildFallCall({ notes: `missed ${i}` }))).body.id,
      );
    await app.server.app.eventsFlushed();

    const again = await connected(app.socket(token));
    const missed = await again.emitWithAck('events:since', { after: horizon });
    expect(missed).toMatchObject({ ok: true, data: { room: 'dispatch', resync: false } });
    const events = missed.data.events as Array<{
      id: number;
      tx: number;
      event: string;
      payload: { id: string };
    }>;
    // Every call created while away, in order, once. The horizon is the oldest transaction
    // open anywhere on the database server (other test files' too), so the answer may
    // also repeat events from before the client left: those are calls it already had.
    const createdEvents = events.filter((e) => e.event === 'call:created').map((e) => e.payload.id);
    expect(createdEvents.filter((id) => created.includes(id))).toEqual(created);
    expect(new Set(createdEvents).size).toBe(createdEvents.length);
    for (const id of createdEvents.filter((id) => !created.includes(id)))
      expect(callsBefore.has(id), `call ${id} repeated but not known before`).toBe(true);
    for (const e of events) expect(e.tx).toBeGreaterThanOrEqual(horizon);
    expect(missed.data.horizon).toBeGreaterThanOrEqual(horizon);

    // Asked again from the new horizon: only what the client already has above it, if anything.
    const ids = new Set(events.map((e) => e.id));
    const again2 = await again.emitWithAck('events:since', { after: missed.data.horizon });
    for (const e of again2.data.events as Array<{ id: number }>) expect(ids.has(e.id)).toBe(true);
  });

  it('asks for a resync when events the client missed were purged, and validates the request', async () => {
    const socket = await connected(app.socket(await app.tokenFor('admin')));
    const before = await socket.emitWithAck('events:since', { after: null });
    const dispatcher = await app.as('dispatcher');
    await dispatcher('POST', '/api/calls', buildFallCall({ notes: 'purged soon' }));
    await app.server.app.eventsFlushed();
    const db = app.server.db.query;
    await db('realtime_events').update({ created_at: db.raw("now() - interval '2 days'") });
    await purgeEventsBefore(db, new Date(Date.now() - 86_400_000));
    const old = await socket.emitWithAck('events:since', { after: before.data.horizon });
    expect(old.data).toMatchObject({ resync: true, events: [] });
    const bad = await socket.emitWithAck('events:since', { after: -4 });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
  });

  it('keeps paramedics to their own unit room, and leads to the de-identified board', async () => {
    const socket = await connected(app.socket(await app.tokenFor('paramedic2')));
    const answer = await socket.emitWithAck('events:since', { after: null });
    expect(answer.data.room).toMatch(/^unit:/);

    const lead = await connected(app.socket(await app.tokenFor('lead')));
    const seen = nextEvent<{
      notes: string | null;
      patient: { key: string | null };
      location: { address: string | null };
    }>(lead, 'call:created');
    const dispatcher = await app.as('dispatcher');
    await dispatcher(
      'POST',
      '/api/calls',
      buildFallCall({ notes: 'lives with daughter', patient: { age: 80, key: 'k-9' } }),
    );
    expect(await seen).toMatchObject({
      notes: null,
      patient: { key: null },
      location: { address: null },
    });
  });
});
