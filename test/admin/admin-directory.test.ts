import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { destinationIds, unitIds, userIds } from '../../seeds/ids.js';
import { testDialects } from '../support/databases.js';
import { buildCrisisCall, connected, nextEvent } from '../support/calls.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';

const allWeek = [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({
  weekday,
  opens: '00:00',
  closes: '24:00',
}));
const hoursFromNow = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();

describe.each(testDialects)('admin: units and destinations (%s)', (dialect) => {
  let app: TestApp;
  let admin: Awaited<ReturnType<TestApp['as']>>;

  beforeAll(async () => {
    app = await bootTestApp(dialect);
    admin = await app.as('admin');
  });
  afterAll(() => app?.stop());

  it('creates a unit, pushes it to the dispatch room, and audits it', async () => {
    const dashboard = await connected(app.socket(await app.tokenFor('dispatcher')));
    const pushed = nextEvent<{ callSign: string }>(
      dashboard,
      'unit:updated',
      (u) => u.callSign === 'CP-21',
    );
    const res = await admin('POST', '/api/units', {
      callSign: 'cp-21',
      skills: ['mental_health', 'falls'],
      shift: { startsAt: hoursFromNow(-1), endsAt: hoursFromNow(11) },
      homeBase: { name: 'Argyle station', lat: 43.0, lng: -81.18 },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      callSign: 'CP-21',
      skills: ['mental_health', 'falls'],
      status: 'available',
      onShift: true,
      homeBase: { name: 'Argyle station', lat: 43.0, lng: -81.18 },
    });
    await pushed;
    const units = await admin('GET', '/api/units');
    expect(units.body.map((u: { callSign: string }) => u.callSign)).toContain('CP-21');
    const audit = await admin('GET', `/api/audit?action=unit:created&entityId=${res.body.id}`);
    expect(audit.body.entries[0]).toMatchObject({ actorId: userIds.admin });

    const twice = await admin('POST', '/api/units', {
      callSign: 'CP-21',
      homeBase: { name: 'Elsewhere', lat: 43, lng: -81 },
    });
    expect(twice.status).toBe(409);
    expect(twice.body.error).toMatchObject({
      code: 'call_sign_taken',
      message: 'A unit with the call sign CP-21 already exists',
    });
  });

  it('changes a unit’s skills, shift and home base; refuses bad ones naming the field', async () => {
    const res = await admin('PATCH', `/api/units/${unitIds.cp16}`, {
      skills: ['palliative'],
      shift: { startsAt: hoursFromNow(-2), endsAt: null },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ skills: ['palliative'], shift: { endsAt: null } });
    const audit = await admin('GET', `/api/audit?action=unit:updated&entityId=${unitIds.cp16}`);
    expect(audit.body.entries[0].details.changes.skills).toEqual({
      from: ['chronic_disease', 'wound_care'],
      to: ['palliative'],
    });

    const cases: Array<[unknown, string, string]> = [
      [{ skills: ['flying'] }, 'skills.0', 'must be one of mental_health'],
      [{ skills: ['falls', 'falls'] }, 'skills', 'lists a skill more than once'],
      [
        { shift: { startsAt: hoursFromNow(2), endsAt: hoursFromNow(1) } },
        'shift.endsAt',
        'must be after the start',
      ],
      [{ homeBase: { name: 'X', lat: 91, lng: 0 } }, 'homeBase.lat', 'must be between -90 and 90'],
      [{ callSign: '' }, 'callSign', 'must be 1-20 letters'],
      [{ callSign: 'CP-11' }, '', ''],
    ];
    for (const [body, path, message] of cases) {
      const bad = await admin('PATCH', `/api/units/${unitIds.cp16}`, body);
      if (!path) {
        expect(bad.status).toBe(409); // CP-11 is taken
        continue;
      }
      expect(bad.status, JSON.stringify(body)).toBe(400);
      expect(bad.body.error.issues[0].path).toBe(path);
      expect(bad.body.error.issues[0].message).toContain(message);
    }
    const unit = (await admin('GET', '/api/units')).body.find(
      (u: { id: string }) => u.id === unitIds.cp16,
    );
    expect(unit).toMatchObject({ callSign: 'CP-16', skills: ['palliative'] });
    expect(
      (await (await app.as('dispatcher'))('PATCH', `/api/units/${unitIds.cp16}`, {})).status,
    ).toBe(403);
  });

  it('creates a CP@clinic with weekly hours and an age range', async () => {
    const res = await admin('POST', '/api/destinations', {
      name: 'CP@clinic Argyle',
      type: 'cp_clinic',
      address: '1 Argyle St, London, ON',
      location: { lat: 43.0, lng: -81.17 },
      ageRange: { min: 18, max: null },
      hours: [
        { weekday: 2, opens: '09:00', closes: '12:00' },
        { weekday: 4, opens: '22:00', closes: '02:00' },
      ],
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      type: 'cp_clinic',
      ageRange: { min: 18, max: null },
      capacity: 'green',
      active: true,
      hours: [
        { weekday: 2, opens: '09:00', closes: '12:00' },
        { weekday: 4, opens: '22:00', closes: '02:00' },
      ],
      closures: [],
    });
    const audit = await admin(
      'GET',
      `/api/audit?action=destination:created&entityId=${res.body.id}`,
    );
    expect(audit.body.entries).toHaveLength(1);
  });

  it('a closure takes the crisis centre out of matching until it ends', async () => {
    const dispatcher = await app.as('dispatcher');
    const res = await admin('PATCH', `/api/destinations/${destinationIds.crisisCentre}`, {
      closures: [{ startsAt: hoursFromNow(-1), endsAt: hoursFromNow(3), reason: 'Flooded lobby' }],
    });
    expect(res.status).toBe(200);
    expect(res.body.closures).toEqual([expect.objectContaining({ reason: 'Flooded lobby' })]);
    const call = await dispatcher('POST', '/api/calls', buildCrisisCall());
    expect(call.status).toBe(201);
    expect(call.body.destination?.type).toBe('emergency_department');
    expect(call.body.destination.reason).toContain('Thames Valley Crisis Centre: closed now');

    await admin('PATCH', `/api/destinations/${destinationIds.crisisCentre}`, { closures: [] });
    const after = await dispatcher('POST', '/api/calls', buildCrisisCall({ patient: { age: 35 } }));
    expect(after.body.destination?.id).toBe(destinationIds.crisisCentre);
    const audit = await admin(
      'GET',
      `/api/audit?action=destination:updated&entityId=${destinationIds.crisisCentre}`,
    );
    expect(audit.body.entries).toHaveLength(2);
    expect(audit.body.entries[1].details.changes.closures.to).toEqual([
      expect.objectContaining({ reason: 'Flooded lobby' }),
    ]);
  });

  it('refuses bad hours or a bad closure naming the field, and keeps what was there', async () => {
    const before = (await admin('GET', '/api/destinations')).body.find(
      (d: { id: string }) => d.id === destinationIds.clinicSouthdale,
    );
    const cases: Array<[unknown, string, string]> = [
      [
        { name: 'Renamed', hours: [{ weekday: 7, opens: '09:00', closes: '10:00' }] },
        'hours.0.weekday',
        'must be 0 (Sunday) to 6 (Saturday)',
      ],
      [
        { hours: [{ weekday: 1, opens: '9am', closes: '10:00' }] },
        'hours.0.opens',
        'must be a time HH:MM',
      ],
      [{ hours: [...allWeek, allWeek[0]] }, 'hours', 'same day at the same time'],
      [
        { closures: [{ startsAt: hoursFromNow(2), endsAt: hoursFromNow(1), reason: 'x' }] },
        'closures.0.endsAt',
        'must be after the start',
      ],
      [
        { closures: [{ startsAt: hoursFromNow(-3), endsAt: hoursFromNow(-2), reason: 'x' }] },
        'closures.0.endsAt',
        'must be in the future',
      ],
      [{ ageRange: { min: 30, max: 20 } }, 'ageRange.max', 'must not be below min'],
      [
        { type: 'hospital' },
        'type',
        'must be one of emergency_department, crisis_centre, cp_clinic',
      ],
      [{ capacity: 'red' }, 'capacity', 'Unknown field'],
    ];
    for (const [body, path, message] of cases) {
      const bad = await admin('PATCH', `/api/destinations/${destinationIds.clinicSouthdale}`, body);
      expect(bad.status, JSON.stringify(body)).toBe(400);
      expect(bad.body.error.issues[0].path).toBe(path);
      expect(bad.body.error.issues[0].message).toContain(message);
    }
    const after = (await admin('GET', '/api/destinations')).body.find(
      (d: { id: string }) => d.id === destinationIds.clinicSouthdale,
    );
    expect(after).toEqual(before);
    const lead = await app.as('lead');
    expect((await lead('POST', '/api/destinations', {})).status).toBe(403);
    expect(
      (await lead('PATCH', `/api/destinations/${destinationIds.clinicSouthdale}`, {})).status,
    ).toBe(403);
  });
});
