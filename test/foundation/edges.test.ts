import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../support/databases.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';

describe.each(testDialects)('the HTTP edge (%s)', (dialect) => {
  let app: TestApp;
  let token: string;
  beforeAll(async () => {
    app = await bootTestApp(dialect);
    token = await app.tokenFor('dispatcher');
  });
  afterAll(() => app?.stop());

  it('answers health without a session, with the database status', async () => {
    const res = await app.request('GET', '/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', database: { status: 'up', dialect } });
  });

  it('answers malformed JSON with a 400 and a request id', async () => {
    const res = await app.request('POST', '/api/auth/login', { rawBody: '{"email": ' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('malformed_json');
    expect(res.body.requestId).toMatch(/[0-9a-f-]{36}/);
    expect(res.headers.get('x-request-id')).toBe(res.body.requestId);
  });

  it('names each invalid field', async () => {
    const res = await app.request('POST', '/api/auth/login', {
      body: { email: 'not-an-email', password: '', extra: 1 },
    });
    expect(res.status).toBe(400);
    const paths = res.body.error.issues.map((i: { path: string }) => i.path).sort();
    expect(paths).toEqual(['email', 'extra', 'password']);
    for (const issue of res.body.error.issues) expect(issue.message).toBeTruthy();
  });

  it('refuses a body over 100 kB with a 413', async () => {
    const res = await app.request('POST', '/api/triage', {
      token,
      body: { notes: 'x'.repeat(110 * 1024) },
    });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('payload_too_large');
  });

  it('answers an unknown route with a 404 in the error shape', async () => {
    const api = await app.request('GET', '/api/nothing-here', { token });
    expect(api.status).toBe(404);
    expect(api.body.error.code).toBe('not_found');
    const page = await app.request('GET', '/no-such-page.html');
    expect(page.status).toBe(404);
  });

  it('never answers bad input with a 500', async () => {
    const bodies = [
      'null',
      '[]',
      '"text"',
      '42',
      '{"__proto__": {"admin": true}}',
      '{"email": {"$ne": 1}}',
    ];
    for (const rawBody of bodies) {
      const res = await app.request('POST', '/api/auth/login', { rawBody });
      expect(res.status, rawBody).toBe(400);
    }
  });

  it('sends a Content Security Policy without inline script', async () => {
    const res = await app.request('GET', '/');
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
  });
});
