import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userIds, unitIds } from '../../seeds/ids.js';
import { testDialects } from '../support/databases.js';
import { bootTestApp, DEMO_PASSWORD, type TestApp } from '../support/test-app.js';

describe.each(testDialects)('accounts and sessions (%s)', (dialect) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await bootTestApp(dialect);
  });
  afterAll(() => app?.stop());

  it('signs a demo paramedic in with a token, its unit and an httpOnly SameSite cookie', async () => {
    const res = await app.request('POST', '/api/auth/login', {
      body: { email: 'paramedic1@altpath.local', password: DEMO_PASSWORD },
    });
    expect(res.status).toBe(200);
    expect(res.body.user).toEqual({
      id: userIds.paramedic1,
      email: 'paramedic1@altpath.local',
      role: 'paramedic',
      unitId: unitIds.cp11,
      destinationId: null,
    });
    expect(res.body.token).toMatch(/^[\w-]{40,}$/);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/altpath_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).not.toMatch(/Secure/i); // Secure only in production
  });

  it('accepts the bearer token and the cookie on /api/me', async () => {
    const token = await app.tokenFor('lead');
    const viaBearer = await app.request('GET', '/api/me', { token });
    expect(viaBearer.status).toBe(200);
    expect(viaBearer.body.user.role).toBe('lead');
    const viaCookie = await app.request('GET', '/api/me', {
      headers: { cookie: `altpath_session=${token}` },
    });
    expect(viaCookie.status).toBe(200);
    expect(viaCookie.body.user.email).toBe('lead@altpath.local');
  });

  it('answers a wrong password and an unknown email with the same 401', async () => {
    const wrongPassword = await app.request('POST', '/api/auth/login', {
      body: { email: 'dispatcher@altpath.local', password: 'not-the-password' },
    });
    const unknownEmail = await app.request('POST', '/api/auth/login', {
      body: { email: 'nobody@altpath.local', password: 'not-the-password' },
    });
    expect(wrongPassword.status).toBe(401);
    expect(unknownEmail.status).toBe(401);
    expect(wrongPassword.body.error).toEqual(unknownEmail.body.error);
    expect(wrongPassword.body.error.code).toBe('unauthenticated');
  });

  it('records sign-ins, failed ones too, in the audit log without the password', async () => {
    const rows = await app.server.db
      .query('audit_log')
      .whereIn('action', ['auth:login', 'auth:login_failed']);
    expect(rows.some((r) => r.action === 'auth:login_failed')).toBe(true);
    expect(rows.some((r) => r.action === 'auth:login' && r.actor_id === userIds.paramedic1)).toBe(
      true,
    );
    expect(JSON.stringify(rows)).not.toContain('not-the-password');
  });

  it('refuses every protected route without a session (401) and to the wrong role (403)', async () => {
    expect((await app.request('GET', '/api/me')).status).toBe(401);
    expect((await app.request('GET', '/api/units')).status).toBe(401);
    expect((await app.request('GET', '/api/destinations', { token: 'forged-token' })).status).toBe(
      401,
    );
    const lead = await app.as('lead');
    const forbidden = await lead('POST', '/api/triage', {
      patient: { age: 40 },
      complaint: 'fall',
    });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error.code).toBe('forbidden');
  });

  it('serves the directory to every signed-in role', async () => {
    for (const user of ['dispatcher', 'paramedic2', 'lead', 'admin'] as const) {
      const as = await app.as(user);
      const destinations = await as('GET', '/api/destinations');
      const units = await as('GET', '/api/units');
      expect(destinations.status).toBe(200);
      expect(units.status).toBe(200);
      expect(Array.isArray(destinations.body) && Array.isArray(units.body)).toBe(true);
    }
  });

  it('revokes the session on sign-out', async () => {
    const login = await app.request('POST', '/api/auth/login', {
      body: { email: 'admin@altpath.local', password: DEMO_PASSWORD },
    });
    const token = login.body.token as string;
    expect((await app.request('POST', '/api/auth/logout', { token })).status).toBe(204);
    expect((await app.request('GET', '/api/me', { token })).status).toBe(401);
  });
});
