import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userIds } from '../../seeds/ids.js';
import { hashToken } from '../../server/auth/auth-service.js';
import { testDialects } from '../support/databases.js';
import { connected } from '../support/calls.js';
import { DEMO_PASSWORD, bootTestApp, type TestApp } from '../support/test-app.js';

const WRONG_PASSWORD = 'Wr0ng-passw0rd-that-must-never-be-logged';
const triageBody = { patient: { age: 40 }, complaint: 'fall', answers: { conscious: true } };

describe.each(testDialects)('sessions, cross-site requests and the log (%s)', (dialect) => {
  let app: TestApp;
  let log = '';

  beforeAll(async () => {
    // Everything the server logs, at the most verbose level, lands in `log`.
    const logStream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        log += chunk.toString();
        done();
      },
    });
    app = await bootTestApp(dialect, { env: { LOG_LEVEL: 'trace' }, logStream });
  });
  afterAll(() => app?.stop());

  /** A new session (not app.tokenFor's cached one: these get revoked). */
  async function signIn(user: string, password = DEMO_PASSWORD) {
    return app.request('POST', '/api/auth/login', {
      body: { email: `${user}@altpath.local`, password },
    });
  }
  async function sessionOf(user: string) {
    const res = await signIn(user);
    expect(res.status).toBe(200);
    const token = res.body.token as string;
    const me = await app.server.db
      .query('sessions')
      .where({ token_hash: hashToken(token) })
      .first<{ id: string }>('id');
    return { token, id: me.id };
  }

  it('never logs a password, on failed or successful sign-in or on a malformed one', async () => {
    expect((await signIn('dispatcher', WRONG_PASSWORD)).status).toBe(401);
    expect((await signIn('nobody', WRONG_PASSWORD)).status).toBe(401);
    expect(
      (
        await app.request('POST', '/api/auth/login', {
          body: { email: 'not-an-email', password: WRONG_PASSWORD },
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await app.request('POST', '/api/auth/login', {
          body: { email: 'a@b.c', password: WRONG_PASSWORD, extra: 1 },
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await app.request('POST', '/api/auth/login', {
          rawBody: `{"email":"a@b.c","password":"${WRONG_PASSWORD}"`,
        })
      ).status,
    ).toBe(400);
    const ok = await signIn('dispatcher');
    expect(ok.status).toBe(200);
    expect(log).toContain('/api/auth/login'); // the capture works: requests were logged
    expect(log).not.toContain(WRONG_PASSWORD);
    expect(log).not.toContain(DEMO_PASSWORD);
    expect(log).not.toContain(ok.body.token);
  });

  it('lets an admin list live sessions with who, role, when and from where', async () => {
    const { id } = await sessionOf('paramedic1');
    const admin = await app.as('admin');
    const res = await admin('GET', '/api/sessions');
    expect(res.status).toBe(200);
    const listed = res.body.sessions.find((s: { id: string }) => s.id === id);
    expect(listed).toMatchObject({
      user: { id: userIds.paramedic1, email: 'paramedic1@altpath.local', role: 'paramedic' },
      ip: expect.stringMatching(/127\.0\.0\.1/),
      current: false,
    });
    expect(Date.parse(listed.expiresAt)).toBeGreaterThan(Date.parse(listed.createdAt));
    expect(res.body.sessions.filter((s: { current: boolean }) => s.current)).toHaveLength(1);
    for (const user of ['dispatcher', 'paramedic1', 'lead'] as const) {
      expect((await (await app.as(user))('GET', '/api/sessions')).status).toBe(403);
    }
  });

  it('lets a user end their own session, not anyone else’s; an admin ends any, audited, and its sockets drop', async () => {
    const mine = await sessionOf('paramedic1');
    const other = await sessionOf('paramedic2');
    const socket = await connected(app.socket(other.token));
    const dropped = new Promise((resolve) => socket.once('disconnect', resolve));

    const asMe = (method: string, path: string) => app.request(method, path, { token: mine.token });
    expect((await asMe('DELETE', `/api/sessions/${other.id}`)).status).toBe(403);
    expect((await asMe('DELETE', `/api/sessions/${mine.id}`)).status).toBe(204);
    expect((await asMe('GET', '/api/me')).status).toBe(401);

    const admin = await app.as('admin');
    expect((await admin('DELETE', `/api/sessions/${other.id}`)).status).toBe(204);
    expect((await app.request('GET', '/api/me', { token: other.token })).status).toBe(401);
    await dropped;
    expect((await admin('DELETE', `/api/sessions/${other.id}`)).status).toBe(404); // no longer live
    expect((await admin('DELETE', '/api/sessions/not-a-uuid')).status).toBe(400);

    const audit = await admin('GET', `/api/audit?action=auth:session_revoked&entityId=${other.id}`);
    expect(audit.body.entries).toEqual([
      expect.objectContaining({
        actorId: userIds.admin,
        actorRole: 'admin',
        details: expect.objectContaining({ userId: userIds.paramedic2 }),
      }),
    ]);
  });

  it('refuses an expired session', async () => {
    const token = randomBytes(32).toString('base64url');
    await app.server.db.query('sessions').insert({
      token_hash: hashToken(token),
      user_id: userIds.dispatcher,
      expires_at: new Date(Date.now() - 1_000),
    });
    expect((await app.request('GET', '/api/me', { token })).status).toBe(401);
  });

  describe('cross-site requests', () => {
    const cookieRequest = async (
      method: string,
      path: string,
      headers: Record<string, string>,
      body?: unknown,
    ) => {
      const token = await app.tokenFor('dispatcher');
      return app.request(method, path, {
        body,
        headers: { cookie: `altpath_session=${token}`, ...headers },
      });
    };

    it('refuses a cookie-authenticated write without our Origin or Referer', async () => {
      const attempts: Array<Record<string, string>> = [
        {},
        { origin: 'https://evil.example' },
        { origin: 'null' },
        { referer: 'https://evil.example/page' },
        // Same host and port, other scheme; same host, other port: other origins.
        { origin: app.url.replace('http://', 'https://') },
        { origin: `http://${new URL(app.url).hostname}:1` },
      ];
      for (const headers of attempts) {
        const res = await cookieRequest('POST', '/api/triage', headers, triageBody);
        expect(res.status, JSON.stringify(headers)).toBe(403);
        expect(res.body.error.code).toBe('csrf_rejected');
      }
    });

    it('accepts a cookie-authenticated write from our own origin, and reads and bearer requests without one', async () => {
      expect(
        (await cookieRequest('POST', '/api/triage', { origin: app.url }, triageBody)).status,
      ).toBe(200);
      expect(
        (
          await cookieRequest(
            'POST',
            '/api/triage',
            { referer: `${app.url}/dispatcher.html` },
            triageBody,
          )
        ).status,
      ).toBe(200);
      expect((await cookieRequest('GET', '/api/me', {})).status).toBe(200);
      const bearer = await app.request('POST', '/api/triage', {
        token: await app.tokenFor('dispatcher'),
        body: triageBody,
      });
      expect(bearer.status).toBe(200);
    });
  });
});
