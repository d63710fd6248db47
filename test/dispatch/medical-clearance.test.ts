/**
 * The crisis centre's medical clearance gate (issue 9, item 6): no transport to the crisis
 * centre until an on-scene re-triage with a complete set of vital signs confirms it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unitIds } from '../../seeds/ids.js';
import { testDialects } from '../support/databases.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';
import { buildCrisisCall } from '../support/calls.js';

type As = Awaited<ReturnType<TestApp['as']>>;
const normal = {
  heartRate: 84,
  respiratoryRate: 16,
  systolicBP: 126,
  spo2: 98,
  temperature: 36.9,
  gcs: 15,
};

describe.each(testDialects)('crisis-centre medical clearance (%s)', (dialect) => {
  let app: TestApp;
  let dispatcher: As;
  let paramedic: As;

  async function onSceneCrisisCall() {
    const created = await dispatcher('POST', '/api/calls', buildCrisisCall());
    expect(created.status).toBe(201);
    expect(created.body.triage).toMatchObject({
      disposition: 'crisis_centre',
      checks: [{ id: 'crisis-centre-medical-clearance' }],
    });
    const dispatched = await dispatcher('POST', `/api/calls/${created.body.id}/dispatch`, {
      unitId: unitIds.cp11,
      overrideReason: 'test chooses the unit',
    });
    expect(dispatched.status).toBe(201);
    const id = dispatched.body.assignment.id as string;
    for (const status of ['accepted', 'en_route', 'on_scene'])
      expect((await paramedic('POST', `/api/assignments/${id}/status`, { status })).status).toBe(
        200,
      );
    return { callId: created.body.id as string, assignmentId: id };
  }
  const transport = (id: string) =>
    paramedic('POST', `/api/assignments/${id}/status`, { status: 'transporting' });

  beforeAll(async () => {
    app = await bootTestApp(dialect);
    dispatcher = await app.as('dispatcher');
    paramedic = await app.as('paramedic1');
  });
  afterAll(() => app?.stop());

  it('refuses transport before an assessment, then before a complete set, naming what is missing', async () => {
    const { callId, assignmentId } = await onSceneCrisisCall();
    const before = await transport(assignmentId);
    expect(before.status).toBe(409);
    expect(before.body.error.code).toBe('medical_clearance_required');
    expect(before.body.error.issues.map((i: { path: string }) => i.path)).toHaveLength(6);
    const completing = await paramedic('POST', `/api/assignments/${assignmentId}/status`, {
      status: 'completed',
      outcome: 'transported_crisis_centre',
    });
    expect(completing.status).toBe(409);

    const partial = await paramedic('POST', `/api/calls/${callId}/assessment`, {
      vitals: { heartRate: 84, systolicBP: 126, spo2: 98 },
    });
    expect(partial.status).toBe(200);
    expect(partial.body.triage.checks[0].message).toMatch(
      /Not yet measured: respiratory rate, temperature, GCS/,
    );
    const still = await transport(assignmentId);
    expect(still.status).toBe(409);
    expect(still.body.error.message).toMatch(/respiratory rate, temperature, GCS/);
    expect(still.body.error.issues.map((i: { path: string }) => i.path)).toEqual([
      'vitals.respiratoryRate',
      'vitals.temperature',
      'vitals.gcs',
    ]);

    const complete = await paramedic('POST', `/api/calls/${callId}/assessment`, {
      vitals: { respiratoryRate: 16, temperature: 36.9, gcs: 15 },
    });
    expect(complete.body.triage).toMatchObject({ disposition: 'crisis_centre', checks: [] });
    expect((await transport(assignmentId)).status).toBe(200);
    const done = await paramedic('POST', `/api/assignments/${assignmentId}/status`, {
      status: 'completed',
      outcome: 'transported_crisis_centre',
    });
    expect(done.status).toBe(200);
  });

  it('a vital outside the clearance range escalates to the ED, which needs no clearance', async () => {
    const { callId, assignmentId } = await onSceneCrisisCall();
    const assessed = await paramedic('POST', `/api/calls/${callId}/assessment`, {
      vitals: { ...normal, heartRate: 125 },
    });
    expect(assessed.body).toMatchObject({
      escalated: true,
      triage: { disposition: 'emergency_department' },
    });
    expect((await transport(assignmentId)).status).toBe(200);
    const done = await paramedic('POST', `/api/assignments/${assignmentId}/status`, {
      status: 'completed',
      outcome: 'transported_ed',
    });
    expect(done.status).toBe(200);
  });

  it('refuses an outcome of "taken to the crisis centre" on a call whose re-triage said the ED', async () => {
    const { callId, assignmentId } = await onSceneCrisisCall();
    const assessed = await paramedic('POST', `/api/calls/${callId}/assessment`, {
      vitals: { ...normal, heartRate: 125 },
    });
    expect(assessed.body.triage.disposition).toBe('emergency_department');
    const toCrisis = await paramedic('POST', `/api/assignments/${assignmentId}/status`, {
      status: 'completed',
      outcome: 'transported_crisis_centre',
    });
    expect(toCrisis.status).toBe(409);
    expect(toCrisis.body.error.code).toBe('medical_clearance_required');
    expect(toCrisis.body.error.message).toMatch(/did not confirm the crisis centre/);
    // Where the re-triage says, the crew goes: the ED needs no clearance.
    expect((await transport(assignmentId)).status).toBe(200);
    const toEd = await paramedic('POST', `/api/assignments/${assignmentId}/status`, {
      status: 'completed',
      outcome: 'transported_ed',
    });
    expect(toEd.status).toBe(200);
  });

  it('lets a crisis-centre visit end on scene without clearance (treated in place)', async () => {
    const { callId, assignmentId } = await onSceneCrisisCall();
    // An assessment is still needed to close the call, but not the complete set.
    const partial = await paramedic('POST', `/api/calls/${callId}/assessment`, {
      vitals: { heartRate: 84 },
    });
    expect(partial.body.triage.checks[0].id).toBe('crisis-centre-medical-clearance');
    const done = await paramedic('POST', `/api/assignments/${assignmentId}/status`, {
      status: 'completed',
      outcome: 'treated_in_place',
    });
    expect(done.status).toBe(200);
  });
});
