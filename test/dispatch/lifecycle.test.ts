import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unitIds } from '../../seeds/ids.js';
import { testDialects } from '../support/databases.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';
import {
  assessOnScene,
  buildCrisisCall,
  buildFallCall,
  connected,
  nextEvent,
} from '../support/calls.js';

type As = Awaited<ReturnType<TestApp['as']>>;

describe.each(testDialects)('assignment lifecycle (%s)', (dialect) => {
  let app: TestApp;
  let dispatcher: As;
  let paramedic1: As;
  let paramedic2: As;

  /** A call offered to `unitId` (by override when it is not the proposal). */
  async function offerTo(unitId: string, call: object = buildFallCall()) {
    const created = await dispatcher('POST', '/api/calls', call);
    const res = await dispatcher('POST', `/api/calls/${created.body.id}/dispatch`, {
      unitId,
      overrideReason: 'test chooses the unit',
    });
    expect(res.status).toBe(201);
    return { callId: created.body.id as string, assignmentId: res.body.assignment.id as string };
  }
  const step = (as: As, id: string, body: object) =>
    as('POST', `/api/assignments/${id}/status`, body);

  beforeAll(async () => {
    app = await bootTestApp(dialect);
    dispatcher = await app.as('dispatcher');
    paramedic1 = await app.as('paramedic1');
    paramedic2 = await app.as('paramedic2');
  });
  afterAll(() => app?.stop());

  it('walks offered → accepted → en route → on scene → transporting → completed, pushing each step', async () => {
    const board = await connected(app.socket(await app.tokenFor('dispatcher')));
    const { callId, assignmentId } = await offerTo(unitIds.cp11);
    for (const status of ['accepted', 'en_route', 'on_scene', 'transporting'] as const) {
      if (status === 'transporting') await assessOnScene(paramedic1, callId);
      const pushed = nextEvent<{ id: string; status: string }>(
        board,
        'assignment:updated',
        (a) => a.id === assignmentId && a.status === status,
      );
      const res = await step(paramedic1, assignmentId, { status });
      expect(res.status, status).toBe(200);
      expect(res.body.assignment.status).toBe(status);
      await pushed;
    }
    const incomplete = await step(paramedic1, assignmentId, { status: 'completed' });
    expect(incomplete.status).toBe(400);
    expect(incomplete.body.error.issues[0].path).toBe('outcome');
    const done = await step(paramedic1, assignmentId, {
      status: 'completed',
      outcome: 'transported_ed',
    });
    expect(done.status).toBe(200);
    const a = done.body.assignment;
    expect(a).toMatchObject({ status: 'completed', outcome: 'transported_ed' });
    for (const at of [
      a.offeredAt,
      a.acceptedAt,
      a.enRouteAt,
      a.onSceneAt,
      a.transportingAt,
      a.completedAt,
    ]) {
      expect(Date.parse(at)).not.toBeNaN();
    }
    const call = await dispatcher('GET', `/api/calls/${callId}`);
    expect(call.body.status).toBe('completed');
    expect(call.body.timeline.map((t: { action: string }) => t.action)).toEqual([
      'call:created',
      expect.stringMatching(/^call:dispatched/), // an override only when CP-11 was not the proposal
      'assignment:accepted',
      'assignment:en_route',
      'assignment:on_scene',
      'call:assessed',
      'assignment:transporting',
      'assignment:completed',
    ]);
    const unit = await app.server.db.query('units').where({ id: unitIds.cp11 }).first();
    expect(unit.status).toBe('available');
  });

  it('allows on scene → completed directly, and refuses every skipped or repeated step with a 409', async () => {
    const { callId, assignmentId } = await offerTo(unitIds.cp11);
    expect((await step(paramedic1, assignmentId, { status: 'on_scene' })).status).toBe(409);
    expect((await step(paramedic1, assignmentId, { status: 'accepted' })).status).toBe(200);
    const again = await step(paramedic1, assignmentId, { status: 'accepted' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('invalid_transition');
    expect((await step(paramedic1, assignmentId, { status: 'en_route' })).status).toBe(200);
    expect((await step(paramedic1, assignmentId, { status: 'on_scene' })).status).toBe(200);
    await assessOnScene(paramedic1, callId);
    expect(
      (await step(paramedic1, assignmentId, { status: 'completed', outcome: 'treated_in_place' }))
        .status,
    ).toBe(200);
    expect(
      (await step(paramedic1, assignmentId, { status: 'declined', reason: 'too late' })).status,
    ).toBe(409);
  });

  it('refuses to transport or complete before the on-scene assessment (409), except a refusal of care', async () => {
    const { callId, assignmentId } = await offerTo(unitIds.cp11);
    for (const status of ['accepted', 'en_route', 'on_scene'] as const)
      expect((await step(paramedic1, assignmentId, { status })).status).toBe(200);
    const moved = await step(paramedic1, assignmentId, { status: 'transporting' });
    expect(moved.status).toBe(409);
    expect(moved.body.error).toMatchObject({
      code: 'assessment_required',
      message: 'Record the on-scene assessment before transporting the patient',
    });
    const closed = await step(paramedic1, assignmentId, {
      status: 'completed',
      outcome: 'treated_in_place',
    });
    expect(closed.status).toBe(409);
    expect(closed.body.error.code).toBe('assessment_required');
    expect(closed.body.error.message).toMatch(/before completing the call/);
    const row = await app.server.db.query('assignments').where({ id: assignmentId }).first();
    expect(row.status).toBe('on_scene');
    // A patient who refuses care may refuse the assessment too: the crew can still close the call.
    const refused = await step(paramedic1, assignmentId, {
      status: 'completed',
      outcome: 'refused_care',
    });
    expect(refused.status).toBe(200);
    expect((await dispatcher('GET', `/api/calls/${callId}`)).body.status).toBe('completed');
  });

  it("refuses another unit's paramedic (403) and other roles (403)", async () => {
    const { assignmentId } = await offerTo(unitIds.cp11);
    expect((await step(paramedic2, assignmentId, { status: 'accepted' })).status).toBe(403);
    expect((await step(dispatcher, assignmentId, { status: 'accepted' })).status).toBe(403);
    expect(
      (await step(paramedic1, assignmentId, { status: 'declined', reason: 'clean up' })).status,
    ).toBe(200);
  });

  it('needs a reason to decline, and re-offers the call to the next suitable unit', async () => {
    const cp11Device = await connected(app.socket(await app.tokenFor('paramedic1')));
    const { callId, assignmentId } = await offerTo(unitIds.cp11, buildCrisisCall());
    expect((await step(paramedic1, assignmentId, { status: 'declined' })).status).toBe(400);
    // Any offer to CP-11 other than the one it is declining (pushes arrive after the answer).
    const reoffered = nextEvent<{ assignment: { id: string } }>(
      cp11Device,
      'assignment:offered',
      (offer) => offer.assignment.id !== assignmentId,
      1000,
    ).catch(() => null);
    const res = await step(paramedic1, assignmentId, {
      status: 'declined',
      reason: 'Already committed to a welfare check',
    });
    expect(res.status).toBe(200);
    expect(res.body.assignment).toMatchObject({
      status: 'declined',
      declineReason: 'Already committed to a welfare check',
    });
    const call = await dispatcher('GET', `/api/calls/${callId}`);
    expect(call.body.status).toBe('offered');
    const next = call.body.assignment;
    expect(next.unitId).not.toBe(unitIds.cp11);
    expect(next.status).toBe('offered');
    const unit = await app.server.db.query('units').where({ id: next.unitId }).first();
    expect(unit.skills).toContain('mental_health'); // still a crisis-centre call
    expect(await reoffered).toBeNull(); // CP-11 is not offered it again
  });

  it('re-triages an on-scene assessment and escalates the call to the ED at once', async () => {
    const board = await connected(app.socket(await app.tokenFor('dispatcher')));
    const { callId, assignmentId } = await offerTo(unitIds.cp12);
    await step(paramedic2, assignmentId, { status: 'accepted' });
    await step(paramedic2, assignmentId, { status: 'en_route' });
    await step(paramedic2, assignmentId, { status: 'on_scene' });
    expect(
      (await paramedic1('POST', `/api/calls/${callId}/assessment`, { vitals: { heartRate: 80 } }))
        .status,
    ).toBe(403);
    expect(
      (await paramedic2('POST', `/api/calls/${callId}/assessment`, { vitals: { heartRate: 900 } }))
        .status,
    ).toBe(400);
    const escalation = nextEvent<{ id: string; escalated: boolean }>(
      board,
      'call:updated',
      (c) => c.id === callId && c.escalated,
    );
    const res = await paramedic2('POST', `/api/calls/${callId}/assessment`, {
      vitals: { respiratoryRate: 28, spo2: 90, heartRate: 125 },
    });
    expect(res.status).toBe(200);
    expect(res.body.escalated).toBe(true);
    expect(res.body.triage.disposition).toBe('emergency_department');
    expect(res.body.call).toMatchObject({
      escalated: true,
      disposition: 'emergency_department',
      destination: { type: 'emergency_department' },
      assignment: { disposition: 'emergency_department' },
    });
    await escalation;
    const detail = await dispatcher('GET', `/api/calls/${callId}`);
    expect(detail.body.decisions.map((d: { stage: string }) => d.stage)).toEqual([
      'intake',
      'assessment',
    ]);
    // The call keeps what the dispatcher knew (for replays); the re-triage keeps its own input.
    const stored = await app.server.db.query('calls').where({ id: callId }).first();
    expect(stored.input.vitals ?? {}).toEqual({});
    expect(stored.vitals).toMatchObject({ respiratoryRate: 28, spo2: 90 });
    const assessment = await app.server.db
      .query('triage_decisions')
      .where({ call_id: callId, stage: 'assessment' })
      .first();
    expect(assessment.input.vitals).toMatchObject({
      respiratoryRate: 28,
      spo2: 90,
      heartRate: 125,
    });
  });

  it('re-triages a reassuring assessment without escalating', async () => {
    const { callId, assignmentId } = await offerTo(unitIds.cp11);
    await step(paramedic1, assignmentId, { status: 'accepted' });
    const res = await paramedic1('POST', `/api/calls/${callId}/assessment`, {
      vitals: {
        respiratoryRate: 16,
        spo2: 97,
        heartRate: 78,
        systolicBP: 130,
        temperature: 36.8,
        gcs: 15,
      },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ escalated: false, triage: { disposition: 'home_visit' } });
  });
});
