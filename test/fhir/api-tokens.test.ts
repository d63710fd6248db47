import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { destinationIds, userIds } from '../../seeds/ids.js';
import { buildCrisisCall, downtown } from '../support/calls.js';
import { testDialects } from '../support/databases.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';

// A partner's own system holds an API token an admin issued: the FHIR API as the
// site's staff see it, and nothing else; listed, revoked and audited as a session.

describe.each(testDialects)('API tokens for partner systems (%s)', (dialect) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await bootTestApp(dialect);
  }, 120_000);
  afterAll(() => app?.stop());

  const issue = async (userId: string, body: unknown) =>
    (await app.as('admin'))('POST', `/api/users/${userId}/api-tokens`, body);
  /** Calls stored: a refused body must leave it as it was. */
  const countCalls = async () =>
    Number(
      (await app.server.db.query('calls').count<Array<{ count: string }>>('* as count'))[0]?.count,
    );

  it('opens the FHIR API as the site, and no other route or socket', async () => {
    const issued = await issue(userIds.crisis, { label: 'Crisis centre EHR', days: 30 });
    expect(issued.status, JSON.stringify(issued.body)).toBe(201);
    const { token, sessionId } = issued.body;
    expect(token).toMatch(/^altpath_fhir_/);
    const days = (Date.parse(issued.body.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThanOrEqual(30);

    const tasks = await app.request('GET', '/fhir/r4/Task', { token });
    expect(tasks.status).toBe(200);
    const owner = `HealthcareService/${destinationIds.clinicHuronHeights}`;
    expect((await app.request('GET', `/fhir/r4/Task?owner=${owner}`, { token })).status).toBe(403);
    // Not the rest of the API, not the live socket.
    for (const path of ['/api/me', '/api/referrals', '/api/sessions'])
      expect((await app.request('GET', path, { token })).status, path).toBe(401);
    const socket = app.socket(token);
    const refused = await new Promise<string>((resolve) => {
      socket.once('connect', () => resolve('connected'));
      socket.once('connect_error', (err) => resolve(err.message));
    });
    expect(refused).toBe('unauthenticated');

    // Stored hashed, listed for admins by name, audited; revoked like any session.
    const row = await app.server.db.query('sessions').where({ id: sessionId }).first();
    expect(row).toMatchObject({
      scope: 'fhir',
      label: 'Crisis centre EHR',
      user_id: userIds.crisis,
    });
    expect(JSON.stringify(row)).not.toContain(token);
    const listed = await (await app.as('admin'))('GET', '/api/sessions');
    expect(listed.body.sessions.find((s: { id: string }) => s.id === sessionId)).toMatchObject({
      apiToken: 'Crisis centre EHR',
      user: { id: userIds.crisis },
    });
    const audit = await app.server.db
      .query('audit_log')
      .where({ action: 'auth:api_token_issued', entity_id: sessionId })
      .first();
    expect(audit).toMatchObject({ actor_id: userIds.admin });
    expect(audit.details).toMatchObject({ siteId: destinationIds.crisisCentre });
    const revoked = await (await app.as('admin'))('DELETE', `/api/sessions/${sessionId}`);
    expect(revoked.status).toBe(204);
    const after = await app.request('GET', '/fhir/r4/Task', { token });
    expect(after.status).toBe(401);
    expect(after.body.resourceType).toBe('OperationOutcome');
  });

  it("is issued for a site's staff only, with a name and a lifetime in words", async () => {
    const forDispatcher = await issue(userIds.dispatcher, { label: 'CAD' });
    expect(forDispatcher.status).toBe(400);
    expect(forDispatcher.body.error.message).toContain("a site's staff");
    const noName = await issue(userIds.clinic1, { days: 1000 });
    expect(noName.status).toBe(400);
    expect(noName.body.error.issues.map((i: { path: string }) => i.path).sort()).toEqual([
      'days',
      'label',
    ]);
    const nul = await issue(userIds.clinic1, { label: 'EHR\u0000' });
    expect(nul.status).toBe(400);
    expect(nul.body.error.message).toContain('NUL character');
    const tab = await issue(userIds.clinic1, { label: 'EHR\tsystem' });
    expect(tab.body.error.message).toContain('label: must be plain text on one line');
    expect((await issue('0f000000-0000-4000-8000-0000000000ff', { label: 'x' })).status).toBe(404);
    const byPartner = await (
      await app.as('crisis')
    )('POST', `/api/users/${userIds.crisis}/api-tokens`, { label: 'mine' });
    expect(byPartner.status).toBe(403);
  });

  // Found by the fuzzer: PostgreSQL text holds no NUL, so the insert failed after parsing.
  it('refuses a NUL character in any JSON body, before any write', async () => {
    const dispatcher = await app.as('dispatcher');
    const before = await countCalls();
    const call = await dispatcher('POST', '/api/calls', buildCrisisCall({ notes: 'Calm\u0000' }));
    expect(call.status).toBe(400);
    expect(call.body.error.code).toBe('invalid_text');
    expect(await countCalls()).toBe(before);
  });

  // Found by the fuzzer: JSON's "\ud800" parses to half a surrogate pair, which jsonb
  // refuses ("invalid input syntax for type json"), so the call's insert failed with a 500.
  it('refuses half a surrogate pair in any string or key, naming the field, before any write', async () => {
    const dispatcher = await app.as('dispatcher');
    const before = await countCalls();
    const lone = await dispatcher(
      'POST',
      '/api/calls',
      buildCrisisCall({ location: { ...downtown, address: 'Flat \ud800 2' } }),
    );
    expect(lone.status).toBe(400);
    expect(lone.body.error.code).toBe('invalid_text');
    expect(lone.body.error.issues).toEqual([
      { path: 'location.address', message: expect.stringContaining('surrogate') },
    ]);
    const inKey = await dispatcher(
      'POST',
      '/api/calls',
      buildCrisisCall({ answers: { ['x\udfff']: true } }),
    );
    expect(inKey.status).toBe(400);
    expect(inKey.body.error.message).toContain('field name at answers');
    expect(await countCalls()).toBe(before);
    // A whole pair is a character like any other: stored, and read back the same.
    const paired = await dispatcher('POST', '/api/calls', buildCrisisCall({ notes: 'Calm 🙂' }));
    expect(paired.status).toBe(201);
    expect(paired.body.notes).toBe('Calm 🙂');
  });
});
