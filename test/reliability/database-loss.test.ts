// The database going away under running processes: a PostgreSQL restart
// (pg_terminate_backend of every connection, the adapter's LISTEN one included),
// an outage (the database refusing connections for a while) and a dropped
// database. Each process must stay up, say so (503), and recover by itself.
import pg from 'pg';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFallCall, connected, nextEvent } from '../support/calls.js';
import { startChildServer, stopChildServer, type ChildServer } from '../support/child-server.js';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';
import { hearPushedEvents } from '../support/pushed-events.js';

const adminUrl = process.env.TEST_DATABASE_URL;

async function admin<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function health(url: string) {
  const res = await fetch(`${url}/api/health`);
  return { status: res.status, body: (await res.json()) as { status: string } };
}

describe.runIf(adminUrl)('losing the database', () => {
  let database: TestDatabase;
  let name: string;
  let a: ChildServer;
  let b: ChildServer;
  let token: string;
  const sockets: Socket[] = [];

  const alive = (server: ChildServer) =>
    server.child.exitCode === null && server.child.signalCode === null;
  const terminateAll = () =>
    admin(
      `select pg_terminate_backend(pid) from pg_stat_activity
       where datname = $1 and pid <> pg_backend_pid()`,
      [name],
    );
  const listeners = async () =>
    (
      await admin<{ n: number }>(
        `select count(*)::int as n from pg_stat_activity where datname = $1 and query ilike 'LISTEN%'`,
        [name],
      )
    )[0]?.n ?? 0;
  const api = (url: string, method: string, path: string, body?: unknown) =>
    fetch(`${url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    }).then(async (res) => ({ status: res.status, body: (await res.json()) as any })); // eslint-disable-line @typescript-eslint/no-explicit-any

  /** A call created on A reaches a dispatcher's socket on B: the adapter carries it. */
  async function crossProcessPushWorks(notes: string) {
    const board = hearPushedEvents(
      io(b.url, {
        auth: { token },
        transports: ['websocket'],
        reconnection: false,
        forceNew: true,
      }),
    );
    sockets.push(board);
    await connected(board);
    const pushed = nextEvent<{ notes: string }>(board, 'call:created', (c) => c.notes === notes);
    const created = await api(a.url, 'POST', '/api/calls', buildFallCall({ notes }));
    expect(created.status).toBe(201);
    expect((await pushed).notes).toBe(notes);
    board.disconnect();
  }

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    name = new URL(database.url as string).pathname.slice(1);
    const env = { DATABASE_URL: database.url as string };
    a = await startChildServer(env);
    b = await startChildServer(env);
    const res = await fetch(`${a.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'dispatcher@altpath.local', password: 'altpath-demo' }),
    });
    token = ((await res.json()) as { token: string }).token;
    await until('both adapters listening', async () =>
      (await listeners()) >= 2 ? true : undefined,
    );
  }, 120_000);

  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await Promise.all([a && stopChildServer(a), b && stopChildServer(b)]);
    await admin(`alter database ${name} allow_connections true`).catch(() => undefined);
    await database?.dispose();
  });

  it('survives pg_terminate_backend of the LISTEN connection and re-subscribes', async () => {
    await admin(
      `select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and query ilike 'LISTEN%'`,
      [name],
    );
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(alive(a) && alive(b)).toBe(true);
    await until('both adapters listening again', async () =>
      (await listeners()) >= 2 ? true : undefined,
    );
    await crossProcessPushWorks('after the LISTEN connection was killed');
  });

  it('survives every connection being terminated (a PostgreSQL restart)', async () => {
    await terminateAll();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(alive(a) && alive(b)).toBe(true);
    await until('healthy again', async () =>
      (await health(a.url)).status === 200 ? true : undefined,
    );
    await until('both adapters listening again', async () =>
      (await listeners()) >= 2 ? true : undefined,
    );
    expect((await api(a.url, 'GET', '/api/calls')).status).toBe(200);
    await crossProcessPushWorks('after a restart');
  });

  it('answers 503 while the database is away, and recovers without a restart', async () => {
    await admin(`alter database ${name} allow_connections false`);
    await terminateAll();
    for (const server of [a, b]) {
      const down = await until('health to say down', async () => {
        const h = await health(server.url);
        return h.status === 503 ? h : undefined;
      });
      expect(down.body.status).toBe('down');
    }
    const calls = await api(a.url, 'GET', '/api/calls');
    expect(calls.status).toBe(503);
    expect(calls.body.error.code).toBe('database_unavailable');
    const intake = await api(b.url, 'POST', '/api/calls', buildFallCall());
    expect(intake.status).toBe(503);
    expect(intake.body.error.code).toBe('database_unavailable');
    // A socket that connects now is told why, not sent back to sign in.
    const refused = io(a.url, {
      auth: { token },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    });
    sockets.push(refused);
    const why = await new Promise<string>((resolve) =>
      refused.once('connect_error', (err) => resolve(err.message)),
    );
    expect(why).toBe('database_unavailable');
    // Let the adapters try (and fail) to reconnect a few times.
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    expect(alive(a) && alive(b)).toBe(true);

    await admin(`alter database ${name} allow_connections true`);
    for (const server of [a, b]) {
      await until('healthy again', async () =>
        (await health(server.url)).status === 200 ? true : undefined,
      );
    }
    await until('both adapters listening again', async () =>
      (await listeners()) >= 2 ? true : undefined,
    );
    expect((await api(b.url, 'GET', '/api/calls')).status).toBe(200);
    await crossProcessPushWorks('after an outage');
  }, 90_000);

  it('survives its database being dropped (dropdb --force)', async () => {
    await admin(`drop database ${name} with (force)`);
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(alive(a) && alive(b)).toBe(true);
    const down = await health(a.url);
    expect(down.status).toBe(503);
    expect(down.body.status).toBe('down');
    const calls = await api(b.url, 'GET', '/api/calls');
    expect(calls.status).toBe(503);
    expect(calls.body.error.code).toBe('database_unavailable');
    // A database of that name again (restored elsewhere): the processes reconnect by themselves.
    await admin(`create database ${name}`);
    for (const server of [a, b]) {
      await until('healthy again', async () =>
        (await health(server.url)).status === 200 ? true : undefined,
      );
    }
    expect(alive(a) && alive(b)).toBe(true);
  }, 90_000);
});
