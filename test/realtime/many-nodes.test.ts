import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';
import { hearPushedEvents } from '../support/pushed-events.js';
import { buildFallCall, connected, nextEvent } from '../support/calls.js';
import { startChildServer, stopChildServer, type ChildServer } from '../support/child-server.js';

const password = 'altpath-demo';

async function signIn(url: string, user: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: `${user}@altpath.local`, password }),
  });
  return ((await res.json()) as { token: string }).token;
}

async function post(url: string, token: string, path: string, body: unknown) {
  const res = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  return {
    status: res.status,
    body: (await res.json()) as { id: string; assignment: { id: string } },
  };
}

// Several processes share one PostgreSQL: only meaningful on PostgreSQL.
describe.runIf(process.env.TEST_DATABASE_URL)('two server processes on one PostgreSQL', () => {
  let database: TestDatabase;
  let a: ChildServer;
  let b: ChildServer;
  const sockets: Socket[] = [];
  const socketTo = (url: string, token: string) => {
    const socket = hearPushedEvents(
      io(url, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true }),
    );
    sockets.push(socket);
    return connected(socket);
  };

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    const env = { DATABASE_URL: database.url as string, OFFER_TIMEOUT_S: '1' };
    a = await startChildServer(env); // seeds first (migrated: a copy of the template)
    b = await startChildServer(env);
  }, 120_000);
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await Promise.all([a && stopChildServer(a), b && stopChildServer(b)]);
    await database?.dispose();
  });

  it('delivers a call created on one process to a dashboard connected to the other', async () => {
    const token = await signIn(a.url, 'dispatcher');
    const board = await socketTo(b.url, token);
    const pushed = nextEvent<{ id: string; notes: string }>(
      board,
      'call:created',
      (c) => c.notes === 'across nodes',
    );
    const created = await post(
      a.url,
      token,
      '/api/calls',
      buildFallCall({ notes: 'across nodes' }),
    );
    expect(created.status).toBe(201);
    expect((await pushed).id).toBe(created.body.id);
  });

  it("disconnects a session's sockets on the other process when it signs out", async () => {
    const token = await signIn(a.url, 'dispatcher');
    const onB = await socketTo(b.url, token);
    const gone = new Promise<string>((resolve) => onB.once('disconnect', resolve));
    const res = await fetch(`${a.url}/api/auth/logout`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(204);
    expect(await gone).toBe('io server disconnect');
  });

  it("disconnects a disabled user's sockets on the other process at once", async () => {
    const admin = await signIn(a.url, 'admin');
    const token = await signIn(a.url, 'paramedic2');
    const onB = await socketTo(b.url, token);
    const gone = new Promise<string>((resolve) => onB.once('disconnect', resolve));
    const me = (await (
      await fetch(`${a.url}/api/me`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as { user: { id: string } };
    const res = await fetch(`${a.url}/api/users/${me.user.id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
      body: JSON.stringify({ active: false }),
    });
    expect(res.status).toBe(200);
    expect(await gone).toBe('io server disconnect');
  });

  it('lets a client catch up on another process with the last number it saw', async () => {
    const token = await signIn(a.url, 'dispatcher');
    const onA = await socketTo(a.url, token);
    const start = await onA.emitWithAck('events:since', { after: null });
    onA.disconnect();
    const created = await post(
      a.url,
      token,
      '/api/calls',
      buildFallCall({ notes: 'missed while away' }),
    );
    const onB = await socketTo(b.url, token);
    // Events are stored just after the request answers: poll briefly for them.
    let events: Array<{ event: string; payload: { id: string } }> = [];
    for (let i = 0; i < 50 && !events.some((e) => e.payload.id === created.body.id); i++) {
      events = (await onB.emitWithAck('events:since', { after: start.data.horizon })).data.events;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(events.filter((e) => e.event === 'call:created').map((e) => e.payload.id)).toContain(
      created.body.id,
    );
  });

  it('expires an unanswered offer exactly once across both processes', async () => {
    const token = await signIn(b.url, 'dispatcher');
    const board = await socketTo(a.url, token);
    const created = await post(
      b.url,
      token,
      '/api/calls',
      buildFallCall({ notes: 'timeout across nodes' }),
    );
    const dispatched = await post(b.url, token, `/api/calls/${created.body.id}/dispatch`, {});
    expect(dispatched.status).toBe(201);
    await nextEvent<{ id: string; status: string }>(
      board,
      'assignment:updated',
      (x) => x.id === dispatched.body.assignment.id && x.status === 'expired',
      10_000,
    );
    await new Promise((r) => setTimeout(r, 1_500)); // both sweepers have run again since
    const pg = (await import('pg')).default;
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const { rows } = await client.query(
        `select details->>'assignmentId' as assignment, count(*)::int as n from audit_log
         where action = 'assignment:expired' and entity_id = $1 group by 1`,
        [created.body.id],
      );
      expect(rows.length).toBeGreaterThanOrEqual(1);
      for (const row of rows) expect(row.n).toBe(1);
      const offers = await client.query(
        `select count(*)::int as n from assignments where call_id = $1`,
        [created.body.id],
      );
      // Every expiry led to exactly one re-offer (or none when no unit was left).
      expect(offers.rows[0].n).toBeLessThanOrEqual(rows.length + 1);
    } finally {
      await client.end();
    }
  });
});
