import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { destinationIds, unitIds, userIds } from '../../seeds/ids.js';
import { testDialects } from '../support/databases.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';
import { assessOnScene, buildCrisisCall, connected, nextEvent } from '../support/calls.js';

// A call dispatched to a receiving site becomes a referral (FHIR R4 Task
// statuses) the site's own staff accept or decline, take into care and close.

type Send = Awaited<ReturnType<TestApp['as']>>;

describe.each(testDialects)('referrals (%s)', (dialect) => {
  let app: TestApp;
  let dispatcher: Send;
  let crisis: Send;
  let clinic: Send;
  let lead: Send;
  let paramedic: Send;

  beforeAll(async () => {
    app = await bootTestApp(dialect);
    dispatcher = await app.as('dispatcher');
    crisis = await app.as('crisis');
    clinic = await app.as('clinic1');
    lead = await app.as('lead');
    paramedic = await app.as('paramedic1');
  });
  afterAll(() => app?.stop());

  /** A referral update that is no longer the request itself (status other than 'requested'). */
  const movedOn = (r: { status: string }) => r.status !== 'requested';

  /** A crisis call dispatched to CP-11 (or the unit given): its referral to the crisis centre. */
  async function referredCall(
    notes = 'Feels unsafe at home tonight',
    unitId: string = unitIds.cp11,
  ) {
    const call = await dispatcher('POST', '/api/calls', buildCrisisCall({ notes }));
    expect(call.status).toBe(201);
    const offered = await dispatcher('POST', `/api/calls/${call.body.id}/dispatch`, {
      unitId,
      overrideCategory: 'unit_better_placed',
    });
    expect(offered.status).toBe(201);
    const mine = await crisis('GET', '/api/referrals');
    const referral = mine.body.find((r: { callId: string }) => r.callId === call.body.id);
    expect(referral).toBeDefined();
    return { callId: call.body.id as string, assignmentId: offered.body.assignment.id, referral };
  }

  /** Frees CP-11 for the next test (the crisis-centre transport needs a clearance: not tested here). */
  async function release(assignmentId: string) {
    for (const status of ['accepted', 'en_route', 'on_scene', 'completed']) {
      if (status === 'completed') {
        const { call_id: callId } = await app.server.db
          .query('assignments')
          .where({ id: assignmentId })
          .first('call_id');
        // Already withdrawn or closed: nothing to assess, and the step is a 409 anyway.
        await assessOnScene(paramedic, callId).catch(() => undefined);
      }
      const res = await paramedic('POST', `/api/assignments/${assignmentId}/status`, {
        status,
        ...(status === 'completed' ? { outcome: 'treated_in_place' } : {}),
      });
      expect([200, 409]).toContain(res.status);
    }
    const unit = await app.server.db.query('units').where({ id: unitIds.cp11 }).first();
    expect(unit.status).toBe('available');
  }

  it('signs partner staff in bound to their site', async () => {
    const me = await crisis('GET', '/api/me');
    expect(me.body.user).toMatchObject({
      role: 'partner',
      destinationId: destinationIds.crisisCentre,
      unitId: null,
    });
    expect((await clinic('GET', '/api/me')).body.user.destinationId).toBe(
      destinationIds.clinicHuronHeights,
    );
    // A partner reads no call list and dispatches nothing.
    expect((await crisis('GET', '/api/calls')).status).toBe(403);
    expect((await crisis('POST', '/api/calls', buildCrisisCall())).status).toBe(403);
  });

  it('takes a referral from requested to completed, live to the site, dispatch and the crew', async () => {
    const site = await connected(app.socket(await app.tokenFor('crisis')));
    const otherSite = await connected(app.socket(await app.tokenFor('clinic1')));
    const board = await connected(app.socket(await app.tokenFor('dispatcher')));
    const crew = await connected(app.socket(await app.tokenFor('paramedic1')));
    let leaked = false;
    otherSite.on('referral:requested', () => (leaked = true));
    otherSite.on('referral:updated', () => (leaked = true));
    const requested = nextEvent<{ id: string; status: string; patient: { notes: string } }>(
      site,
      'referral:requested',
    );
    const { referral, assignmentId } = await referredCall('Sister can collect her later');
    const pushed = await requested;
    expect(pushed).toMatchObject({ id: referral.id, status: 'requested' });
    expect(pushed.patient.notes).toBe('Sister can collect her later');
    expect(referral).toMatchObject({
      status: 'requested',
      site: { id: destinationIds.crisisCentre, type: 'crisis_centre' },
      unit: { id: unitIds.cp11, callSign: 'CP-11' },
      patient: { age: 34, complaint: 'mental_health' },
    });
    expect(referral.etaMinutes).toBeGreaterThan(0);
    // The site follows the crew: each step of theirs re-announces the referral, with its ETA.
    const following = nextEvent<{ id: string; unit: { assignmentStatus: string } }>(
      site,
      'referral:updated',
      (r) => r.unit?.assignmentStatus === 'en_route',
    );
    for (const status of ['accepted', 'en_route'])
      await paramedic('POST', `/api/assignments/${assignmentId}/status`, { status });
    expect((await following).id).toBe(referral.id);

    const toBoard = nextEvent<{ status: string }>(
      board,
      'referral:updated',
      (r) => r.status === 'accepted',
    );
    const toCrew = nextEvent<{ status: string }>(
      crew,
      'referral:updated',
      (r) => r.status === 'accepted',
    );
    const accepted = await crisis('POST', `/api/referrals/${referral.id}/status`, {
      status: 'accepted',
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body.referral.acceptedAt).toBeTruthy();
    await Promise.all([toBoard, toCrew]);

    // The crew arrived 12 minutes ago (the referral was requested an hour ago).
    await app.server.db
      .query('referrals')
      .where({ id: referral.id })
      .update({ requested_at: new Date(Date.now() - 3_600_000) });
    const arrivedAt = new Date(Date.now() - 12 * 60_000).toISOString();
    const inCare = await crisis('POST', `/api/referrals/${referral.id}/status`, {
      status: 'in-progress',
      arrivedAt,
    });
    expect(inCare.status).toBe(200);
    expect(inCare.body.referral.handoverMinutes).toBeGreaterThanOrEqual(11.9);
    expect(inCare.body.referral.handoverMinutes).toBeLessThan(14);

    const done = await crisis('POST', `/api/referrals/${referral.id}/status`, {
      status: 'completed',
      outcome: 'discharged_home',
    });
    expect(done.body.referral).toMatchObject({ status: 'completed', outcome: 'discharged_home' });

    const audit = await app.server.db
      .query('audit_log')
      .where({ entity_type: 'referral', entity_id: referral.id })
      .orderBy('id')
      .pluck('action');
    expect(audit).toEqual(
      expect.arrayContaining([
        'referral:requested',
        'referral:viewed',
        'referral:accepted',
        'referral:in-progress',
        'referral:completed',
      ]),
    );
    await app.server.app.eventsFlushed();
    expect(leaked).toBe(false);
    await release(assignmentId);
  });

  it('refuses illegal steps with a 409 in words, and wrong people with 403/404', async () => {
    const { referral, assignmentId } = await referredCall();
    const path = `/api/referrals/${referral.id}/status`;
    const skip = await crisis('POST', path, { status: 'completed', outcome: 'crisis_bed' });
    expect(skip.status).toBe(409);
    expect(skip.body.error.message).toMatch(/requested cannot become completed/);
    expect(skip.body.error.message).toMatch(/accepted, rejected, cancelled/);
    // Another site's staff cannot learn the referral exists.
    expect((await clinic('POST', path, { status: 'accepted' })).status).toBe(404);
    expect((await clinic('GET', `/api/referrals/${referral.id}`)).status).toBe(404);
    expect((await clinic('GET', '/api/referrals')).body).toEqual([]);
    // Dispatch does not accept for the site; the site does not cancel for dispatch.
    expect((await dispatcher('POST', path, { status: 'accepted' })).status).toBe(403);
    expect((await crisis('POST', path, { status: 'cancelled' })).status).toBe(403);
    expect((await paramedic('POST', path, { status: 'accepted' })).status).toBe(403);

    const bad = await crisis('POST', path, { status: 'rejected' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues).toEqual([
      { path: 'reason', message: expect.stringMatching(/required to decline/) },
    ]);
    const future = await crisis('POST', path, { status: 'accepted', outcome: 'crisis_bed' });
    expect(future.body.error.issues[0].path).toBe('outcome');
    const cancelled = await dispatcher('POST', path, {
      status: 'cancelled',
      note: 'Patient changed their mind',
    });
    expect(cancelled.body.referral.status).toBe('cancelled');
    expect((await crisis('POST', path, { status: 'accepted' })).status).toBe(409);
    await release(assignmentId);
  });

  it('a decline proposes the next eligible site, or the ED, to the dispatcher live', async () => {
    const board = await connected(app.socket(await app.tokenFor('dispatcher')));
    const { referral, assignmentId } = await referredCall('Declines to give a name');
    const alert = nextEvent<{ status: string; proposal: { disposition: string } }>(
      board,
      'referral:updated',
      (r) => r.status === 'rejected',
    );
    const raised = nextEvent<{ id: string; kind: string; callId: string; message: string }>(
      board,
      'alert:raised',
      (a) => a.kind === 'referral_rejected' && a.callId === referral.callId,
    );
    const rejected = await crisis('POST', `/api/referrals/${referral.id}/status`, {
      status: 'rejected',
      reason: 'at_capacity',
      note: 'All four beds full until the morning',
    });
    expect(rejected.status).toBe(200);
    // The dispatcher is alerted, with the site's reason and what to do instead.
    const alertRaised = await raised;
    expect(alertRaised.message).toMatch(
      /^Thames Valley Crisis Centre declined mental health, 34: No capacity now — All four beds full until the morning\. Proposed instead: .+ \(the emergency department\)\.$/,
    );
    const open = await dispatcher('GET', '/api/alerts');
    expect(open.body.map((a: { id: string }) => a.id)).toContain(alertRaised.id);
    expect((await crisis('GET', '/api/alerts')).status).toBe(403);
    // The only crisis centre declined: the emergency department.
    expect(rejected.body.referral.proposal).toMatchObject({
      disposition: 'emergency_department',
      destination: { type: 'emergency_department' },
    });
    expect(rejected.body.referral.proposal.reason).toMatch(/declined this call/);
    expect((await alert).proposal.disposition).toBe('emergency_department');

    const forLead = await lead('GET', '/api/referrals');
    const seen = forLead.body.find((r: { id: string }) => r.id === referral.id);
    expect(seen).toMatchObject({ status: 'rejected', rejectReason: 'at_capacity', patient: null });
    expect(JSON.stringify(forLead.body)).not.toMatch(/beds full|Declines to give/);
    const forDispatch = await dispatcher('GET', `/api/referrals/${referral.id}`);
    expect(forDispatch.body.rejectText).toBe('All four beds full until the morning');
    await release(assignmentId);
  });

  it('cancels the referral when the crew escalates the patient to the ED on scene', async () => {
    const { referral, assignmentId } = await referredCall();
    for (const status of ['accepted', 'en_route', 'on_scene'])
      await paramedic('POST', `/api/assignments/${assignmentId}/status`, { status });
    const site = await connected(app.socket(await app.tokenFor('crisis')));
    // The crew's earlier steps re-announce the referral still 'requested' (a new ETA), and
    // a socket connected just now may hear those late: wait for the first one that moved on.
    const told = nextEvent<{ id: string; status: string }>(site, 'referral:updated', movedOn);
    const assessed = await paramedic('POST', `/api/calls/${referral.callId}/assessment`, {
      answers: { chestPain: true },
    });
    expect(assessed.body.escalated).toBe(true);
    expect(await told).toMatchObject({ id: referral.id, status: 'cancelled' });
    const row = await app.server.db.query('referrals').where({ id: referral.id }).first();
    expect(row.cancel_reason).toMatch(/emergency department/);
    await paramedic('POST', `/api/assignments/${assignmentId}/status`, {
      status: 'completed',
      outcome: 'transported_ed',
    });
    expect(userIds.crisis).toBeTruthy();
  });

  it('cancels the referral when dispatch cancels the call, telling the site why', async () => {
    const { referral, callId } = await referredCall();
    const site = await connected(app.socket(await app.tokenFor('crisis')));
    const told = nextEvent<{ id: string; status: string; cancelReason: string }>(
      site,
      'referral:updated',
      movedOn,
    );
    const cancelled = await dispatcher('POST', `/api/calls/${callId}/cancel`, {
      reason: 'caller_cancelled',
    });
    expect(cancelled.status).toBe(200);
    expect(await told).toMatchObject({
      id: referral.id,
      status: 'cancelled',
      cancelReason: 'The caller cancelled',
    });
  });
});
