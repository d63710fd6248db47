import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../support/databases.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';
import { buildFallCall, connected, nextEvent } from '../support/calls.js';

interface Meta {
  room: string;
  seq: number;
}

describe.each(testDialects)('event numbering and catch-up (%s)', (dialect) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await bootTestApp(dialect);
  });
  afterAll(() => app?.stop());

  it('numbers every pushed event in its room, without gaps, and keeps it', async () => {
    const board = await connected(app.socket(await app.tokenFor('dispatcher')));
    const seen: number[] = [];
    board.onAny((_event: string, _payload: unknown, meta?: Meta) => meta && seen.push(meta.seq));
    const dispatcher = await app.as('dispatcher');
    const last = nextEvent<{ notes: string }>(board, 'call:created', (c) => c.notes === 'third');
    for (const notes of ['first', 'second', 'third'])
      await dispatcher('POST', '/api/calls', buildFallCall({ notes }));
    await last;
    expect(seen.length).toBeGreaterThanOrEqual(3);
    expect(seen).toEqual(seen.map((_, i) => (seen[0] as number) + i));
    const stored = await app.server.db
      .query('realtime_events')
      .where({ room: 'dispatch' })
      .whereIn('seq', seen);
    expect(stored).toHaveLength(seen.length);
  });

  it('gives a client that reconnects everything it missed, in order, once', async () => {
    const token = await app.tokenFor('dispatcher');
    const first = await connected(app.socket(token));
    const start = await first.emitWithAck('events:since', { afterSeq: null });
    expect(start.ok).toBe(true);
    const lastSeen = start.data.latestSeq as number;
    first.disconnect();

    const dispatcher = await app.as('dispatcher');
    const created: string[] = [];
    for (let i = 0; i < 5; i++)
      created.push(
        (await dispatcher('POST', '/api/calls', buildFallCall({ notes: `missed ${i}` }))).body.id,
      );
    await app.server.app.eventsFlushed();

    const again = await connected(app.socket(token));
    const missed = await again.emitWithAck('events:since', { afterSeq: lastSeen });
    expect(missed).toMatchObject({ ok: true, data: { room: 'dispatch', resync: false } });
    const events = missed.data.events as Array<{
      seq: number;
      event: string;
      payload: { id: string };
    }>;
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => lastSeen + 1 + i));
    expect(events.filter((e) => e.event === 'call:created').map((e) => e.payload.id)).toEqual(
      created,
    );
    expect(missed.data.latestSeq).toBe(events.at(-1)?.seq);

    const none = await again.emitWithAck('events:since', { afterSeq: missed.data.latestSeq });
    expect(none.data.events).toEqual([]);
  });

  it('asks for a resync when the client is too far behind, and validates the request', async () => {
    const socket = await connected(app.socket(await app.tokenFor('admin')));
    await app.server.db.query('realtime_events').where({ room: 'dispatch', seq: 1 }).delete();
    const old = await socket.emitWithAck('events:since', { afterSeq: 0 });
    expect(old.data.resync).toBe(true);
    const bad = await socket.emitWithAck('events:since', { afterSeq: -4 });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
  });

  it('keeps paramedics to their own unit room, and leads to the de-identified board', async () => {
    const socket = await connected(app.socket(await app.tokenFor('paramedic2')));
    const answer = await socket.emitWithAck('events:since', { afterSeq: null });
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
