// A socket lives only as long as the session it signed in with: sign-out,
// revocation and expiry end it, and a socket whose session ended gets nothing.
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../../server/auth/auth-service.js';
import { connected } from '../support/calls.js';
import { testDialects } from '../support/databases.js';
import { bootTestApp, DEMO_PASSWORD, type TestApp } from '../support/test-app.js';

function disconnection(socket: Socket, timeoutMs = 20_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('still connected')), timeoutMs);
    socket.once('disconnect', (reason) => (clearTimeout(timer), resolve(reason)));
  });
}

describe.each(testDialects)('sockets bound to their session (%s)', (dialect) => {
  let app: TestApp;
  const signIn = async () => {
    const res = await app.request('POST', '/api/auth/login', {
      body: { email: 'dispatcher@altpath.local', password: DEMO_PASSWORD },
    });
    expect(res.status).toBe(200);
    return res.body.token as string;
  };

  beforeAll(async () => {
    app = await bootTestApp(dialect, { env: { SESSION_WATCH_INTERVAL_MS: '500' } });
  });
  afterAll(() => app?.stop());

  it('disconnects the sockets of a session that signs out', async () => {
    const token = await signIn();
    const socket = await connected(app.socket(token));
    const other = await connected(app.socket(await signIn())); // another session of the same user
    const gone = disconnection(socket);
    expect((await app.request('POST', '/api/auth/logout', { token })).status).toBe(204);
    expect(await gone).toBe('io server disconnect');
    expect(other.connected).toBe(true);
    other.disconnect();
  });

  it('disconnects the sockets of a revoked session', async () => {
    const token = await signIn();
    const socket = await connected(app.socket(token));
    const admin = await app.tokenFor('admin');
    const list = await app.request('GET', '/api/sessions', { token: admin });
    // Newest first: the dispatcher's session just made.
    const session = (list.body.sessions as Array<{ id: string; user: { email: string } }>).find(
      (s) => s.user.email === 'dispatcher@altpath.local',
    );
    const gone = disconnection(socket);
    expect(
      (await app.request('DELETE', `/api/sessions/${session?.id}`, { token: admin })).status,
    ).toBe(204);
    expect(await gone).toBe('io server disconnect');
  });

  it('disconnects a socket when its session expires, and answers nothing after', async () => {
    const token = await signIn();
    const socket = await connected(app.socket(token));
    const before = await socket.emitWithAck('events:since', { after: null });
    expect(before.ok).toBe(true);
    const gone = disconnection(socket);
    // The session runs out in the database (as expiry would), nobody signs out.
    const db = app.server.db.query;
    await db('sessions')
      .where({ token_hash: hashToken(token) })
      .update({ expires_at: db.raw("now() - interval '1 second'") });
    // The next catch-up is refused at once, whatever the watch has done so far.
    const after = await socket
      .timeout(5_000)
      .emitWithAck('events:since', { after: 0 })
      .catch(() => ({ ok: false, error: { code: 'disconnected' } }));
    expect(after.ok).toBe(false);
    expect(['session_ended', 'disconnected']).toContain(after.error.code);
    expect(await gone).toBe('io server disconnect');
  });
});

describe.each(testDialects)('socket limits (%s)', (dialect) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await bootTestApp(dialect, { env: { SOCKETS_PER_USER: '3' } });
  });
  afterAll(() => app?.stop());

  it('refuses more sockets per user than the cap', async () => {
    const token = await app.tokenFor('dispatcher');
    for (let i = 0; i < 3; i += 1) await connected(app.socket(token));
    const refused = await new Promise<string>((resolve) => {
      const socket = app.socket(token);
      socket.once('connect', () => resolve('connected'));
      socket.once('connect_error', (err) => resolve(err.message));
    });
    expect(refused).toBe('too_many_connections');
    // Another user is not affected.
    await connected(app.socket(await app.tokenFor('lead')));
  });

  it('rate-limits events:since per socket', async () => {
    const socket = await connected(app.socket(await app.tokenFor('lead')));
    const answers = await Promise.all(
      Array.from({ length: 40 }, () => socket.emitWithAck('events:since', { after: 0 })),
    );
    const limited = answers.filter((a) => !a.ok && a.error.code === 'rate_limited');
    expect(limited.length).toBeGreaterThan(0);
    expect(answers.filter((a) => a.ok).length).toBeGreaterThan(0);
  });
});

describe('a session that simply runs out (pglite)', () => {
  let app: TestApp;
  beforeAll(async () => {
    // 0.002 h is 7.2 s: the socket's own timer ends it, with no watch sweep in time.
    app = await bootTestApp('pglite', {
      env: { SESSION_TTL_HOURS: '0.002', SESSION_WATCH_INTERVAL_MS: '3600000' },
    });
  });
  afterAll(() => app?.stop());

  it('disconnects its sockets at expiry', async () => {
    const socket = await connected(app.socket(await app.tokenFor('dispatcher')));
    expect(await disconnection(socket, 30_000)).toBe('io server disconnect');
  });
});
