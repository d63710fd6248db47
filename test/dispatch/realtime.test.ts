import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unitIds } from '../../seeds/ids.js';
import { testDialects } from '../support/databases.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';
import { buildFallCall, connected, nextEvent } from '../support/calls.js';

const OFFER_TIMEOUT_S = '1';

describe.each(testDialects)('realtime: positions and offer timeouts (%s)', (dialect) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await bootTestApp(dialect, { env: { OFFER_TIMEOUT_S } });
  });
  afterAll(() => app?.stop());

  it('validates, stores and acknowledges unit:position, and pushes unit:moved to dispatchers', async () => {
    const board = await connected(app.socket(await app.tokenFor('dispatcher')));
    const device = await connected(app.socket(await app.tokenFor('paramedic2')));
    const moved = nextEvent<{ unitId: string; lat: number }>(
      board,
      'unit:moved',
      (m) => m.unitId === unitIds.cp12,
    );
    const ack = await device.emitWithAck('unit:position', { lat: 43.001, lng: -81.25 });
    expect(ack).toMatchObject({
      ok: true,
      data: { unitId: unitIds.cp12, lat: 43.001, lng: -81.25 },
    });
    expect((await moved).lat).toBe(43.001);
    const unit = await app.server.db.query('units').where({ id: unitIds.cp12 }).first();
    expect([unit.last_lat, unit.last_lng]).toEqual([43.001, -81.25]);

    const bad = await device.emitWithAck('unit:position', { lat: 123, lng: 'west' });
    expect(bad.ok).toBe(false);
    expect(bad.error.code).toBe('invalid_payload');
    expect(bad.error.issues.map((i: { path: string }) => i.path).sort()).toEqual(['lat', 'lng']);
  });

  it('pushes at most one position a second per unit, ending on the latest', async () => {
    const board = await connected(app.socket(await app.tokenFor('dispatcher')));
    const device = await connected(app.socket(await app.tokenFor('paramedic1')));
    const seen: number[] = [];
    board.on(
      'unit:moved',
      (m: { unitId: string; lat: number }) => m.unitId === unitIds.cp11 && seen.push(m.lat),
    );
    for (let i = 0; i < 10; i++)
      await device.emitWithAck('unit:position', { lat: 42.9 + i / 1000, lng: -81.2 });
    await new Promise((r) => setTimeout(r, 1_300));
    expect(seen.length).toBeGreaterThanOrEqual(1);
    expect(seen.length).toBeLessThanOrEqual(2);
    expect(seen.at(-1)).toBeCloseTo(42.909, 6);
  });

  it('refuses unit:position from a dispatcher', async () => {
    const board = await connected(app.socket(await app.tokenFor('dispatcher')));
    const ack = await board.emitWithAck('unit:position', { lat: 43, lng: -81 });
    expect(ack).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('expires an offer nobody answers and re-offers the call to the next unit', async () => {
    const dispatcher = await app.as('dispatcher');
    const created = await dispatcher('POST', '/api/calls', buildFallCall());
    const first = await dispatcher('POST', `/api/calls/${created.body.id}/dispatch`, {});
    expect(first.status).toBe(201);
    const board = await connected(app.socket(await app.tokenFor('dispatcher')));
    const expired = nextEvent<{ id: string; status: string }>(
      board,
      'assignment:updated',
      (a) => a.id === first.body.assignment.id && a.status === 'expired',
      8_000,
    );
    await expired;
    const call = await dispatcher('GET', `/api/calls/${created.body.id}`);
    const [original, reoffer] = call.body.assignments;
    expect(original).toMatchObject({ id: first.body.assignment.id, status: 'expired' });
    // The re-offer went to another unit (it may itself have lapsed by now).
    expect(reoffer.unitId).not.toBe(first.body.assignment.unitId);
    const expiries = await app.server.db
      .query('audit_log')
      .where({ action: 'assignment:expired', entity_id: created.body.id });
    expect(expiries.length).toBeGreaterThanOrEqual(1);
    // The lapse is an alert the dispatcher must acknowledge.
    const alerts = await dispatcher('GET', '/api/alerts');
    expect(
      alerts.body.filter((a: { callId: string; kind: string }) => a.callId === created.body.id),
    ).toContainEqual(expect.objectContaining({ kind: 'expired' }));
  });
});
