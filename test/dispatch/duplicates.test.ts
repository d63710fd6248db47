// Issue 11: a call that may repeat another (same patient key, or within 100 m in the last
// 30 minutes) is named in POST /api/calls's answer; with ?ifNoDuplicate=true nothing is created
// until the dispatcher confirms. Repeat callers (same key, 30 days) are counted on the call.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../support/databases.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';
import { buildFallCall } from '../support/calls.js';

// A street of its own, so the other tests' calls downtown are not near it.
const street = { lat: 42.9501, lng: -81.3003, address: '12 Elm St' };

describe.each(testDialects)('possible duplicates (%s)', (dialect) => {
  let app: TestApp;
  let dispatcher: Awaited<ReturnType<TestApp['as']>>;
  beforeAll(async () => {
    app = await bootTestApp(dialect);
    dispatcher = await app.as('dispatcher');
  });
  afterAll(() => app?.stop());

  it('names a call within 100 m in the last 30 minutes, and asks first when told to', async () => {
    const first = await dispatcher('POST', '/api/calls', buildFallCall({ location: street }));
    expect(first.status).toBe(201);
    expect(first.body.possibleDuplicates).toEqual([]);

    // 50 m north: asked first, nothing created.
    const near = { ...street, lat: street.lat + 0.00045, address: '14 Elm St' };
    const before = await app.server.db.query('calls').count<{ count: string }[]>('* as count');
    const asked = await dispatcher(
      'POST',
      '/api/calls?ifNoDuplicate=true',
      buildFallCall({ location: near }),
    );
    expect(asked.status).toBe(409);
    expect(asked.body.error.code).toBe('possible_duplicate');
    expect(asked.body.possibleDuplicates).toMatchObject([
      { id: first.body.id, address: '12 Elm St', samePatient: false, complaint: 'fall' },
    ]);
    expect(asked.body.possibleDuplicates[0].distanceM).toBeGreaterThan(40);
    expect(asked.body.possibleDuplicates[0].distanceM).toBeLessThan(60);
    const after = await app.server.db.query('calls').count<{ count: string }[]>('* as count');
    expect(after[0]?.count).toBe(before[0]?.count);

    // Confirmed as a new call: created, and the answer still names the other.
    const confirmed = await dispatcher('POST', '/api/calls', buildFallCall({ location: near }));
    expect(confirmed.status).toBe(201);
    expect(confirmed.body.possibleDuplicates.map((d: { id: string }) => d.id)).toContain(
      first.body.id,
    );

    // 300 m away is another call.
    const far = { ...street, lat: street.lat + 0.0027 };
    const other = await dispatcher(
      'POST',
      '/api/calls?ifNoDuplicate=true',
      buildFallCall({ location: far }),
    );
    expect(other.status).toBe(201);
    expect(other.body.possibleDuplicates).toEqual([]);

    const bad = await dispatcher('POST', '/api/calls?ifNoDuplicate=maybe', buildFallCall());
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues[0]).toMatchObject({ path: 'ifNoDuplicate' });
  });

  it('names a call of the same patient anywhere, and counts repeat calls over 30 days', async () => {
    const patient = { age: 81, sex: 'male', key: 'dup-patient-1' };
    const first = await dispatcher(
      'POST',
      '/api/calls',
      buildFallCall({ patient, location: { lat: 42.99, lng: -81.2 } }),
    );
    expect(first.body.repeatCalls).toBe(0);
    // An older call of the same patient, 10 days ago.
    await app.server.db
      .query('calls')
      .where({ id: first.body.id })
      .update({ received_at: new Date(Date.now() - 10 * 86_400_000) });
    const second = await dispatcher(
      'POST',
      '/api/calls',
      buildFallCall({ patient, location: { lat: 42.93, lng: -81.28 } }),
    );
    expect(second.status).toBe(201);
    // Still open, so named although far away and days ago.
    expect(second.body.possibleDuplicates).toMatchObject([
      { id: first.body.id, samePatient: true },
    ]);
    expect(second.body.repeatCalls).toBe(1);
  });
});
