import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallRow } from '../../server/history/history-rows.js';
import { testDialects } from '../support/databases.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';
import {
  at,
  buildAttendance,
  buildCall,
  buildDecision,
  hours,
  insertHistory,
  minutes,
} from './history-factory.js';

type As = Awaited<ReturnType<TestApp['as']>>;

// Each scenario lives in its own stretch of 2030, so they never count each other.
describe.each(testDialects)('statistics definitions (%s)', (dialect) => {
  let app: TestApp;
  let lead: As;
  const summary = async (query: string) => {
    const res = await lead('GET', `/api/stats/summary?${query}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  };

  beforeAll(async () => {
    app = await bootTestApp(dialect);
    lead = await app.as('lead');
  });
  afterAll(() => app?.stop());

  it('counts attendances, diversions, ED transports avoided, cost, and the breakdowns', async () => {
    const t = '2030-01-10T15:00:00Z';
    const home = buildCall({ received_at: at(t), recommended_disposition: 'home_visit' });
    const crisis = buildCall({ received_at: at(t, 60), recommended_disposition: 'crisis_centre' });
    const ed = buildCall({
      received_at: at(t, 120),
      recommended_disposition: 'emergency_department',
    });
    const clinic = buildCall({ received_at: at(t, 180), recommended_disposition: 'cp_clinic' });
    const waiting = buildCall({
      received_at: at(t, 240),
      status: 'pending',
      first_dispatched_at: null,
    });
    await insertHistory(app.server.db, {
      calls: [home, crisis, ed, clinic, waiting],
      attendances: [
        buildAttendance(home, { outcome: 'treated_in_place' }),
        buildAttendance(crisis, { outcome: 'transported_crisis_centre' }),
        buildAttendance(ed, { outcome: 'transported_ed' }),
        buildAttendance(clinic, { outcome: 'referred' }),
        // Not an attendance: an offer the unit is still answering.
        buildAttendance(waiting, {
          status: 'offered',
          outcome: null,
          on_scene_at: null,
          completed_at: null,
        }),
      ],
    });
    const body = await summary('from=2030-01-10&to=2030-01-10');
    expect(body).toMatchObject({
      calls: 5,
      attendances: 4,
      diverted: 3,
      diversionRate: 0.75,
      edTransportsAvoided: 3,
      costAvoided: { amount: 3 * 276, currency: 'CAD' },
      byDisposition: { home_visit: 1, crisis_centre: 1, emergency_department: 1, cp_clinic: 1 },
      byOutcome: {
        treated_in_place: 1,
        transported_crisis_centre: 1,
        transported_ed: 1,
        referred: 1,
        refused_care: 0,
      },
    });

    const crisisOnly = await summary('from=2030-01-10&to=2030-01-10&pathway=crisis_centre');
    expect(crisisOnly).toMatchObject({
      calls: 1,
      attendances: 1,
      diverted: 1,
      pathway: 'crisis_centre',
    });
  });

  it('rates overrides over dispatcher dispatches only, declined ones included', async () => {
    const t = '2030-02-10T15:00:00Z';
    const [a, b, c, d] = [0, 1, 2, 3].map((i) => buildCall({ received_at: at(t, i * 60) })) as [
      CallRow,
      CallRow,
      CallRow,
      CallRow,
    ];
    await insertHistory(app.server.db, {
      calls: [a, b, c, d],
      attendances: [
        buildAttendance(a, {
          status: 'declined',
          overridden: true,
          override_reason: 'closer unit',
          outcome: null,
          on_scene_at: null,
          completed_at: null,
        }),
        buildAttendance(a, { dispatched_by: null }), // the system's re-offer: not a dispatch
        buildAttendance(b),
        buildAttendance(c),
        buildAttendance(d),
      ],
    });
    const body = await summary('from=2030-02-10&to=2030-02-10');
    expect(body).toMatchObject({ dispatches: 4, overrides: 1, overrideRate: 0.25, attendances: 4 });
  });

  it('reports call processing p50/p90 and the share within 60 s, and the on-scene medians', async () => {
    const t = '2030-03-10T15:00:00Z';
    const calls = [10, 20, 30, 60, 100].map((s, i) =>
      buildCall({ received_at: at(t, i * 600), first_dispatched_at: at(t, i * 600 + s) }),
    );
    const undispatched = buildCall({
      received_at: at(t, 4000),
      first_dispatched_at: null,
      status: 'pending',
    });
    const scene = [5, 10, 15];
    const work = [20, 40, 60];
    await insertHistory(app.server.db, {
      calls: [...calls, undispatched],
      attendances: scene.map((m, i) => {
        const call = calls[i]!;
        const onScene = new Date(call.first_dispatched_at!.getTime() + minutes(m) * 1000);
        return buildAttendance(call, {
          on_scene_at: onScene,
          completed_at: new Date(onScene.getTime() + minutes(work[i]!) * 1000),
        });
      }),
    });
    const { processing, calls: count } = await summary('from=2030-03-10&to=2030-03-10');
    expect(count).toBe(6);
    expect(processing).toMatchObject({
      dispatched: 5,
      p50Sec: 30,
      p90Sec: 100,
      within60sRate: 0.8, // 60 s exactly is within
      dispatchToOnSceneP50Sec: 600,
      onSceneToCompletedP50Sec: 2400,
    });
  });

  it('counts a re-contact at 71h59 but not at 72h01, and cannot link a patient without a key', async () => {
    const t = '2030-04-10T12:00:00Z';
    const early = buildCall({ received_at: at(t), patient_key: 'P-EARLY' });
    const late = buildCall({ received_at: at(t, 60), patient_key: 'P-LATE' });
    const anonymous = buildCall({ received_at: at(t, 120), patient_key: null });
    const transported = buildCall({ received_at: at(t, 180), patient_key: 'P-ED' });
    const attendances = [early, late, anonymous].map((c) =>
      buildAttendance(c, { completed_at: at(t, hours(1)) }),
    );
    attendances.push(
      buildAttendance(transported, { outcome: 'transported_ed', completed_at: at(t, hours(1)) }),
    );
    const done = at(t, hours(1));
    // The re-contact of P-EARLY is stored before the attendance (the trigger on
    // assignments finds it), the others after (the trigger on calls finds them).
    await insertHistory(app.server.db, {
      calls: [
        buildCall({
          received_at: new Date(done.getTime() + (hours(72) - 60) * 1000),
          patient_key: 'P-EARLY',
          first_dispatched_at: null,
        }),
      ],
    });
    await insertHistory(app.server.db, {
      calls: [early, late, anonymous, transported],
      attendances,
    });
    await insertHistory(app.server.db, {
      calls: [
        buildCall({
          received_at: new Date(done.getTime() + (hours(72) + 60) * 1000),
          patient_key: 'P-LATE',
          first_dispatched_at: null,
        }),
        buildCall({ received_at: at(t, hours(2)), patient_key: null, first_dispatched_at: null }),
        buildCall({ received_at: at(t, hours(2)), patient_key: 'P-ED', first_dispatched_at: null }),
      ],
    });
    // The window ends before the re-contact calls: they still count for attendances inside it.
    const body = await summary('from=2030-04-10T00:00:00Z&to=2030-04-10T12:30:00Z');
    expect(body.recontact72h).toEqual({ diverted: 3, withoutKey: 1, recontacted: 1, rate: 0.5 });

    const list = await lead(
      'GET',
      '/api/stats/recontacts?from=2030-04-10T00:00:00Z&to=2030-04-10T12:30:00Z',
    );
    expect(list.status).toBe(200);
    expect(list.body.total).toBe(1);
    expect(list.body.calls).toHaveLength(1);
    expect(list.body.calls[0]).toMatchObject({ callId: early.id, hoursToRecontact: 72 });
    expect(list.body.calls[0].recontactCallId).toEqual(expect.any(String));
  });

  it('lists missed opportunities with the reason: override, escalation, no site, paramedic', async () => {
    const t = '2030-05-10T15:00:00Z';
    const overridden = buildCall({
      received_at: at(t),
      recommended_disposition: 'crisis_centre',
      disposition: 'emergency_department',
    });
    const escalated = buildCall({
      received_at: at(t, 60),
      recommended_disposition: 'home_visit',
      disposition: 'emergency_department',
      escalated: true,
    });
    const noSite = buildCall({
      received_at: at(t, 120),
      recommended_disposition: 'crisis_centre',
      disposition: 'emergency_department',
      destination_reason:
        'No crisis centre available (closed now): the emergency department instead',
    });
    const paramedic = buildCall({ received_at: at(t, 180), recommended_disposition: 'cp_clinic' });
    const edAnyway = buildCall({
      received_at: at(t, 240),
      recommended_disposition: 'emergency_department',
    });
    const ed = { outcome: 'transported_ed' as const };
    await insertHistory(app.server.db, {
      calls: [overridden, escalated, noSite, paramedic, edAnyway],
      attendances: [
        buildAttendance(overridden, {
          ...ed,
          overridden: true,
          override_reason: 'Family insists on the ED',
          disposition: 'emergency_department',
        }),
        buildAttendance(escalated, { ...ed, disposition: 'home_visit' }),
        buildAttendance(noSite, ed),
        buildAttendance(paramedic, ed),
        buildAttendance(edAnyway, ed),
      ],
      decisions: [
        buildDecision(escalated, {
          stage: 'assessment',
          disposition: 'emergency_department',
          reasons: [
            { rule: 'abnormal-vital-spo2', message: 'Oxygen saturation is dangerously low.' },
          ],
          decided_at: at(t, 1200),
        }),
      ],
    });
    expect((await summary('from=2030-05-10&to=2030-05-10')).missedOpportunities).toBe(4);
    const res = await lead('GET', '/api/stats/missed-opportunities?from=2030-05-10&to=2030-05-10');
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(4);
    const byCall = Object.fromEntries(res.body.calls.map((c: { callId: string }) => [c.callId, c]));
    expect(byCall[overridden.id]).toMatchObject({
      kind: 'override',
      // Typed before categories (no category): "other", and a lead never sees the words.
      category: 'other',
      reason: 'Dispatcher override (Other)',
    });
    expect(byCall[escalated.id]).toMatchObject({
      kind: 'escalation',
      reason: 'Escalated on scene: Oxygen saturation is dangerously low.',
    });
    expect(byCall[noSite.id]).toMatchObject({
      kind: 'no_site',
      reason: expect.stringContaining('No crisis centre available'),
    });
    expect(byCall[paramedic.id]).toMatchObject({ kind: 'paramedic' });
    expect(byCall[edAnyway.id]).toBeUndefined();
  });

  it('buckets the time series by local month, week and day, quiet buckets included', async () => {
    const june = buildCall({ received_at: at('2030-06-15T15:00:00Z') });
    const july = buildCall({ received_at: at('2030-07-02T15:00:00Z') });
    // 23:30 on 31 July in Toronto is already 1 August in UTC: still July here.
    const lateJuly = buildCall({ received_at: at('2030-08-01T03:30:00Z') });
    await insertHistory(app.server.db, {
      calls: [june, july, lateJuly],
      attendances: [
        buildAttendance(july, { outcome: 'transported_ed' }),
        buildAttendance(lateJuly),
      ],
    });
    const res = await lead(
      'GET',
      '/api/stats/timeseries?from=2030-06-01&to=2030-08-31&bucket=month',
    );
    expect(res.status).toBe(200);
    expect(
      res.body.series.map(
        (b: {
          bucket: string;
          calls: number;
          attendances: number;
          diversionRate: number | null;
        }) => [b.bucket, b.calls, b.attendances, b.diversionRate],
      ),
    ).toEqual([
      ['2030-06-01', 1, 0, null],
      ['2030-07-01', 2, 2, 0.5],
      ['2030-08-01', 0, 0, null],
    ]);
    expect(res.body.series[0].start).toBe('2030-06-01T04:00:00.000Z');
    const days = await lead(
      'GET',
      '/api/stats/timeseries?from=2030-07-30&to=2030-08-01&bucket=day',
    );
    expect(
      days.body.series.map((b: { bucket: string; calls: number }) => [b.bucket, b.calls]),
    ).toEqual([
      ['2030-07-30', 0],
      ['2030-07-31', 1],
      ['2030-08-01', 0],
    ]);
    const weeks = await lead(
      'GET',
      '/api/stats/timeseries?from=2030-06-28&to=2030-07-07&bucket=week',
    );
    expect(
      weeks.body.series.map((b: { bucket: string; calls: number }) => [b.bucket, b.calls]),
    ).toEqual([
      ['2030-06-24', 0],
      ['2030-07-01', 1],
    ]);
  });

  it('keeps whole months (served from monthly roll-ups) current as calls, attendances and re-contacts arrive', async () => {
    const month = 'from=2032-01-01&to=2032-01-31';
    const first = buildCall({ received_at: at('2032-01-15T15:00:00Z'), patient_key: 'P-ROLL' });
    await insertHistory(app.server.db, { calls: [first], attendances: [buildAttendance(first)] });
    expect(await summary(month)).toMatchObject({
      calls: 1,
      attendances: 1,
      recontact72h: { recontacted: 0 },
    });

    const second = buildCall({ received_at: at('2032-01-20T15:00:00Z') });
    await insertHistory(app.server.db, {
      calls: [second],
      attendances: [buildAttendance(second, { outcome: 'transported_ed' })],
    });
    // The patient calls again two days later: the earlier attendance becomes a re-contact.
    await insertHistory(app.server.db, {
      calls: [
        buildCall({
          received_at: at('2032-01-17T13:00:00Z'),
          patient_key: 'P-ROLL',
          first_dispatched_at: null,
        }),
      ],
    });
    expect(await summary(month)).toMatchObject({
      calls: 3,
      attendances: 2,
      diverted: 1,
      recontact72h: { recontacted: 1 },
    });
    const series = await lead(
      'GET',
      '/api/stats/timeseries?from=2032-01-01&to=2032-01-31&bucket=month',
    );
    expect(series.body.series).toEqual([
      expect.objectContaining({ bucket: '2032-01-01', calls: 3, attendances: 2 }),
    ]);
  });

  it('refuses a bad bucket, an inverted range and an unknown pathway with 400', async () => {
    for (const query of ['bucket=hour', 'from=2030-02-01&to=2030-01-01', 'pathway=moon']) {
      const res = await lead('GET', `/api/stats/timeseries?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.error.code).toBe('invalid_query');
    }
  });

  it('reports crisis-centre clearance compliance: transports confirmed by a complete on-scene set first', async () => {
    const t = '2030-09-10T15:00:00Z';
    const complete = {
      heartRate: 80,
      respiratoryRate: 16,
      systolicBP: 128,
      spo2: 98,
      temperature: 36.8,
      gcs: 15,
    };
    const crisis = (n: number) =>
      buildCall({
        received_at: at(t, n * 3600),
        recommended_disposition: 'crisis_centre',
        disposition: 'crisis_centre',
      });
    const [cleared, partial, late, none, treated] = [0, 1, 2, 3, 4].map(crisis) as CallRow[];
    const attendance = (call: CallRow, outcome: 'transported_crisis_centre' | 'treated_in_place') =>
      buildAttendance(call, {
        outcome,
        transporting_at: outcome === 'treated_in_place' ? null : at(t, 3600 * 9),
        completed_at: at(t, 3600 * 10),
      });
    const assessment = (call: CallRow, vitals: object, decidedAt: Date) =>
      buildDecision(call, {
        stage: 'assessment',
        disposition: 'crisis_centre',
        decided_at: decidedAt,
        input: { ...call.input, vitals } as CallRow['input'],
      });
    await insertHistory(app.server.db, {
      calls: [cleared!, partial!, late!, none!, treated!],
      attendances: [
        attendance(cleared!, 'transported_crisis_centre'),
        attendance(partial!, 'transported_crisis_centre'),
        attendance(late!, 'transported_crisis_centre'),
        attendance(none!, 'transported_crisis_centre'),
        attendance(treated!, 'treated_in_place'),
      ],
      decisions: [
        assessment(cleared!, complete, at(t, 3600 * 8)),
        assessment(partial!, { heartRate: 80, spo2: 98 }, at(t, 3600 * 8)),
        // Measured only after the patient had left for the crisis centre.
        assessment(late!, complete, at(t, 3600 * 9.5)),
      ],
    });
    const s = await summary('from=2030-09-10&to=2030-09-11');
    expect(s.crisisCentreClearance).toEqual({ transports: 4, cleared: 1, rate: 0.25 });
  });
});
