// Issue 11, safety in operation: an ED call goes to ambulance dispatch (hand-off), a CP unit
// only as an override with a reason; calls can be cancelled, and a withdrawn unit is told.
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

describe.each(testDialects)('call endings (%s)', (dialect) => {
  let app: TestApp;
  let dispatcher: Awaited<ReturnType<TestApp['as']>>;
  let paramedic: Awaited<ReturnType<TestApp['as']>>;
  beforeAll(async () => {
    app = await bootTestApp(dialect);
    dispatcher = await app.as('dispatcher');
    paramedic = await app.as('paramedic1');
  });
  afterAll(() => app?.stop());

  const audits = (callId: string) =>
    app.server.db.query('audit_log').where({ entity_id: callId }).orderBy('id');

  it('proposes no CP unit for an ED call, and Accept says to hand it off', async () => {
    const chest = await dispatcher('POST', '/api/calls', buildChestPainCall());
    expect(chest.status).toBe(201);
    expect(chest.body.disposition).toBe('emergency_department');
    expect(chest.body.proposedUnit).toBeNull();
    const accept = await dispatcher('POST', `/api/calls/${chest.body.id}/dispatch`, {});
    expect(accept.status).toBe(409);
    expect(accept.body.error.code).toBe('handoff_required');
    expect(accept.body.error.message).toMatch(/ambulance dispatch/);
  });

  it('sends a CP unit to an ED call only as an override with a reason', async () => {
    const chest = await dispatcher('POST', '/api/calls', buildChestPainCall());
    const noReason = await dispatcher('POST', `/api/calls/${chest.body.id}/dispatch`, {
      unitId: unitIds.cp11,
    });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.issues[0].path).toBe('overrideCategory');
    const first = await dispatcher('POST', `/api/calls/${chest.body.id}/dispatch`, {
      unitId: unitIds.cp11,
      overrideCategory: 'unit_better_placed',
      overrideReason: 'CP-11 is next door; ambulance 20 minutes out',
    });
    expect(first.status).toBe(201);
    expect(first.body.assignment).toMatchObject({
      disposition: 'emergency_department',
      overridden: true,
      overrideCategory: 'unit_better_placed',
    });
    // Declined: an ED call is not re-offered to another CP unit by itself.
    const declined = await paramedic(
      'POST',
      `/api/assignments/${first.body.assignment.id}/status`,
      {
        status: 'declined',
        declineCategory: 'still_on_call',
      },
    );
    expect(declined.status).toBe(200);
    const after = await dispatcher('GET', `/api/calls/${chest.body.id}`);
    expect(after.body.status).toBe('pending');
    expect(after.body.proposedUnit).toBeNull();
    expect(after.body.assignments).toHaveLength(1);
  });

  it('hands an ED call to ambulance dispatch: handed_off, timed, audited, in the statistics', async () => {
    const chest = await dispatcher('POST', '/api/calls', buildChestPainCall());
    const blank = await dispatcher('POST', `/api/calls/${chest.body.id}/handoff`, {
      reference: '  ',
    });
    expect(blank.status).toBe(400);
    expect(blank.body.error.issues[0]).toMatchObject({ path: 'reference' });
    const res = await dispatcher('POST', `/api/calls/${chest.body.id}/handoff`, {
      reference: 'AMB-2026-0042',
    });
    expect(res.status).toBe(200);
    expect(res.body.call.status).toBe('handed_off');
    expect(res.body.call.handoff.reference).toBe('AMB-2026-0042');
    expect(Date.parse(res.body.call.handoff.at)).toBeGreaterThanOrEqual(
      Date.parse(chest.body.receivedAt),
    );
    const entry = (await audits(chest.body.id)).find((a) => a.action === 'call:handed_off');
    expect(entry?.details).toMatchObject({ reference: 'AMB-2026-0042' });
    expect(typeof entry?.details.secondsSinceReceived).toBe('number');
    // Once handed off, it is not dispatched, handed off or cancelled again.
    const again = await dispatcher('POST', `/api/calls/${chest.body.id}/handoff`, {});
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('call_not_open');
    const open = await dispatcher('GET', '/api/calls?status=pending,offered,active');
    expect(open.body.map((c: { id: string }) => c.id)).not.toContain(chest.body.id);

    const stats = await (await app.as('lead'))('GET', '/api/stats/summary');
    expect(stats.status).toBe(200);
    expect(stats.body.callEndings.handedOff).toBeGreaterThanOrEqual(1);
    expect(stats.body.callEndings.handoffP50Sec).toBeGreaterThanOrEqual(0);
  });

  it('cancels an offered call: the offer is withdrawn, the unit freed and told why', async () => {
    const unitSocket = await connected(app.socket(await app.tokenFor('paramedic1')));
    try {
      const crisis = await dispatcher('POST', '/api/calls', buildCrisisCall());
      const offered = await dispatcher('POST', `/api/calls/${crisis.body.id}/dispatch`, {
        unitId: unitIds.cp11,
        overrideReason: 'test: CP-11',
      });
      expect(offered.status).toBe(201);
      const bad = await dispatcher('POST', `/api/calls/${crisis.body.id}/cancel`, {
        reason: 'bored',
      });
      expect(bad.status).toBe(400);
      expect(bad.body.error.issues[0].path).toBe('reason');
      expect(bad.body.error.issues[0].message).toMatch(/caller_cancelled/);
      const other = await dispatcher('POST', `/api/calls/${crisis.body.id}/cancel`, {
        reason: 'other',
      });
      expect(other.status).toBe(400);
      expect(other.body.error.issues[0].path).toBe('details');

      const withdrawn = nextEvent<{ assignmentId: string; reason: string }>(
        unitSocket,
        'assignment:withdrawn',
      );
      const res = await dispatcher('POST', `/api/calls/${crisis.body.id}/cancel`, {
        reason: 'caller_cancelled',
      });
      expect(res.status).toBe(200);
      expect(res.body.call).toMatchObject({
        status: 'cancelled',
        cancellation: { reason: 'caller_cancelled' },
        assignment: { status: 'cancelled' },
      });
      expect(await withdrawn).toMatchObject({
        assignmentId: offered.body.assignment.id,
        reason: 'The caller cancelled',
      });
      const unit = await app.server.db.query('units').where({ id: unitIds.cp11 }).first();
      expect(unit.status).toBe('available');
      expect((await paramedic('GET', '/api/me/assignment')).body.offer).toBeNull();
      const actions = (await audits(crisis.body.id)).map((a) => a.action);
      expect(actions).toEqual(expect.arrayContaining(['assignment:withdrawn', 'call:cancelled']));
    } finally {
      unitSocket.disconnect();
    }
  });

  it('cancels an active call on scene; a completed call cannot be cancelled', async () => {
    const fall = await dispatcher('POST', '/api/calls', buildFallCall());
    const offered = await dispatcher('POST', `/api/calls/${fall.body.id}/dispatch`, {
      unitId: unitIds.cp11,
      overrideReason: 'test: CP-11',
    });
    const id = offered.body.assignment.id;
    for (const status of ['accepted', 'en_route', 'on_scene'])
      expect((await paramedic('POST', `/api/assignments/${id}/status`, { status })).status).toBe(
        200,
      );
    // A unit on scene has committed: hand-off is for calls still waiting.
    const handoff = await dispatcher('POST', `/api/calls/${fall.body.id}/handoff`, {});
    expect(handoff.status).toBe(409);
    const res = await dispatcher('POST', `/api/calls/${fall.body.id}/cancel`, {
      reason: 'no_patient_found',
      details: 'Nobody at the address',
    });
    expect(res.status).toBe(200);
    expect(res.body.call.assignment.status).toBe('cancelled');
    // The crew cannot move a withdrawn assignment on.
    const step = await paramedic('POST', `/api/assignments/${id}/status`, {
      status: 'completed',
      outcome: 'treated_in_place',
    });
    expect(step.status).toBe(409);
    const again = await dispatcher('POST', `/api/calls/${fall.body.id}/cancel`, {
      reason: 'duplicate',
    });
    expect(again.status).toBe(409);
    // Leads see the category, never the dispatcher's words.
    const lead = await (await app.as('lead'))('GET', `/api/calls/${fall.body.id}`);
    expect(lead.body.cancellation).toMatchObject({ reason: 'no_patient_found', details: null });
    expect(JSON.stringify(lead.body)).not.toContain('Nobody at the address');
  });
});
