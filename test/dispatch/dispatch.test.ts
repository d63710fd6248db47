import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unitIds } from '../../seeds/ids.js';
import { testDialects } from '../support/databases.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';
import {
  buildChestPainCall,
  buildCrisisCall,
  buildFallCall,
  connected,
  nextEvent,
} from '../support/calls.js';

describe.each(testDialects)('dispatch (%s)', (dialect) => {
  let app: TestApp;
  let dispatcher: Awaited<ReturnType<TestApp['as']>>;
  beforeAll(async () => {
    app = await bootTestApp(dialect);
    dispatcher = await app.as('dispatcher');
  });
  afterAll(() => app?.stop());

  it('accepts the recommendation: an offered assignment, pushed to the unit with the call', async () => {
    const unitSocket = await connected(app.socket(await app.tokenFor('paramedic1')));
    const created = await dispatcher(
      'POST',
      '/api/calls',
      buildCrisisCall({ notes: 'offer push' }),
    );
    const offered = nextEvent<{
      assignment: { id: string };
      call: { notes: string };
      disposition: string;
    }>(unitSocket, 'assignment:offered');
    const res = await dispatcher('POST', `/api/calls/${created.body.id}/dispatch`, {});
    expect(res.status).toBe(201);
    expect(res.body.assignment).toMatchObject({
      callId: created.body.id,
      unitId: unitIds.cp11,
      callSign: 'CP-11',
      status: 'offered',
      disposition: 'crisis_centre',
      overridden: false,
    });
    const offer = await offered;
    expect(offer.assignment.id).toBe(res.body.assignment.id);
    expect(offer.call.notes).toBe('offer push');
    expect(offer.disposition).toBe('crisis_centre');
    const again = await dispatcher('POST', `/api/calls/${created.body.id}/dispatch`, {});
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('call_already_dispatched');
  });

  it('needs a reason to override the unit, and records it', async () => {
    const created = await dispatcher('POST', '/api/calls', buildFallCall());
    const noReason = await dispatcher('POST', `/api/calls/${created.body.id}/dispatch`, {
      unitId: unitIds.cp16,
    });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.issues[0].path).toBe('overrideCategory');
    const res = await dispatcher('POST', `/api/calls/${created.body.id}/dispatch`, {
      unitId: unitIds.cp16,
      overrideReason: 'CP-16 knows this patient',
    });
    expect(res.status).toBe(201);
    expect(res.body.assignment).toMatchObject({
      unitId: unitIds.cp16,
      overridden: true,
      overrideReason: 'CP-16 knows this patient',
    });
    const audit = await app.server.db
      .query('audit_log')
      .where({ action: 'call:dispatched_with_override', entity_id: created.body.id });
    expect(audit[0].details.overrideReason).toBe('CP-16 knows this patient');
  });

  it('lets a dispatcher send an alternate-pathway call to the ED, never an ED call elsewhere', async () => {
    const fall = await dispatcher('POST', '/api/calls', buildFallCall());
    // The ED is ambulance dispatch's: a CP unit goes only when the dispatcher names one.
    const noUnit = await dispatcher('POST', `/api/calls/${fall.body.id}/dispatch`, {
      disposition: 'emergency_department',
      overrideReason: 'Caller now reports new confusion',
    });
    expect(noUnit.status).toBe(409);
    expect(noUnit.body.error.code).toBe('handoff_required');
    const toEd = await dispatcher('POST', `/api/calls/${fall.body.id}/dispatch`, {
      disposition: 'emergency_department',
      unitId: fall.body.proposedUnit.id,
      overrideReason: 'Caller now reports new confusion',
    });
    expect(toEd.status).toBe(201);
    expect(toEd.body.assignment).toMatchObject({
      disposition: 'emergency_department',
      overridden: true,
    });
    expect(toEd.body.assignment.destinationId).toBeTruthy();

    const chest = await dispatcher('POST', '/api/calls', buildChestPainCall());
    const away = await dispatcher('POST', `/api/calls/${chest.body.id}/dispatch`, {
      disposition: 'home_visit',
      overrideReason: 'patient prefers home',
    });
    expect(away.status).toBe(422);
    expect(away.body.error.code).toBe('unsafe_override');
  });

  it('gives one of two dispatchers racing for one unit a 409, decided by the database', async () => {
    const [a, b] = await Promise.all([
      dispatcher('POST', '/api/calls', buildFallCall()),
      dispatcher('POST', '/api/calls', buildFallCall()),
    ]);
    const free = await app.server.db.query('units').where({ status: 'available' }).first();
    const body = { unitId: free.id, overrideReason: 'race test' };
    const results = await Promise.all([
      dispatcher('POST', `/api/calls/${a.body.id}/dispatch`, body),
      dispatcher('POST', `/api/calls/${b.body.id}/dispatch`, body),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(results.find((r) => r.status === 409)?.body.error.code).toBe('unit_unavailable');
    const active = await app.server.db
      .query('assignments')
      .where({ unit_id: free.id })
      .whereIn('status', ['offered', 'accepted', 'en_route', 'on_scene', 'transporting']);
    expect(active).toHaveLength(1);
  });

  it('only lets dispatchers and admins dispatch, and 404s an unknown call', async () => {
    const lead = await app.as('lead');
    const paramedic = await app.as('paramedic1');
    const created = await dispatcher('POST', '/api/calls', buildFallCall());
    expect((await lead('POST', `/api/calls/${created.body.id}/dispatch`, {})).status).toBe(403);
    expect((await paramedic('POST', `/api/calls/${created.body.id}/dispatch`, {})).status).toBe(
      403,
    );
    expect(
      (await dispatcher('POST', '/api/calls/00000000-0000-4000-8000-000000000000/dispatch', {}))
        .status,
    ).toBe(404);
    expect((await dispatcher('POST', '/api/calls/not-a-uuid/dispatch', {})).status).toBe(400);
  });
});
