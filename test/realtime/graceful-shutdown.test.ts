import { io } from 'socket.io-client';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialects, type TestDatabase } from '../support/databases.js';
import { buildFallCall, connected } from '../support/calls.js';
import { startChildServer, stopChildServer } from '../support/child-server.js';

describe.each(testDialects)('graceful shutdown on SIGTERM (%s)', (dialect) => {
  let database: TestDatabase;
  afterAll(() => database?.dispose());

  it('finishes in-flight requests, tells sockets to reconnect elsewhere, closes the database and exits 0', async () => {
    database = await createTestDatabase(dialect);
    const env: Record<string, string> = database.url
      ? { DATABASE_URL: database.url }
      : { DATA_DIR: database.dataDir as string };
    const server = await startChildServer(env);
    const login = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'dispatcher@altpath.local', password: 'altpath-demo' }),
    });
    const { token } = (await login.json()) as { token: string };
    const socket = await connected(
      io(server.url, { auth: { token }, transports: ['websocket'], reconnection: false }),
    );
    const draining = new Promise<void>((resolve) =>
      socket.once('server:draining', () => resolve()),
    );
    const disconnected = new Promise<string>((resolve) =>
      socket.once('disconnect', (reason) => resolve(reason)),
    );

    const inFlight = Array.from({ length: 20 }, () =>
      fetch(`${server.url}/api/calls`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(buildFallCall()),
      }).then(
        (res) => res.status,
        () => 'refused' as const,
      ),
    );
    await new Promise((r) => setTimeout(r, 30)); // requests are on the wire
    server.child.kill('SIGTERM');

    const statuses = await Promise.all(inFlight);
    await draining;
    expect(await disconnected).toBe('io server disconnect');
    expect((await server.exited).code).toBe(0);
    // Nothing half-done: each request either completed or was never accepted.
    for (const status of statuses) expect([201, 'refused']).toContain(status);
    expect(statuses.filter((s) => s === 201).length).toBeGreaterThan(0);

    // Every call acknowledged with 201 is there after a restart.
    const restarted = await startChildServer(env);
    try {
      const res = await fetch(`${restarted.url}/api/calls?limit=500`, {
        headers: { authorization: `Bearer ${token}` },
      });
      const calls = (await res.json()) as unknown[];
      expect(calls.length).toBeGreaterThanOrEqual(statuses.filter((s) => s === 201).length);
    } finally {
      expect((await stopChildServer(restarted)).code).toBe(0);
    }
  }, 120_000);
});
