import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unitIds, userIds } from '../../seeds/ids.js';
import { patientRefFactory } from '../../server/stats/deidentify-row.js';
import { testDialects } from '../support/databases.js';
import { connected, nextEvent } from '../support/calls.js';
import { bootTestApp, testConfig, type TestApp } from '../support/test-app.js';
import { SECRET_ADDRESS, SECRET_NOTE, buildCall, insertHistory } from '../stats/history-factory.js';

const DAY = 86_400_000;
const daysAgo = (n: number) => new Date(Date.now() - n * DAY);
const lift = { unableToGetUp: true, injuryFromFall: false, conscious: true };
const ref = (key: string) => patientRefFactory(testConfig().SESSION_SECRET)(key)!;
const inHours = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();

describe.each(testDialects)('proactive care (%s)', (dialect) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await bootTestApp(dialect);
    await insertHistory(app.server.db, {
      calls: [
        // Three calls in 90 days, and one older that does not count.
        ...[5, 30, 80, 120].map((d) =>
          buildCall({ received_at: daysAgo(d), patient_key: 'FREQ-CALLER' }),
        ),
        // Two lift assists: a frequent caller by the second criterion.
        ...[10, 40].map((d) =>
          buildCall({
            received_at: daysAgo(d),
            patient_key: 'LIFT-ASSIST',
            complaint: 'fall',
            answers: lift,
            patient_age: 84,
          }),
        ),
        // Two calls, one a lift assist: neither criterion.
        buildCall({ received_at: daysAgo(3), patient_key: 'TWICE' }),
        buildCall({
          received_at: daysAgo(4),
          patient_key: 'TWICE',
          complaint: 'fall',
          answers: lift,
        }),
      ],
      attendances: [],
    });
  });
  afterAll(() => app?.stop());

  it('lists frequent callers and repeat lift assists for leads, de-identified', async () => {
    const lead = await app.as('lead');
    const res = await lead('GET', '/api/proactive/frequent-callers');
    expect(res.status).toBe(200);
    expect(res.body.criteria).toEqual({ calls: 3, liftAssists: 2 });
    const byRef = Object.fromEntries(
      res.body.patients.map((p: { patientRef: string }) => [p.patientRef, p]),
    );
    expect(Object.keys(byRef).sort()).toEqual([ref('FREQ-CALLER'), ref('LIFT-ASSIST')].sort());
    expect(byRef[ref('FREQ-CALLER')]).toMatchObject({
      calls: 3,
      liftAssists: 0,
      why: ['frequent_calls'],
    });
    expect(byRef[ref('LIFT-ASSIST')]).toMatchObject({
      calls: 2,
      liftAssists: 2,
      age: 84,
      why: ['repeat_lift_assists'],
      complaints: ['fall'],
    });
    const text = JSON.stringify(res.body);
    for (const secret of ['FREQ-CALLER', 'LIFT-ASSIST', SECRET_ADDRESS, SECRET_NOTE, '42.98765'])
      expect(text).not.toContain(secret);
    expect(
      (await (await app.as('dispatcher'))('GET', '/api/proactive/frequent-callers')).status,
    ).toBe(403);
  });

  it('books a home visit from the list: a planned assignment on the dispatcher’s board, live', async () => {
    const lead = await app.as('lead');
    const dispatcher = await app.as('dispatcher');
    const board = await connected(app.socket(await app.tokenFor('dispatcher')));
    const planned = nextEvent<{ patient: { key: string } }>(board, 'visit:planned');
    const plannedFor = inHours(26);
    const booked = await lead('POST', '/api/visits', {
      patientRef: ref('LIFT-ASSIST'),
      plannedFor,
      unitId: unitIds.cp12,
    });
    expect(booked.status).toBe(201);
    expect(booked.body).toMatchObject({
      status: 'planned',
      plannedFor,
      patient: { key: null, ref: ref('LIFT-ASSIST'), age: 84 },
      location: { address: null, lat: 42.99, lng: -81.24 },
      unit: { id: unitIds.cp12, callSign: 'CP-12' },
      bookedBy: { role: 'lead' },
    });
    expect((await planned).patient.key).toBe('LIFT-ASSIST');
    const onBoard = await dispatcher('GET', '/api/visits');
    expect(onBoard.body).toHaveLength(1);
    expect(onBoard.body[0]).toMatchObject({
      patient: { key: 'LIFT-ASSIST' },
      location: { address: SECRET_ADDRESS, lat: 42.98765 },
    });
    const list = await lead('GET', '/api/proactive/frequent-callers');
    const lifted = list.body.patients.find(
      (p: { patientRef: string }) => p.patientRef === ref('LIFT-ASSIST'),
    );
    expect(lifted.nextVisitAt).toBe(plannedFor);

    // The unit's crew sees and closes it; another crew cannot; it closes once.
    const cp12 = await app.as('paramedic2');
    const cp11 = await app.as('paramedic1');
    expect((await cp12('GET', '/api/visits')).body).toHaveLength(1);
    expect((await cp11('GET', '/api/visits')).body).toHaveLength(0);
    const id = booked.body.id as string;
    expect((await cp11('POST', `/api/visits/${id}/status`, { status: 'completed' })).status).toBe(
      403,
    );
    expect((await cp12('POST', `/api/visits/${id}/status`, { status: 'completed' })).status).toBe(
      200,
    );
    const again = await cp12('POST', `/api/visits/${id}/status`, { status: 'cancelled' });
    expect(again.status).toBe(409);
    const audit = await app.server.db
      .query('audit_log')
      .where({ entity_type: 'visit', entity_id: id })
      .orderBy('id')
      .pluck('action');
    expect(audit).toEqual(['visit:booked', 'visit:completed']);
  });

  it('books by patient key for dispatchers, and names the field for bad bookings', async () => {
    const dispatcher = await app.as('dispatcher');
    const ok = await dispatcher('POST', '/api/visits', {
      patientKey: 'FREQ-CALLER',
      plannedFor: inHours(3),
    });
    expect(ok.status).toBe(201);
    expect(ok.body.unit).toBeNull();
    const bad = async (body: unknown) => {
      const res = await dispatcher('POST', '/api/visits', body);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('invalid_visit');
      return [...new Set(res.body.error.issues.map((i: { path: string }) => i.path))];
    };
    expect(await bad({ patientKey: 'FREQ-CALLER', plannedFor: inHours(-2) })).toEqual([
      'plannedFor',
    ]);
    expect(await bad({ patientKey: 'FREQ-CALLER', plannedFor: 'tomorrow' })).toEqual([
      'plannedFor',
    ]);
    expect(
      await bad({
        patientKey: 'FREQ-CALLER',
        patientRef: ref('FREQ-CALLER'),
        plannedFor: inHours(3),
      }),
    ).toEqual(['patientKey']);
    expect(await bad({ patientRef: '0123456789abcdef', plannedFor: inHours(3) })).toEqual([
      'patientRef',
    ]);
    expect(await bad({ patientKey: 'NEVER-CALLED', plannedFor: inHours(3) })).toEqual([
      'patientKey',
    ]);
    expect(
      await bad({ patientKey: 'FREQ-CALLER', plannedFor: inHours(3), unitId: userIds.lead }),
    ).toEqual(['unitId']);
    expect((await (await app.as('paramedic1'))('POST', '/api/visits', {})).status).toBe(403);
  });

  it('compares frequent callers’ calls in the 90 days before and after their care plan', async () => {
    const db = app.server.db.query;
    const planAt = daysAgo(100);
    const calls = [
      // Before the plan: four calls, two to the ED. After: one.
      ...[195, 150, 120, 101].map((d, i) =>
        buildCall({
          received_at: daysAgo(d),
          patient_key: 'PLANNED',
          ...(i < 2 ? { disposition: 'emergency_department' as const } : {}),
        }),
      ),
      buildCall({ received_at: daysAgo(60), patient_key: 'PLANNED' }),
      // A plan for a patient who was not a frequent caller: not compared.
      buildCall({ received_at: daysAgo(110), patient_key: 'RARE' }),
    ];
    await insertHistory(app.server.db, { calls, attendances: [] });
    for (const [key, when] of [
      ['PLANNED', planAt],
      ['RARE', planAt],
      ['RECENT', daysAgo(10)],
    ] as const) {
      await db('care_plans').insert({
        patient_key: key,
        version: 1,
        coordinator_name: 'Robin',
        written_by: userIds.paramedic1,
        written_role: 'paramedic',
        written_at: when,
      });
    }
    const lead = await app.as('lead');
    const res = await lead('GET', '/api/stats/care-plans');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      windowDays: 90,
      plans: 3,
      tooRecent: 1,
      frequentCallers: {
        patients: 1,
        callsBefore: 3,
        callsAfter: 1,
        edBefore: 1,
        edAfter: 0,
        callsChangePercent: -66.7,
      },
    });
    const csv = await lead('GET', '/api/stats/care-plans.csv');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = (csv.body as string).trim().split('\r\n');
    expect(lines[0]).toContain('patient_ref,care_plan_since,frequent_caller_at_plan');
    expect(lines).toHaveLength(4);
    expect(lines.find((l) => l.startsWith(ref('PLANNED')))).toMatch(/,true,true,3,1,1,0,0,0$/);
    expect(csv.body).not.toContain('PLANNED');
    expect((await lead('GET', '/api/stats/care-plans?from=yesterday')).status).toBe(400);
  });
});
