import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { patientRefFactory } from '../../server/stats/deidentify-row.js';
import { testDialects } from '../support/databases.js';
import { bootTestApp, testConfig, type TestApp } from '../support/test-app.js';
import {
  SECRET_ADDRESS,
  SECRET_NOTE,
  at,
  buildAttendance,
  buildCall,
  hours,
  insertHistory,
} from './history-factory.js';

const KEY = 'HC-1234567890';
const window = 'from=2031-01-10&to=2031-01-12';
const routes = ['summary', 'timeseries', 'recontacts', 'missed-opportunities', 'export.csv'].map(
  (r) => `/api/stats/${r}?${window}`,
);

describe.each(testDialects)('statistics privacy, CSV and roles (%s)', (dialect) => {
  let app: TestApp;
  let expectedRef: string;

  beforeAll(async () => {
    app = await bootTestApp(dialect);
    expectedRef = patientRefFactory(testConfig().SESSION_SECRET)(KEY)!;
    const t = '2031-01-10T15:00:00Z';
    // A diverted attendance re-contacted within 72 h, and a missed opportunity whose
    // override reason needs CSV quoting; both carry the address, notes and raw key.
    const first = buildCall({ received_at: at(t), patient_key: KEY });
    const again = buildCall({
      received_at: at(t, hours(5)),
      patient_key: KEY,
      recommended_disposition: 'crisis_centre',
      disposition: 'emergency_department',
    });
    await insertHistory(app.server.db, {
      calls: [first, again],
      attendances: [
        buildAttendance(first),
        buildAttendance(again, {
          outcome: 'transported_ed',
          overridden: true,
          override_reason: 'Said "no", then, after a while,\nyes',
          disposition: 'emergency_department',
        }),
      ],
    });
  });
  afterAll(() => app?.stop());

  it('shows leads no address, notes or raw patient key anywhere; keys hashed stably, positions rounded', async () => {
    const lead = await app.as('lead');
    const seen: string[] = [];
    for (const route of routes) {
      const res = await lead('GET', route);
      expect(res.status, route).toBe(200);
      const text = typeof res.body === 'string' ? res.body : JSON.stringify(res.body);
      for (const secret of [
        SECRET_ADDRESS,
        '12 Secretive Lane',
        SECRET_NOTE,
        'Jane Doe',
        KEY,
        '42.98765',
        '-81.24321',
      ]) {
        expect(text, `${route} leaks ${secret}`).not.toContain(secret);
      }
      seen.push(text);
    }
    const recontacts = JSON.parse(seen[2]!);
    const missed = JSON.parse(seen[3]!);
    expect(recontacts.calls[0].patient.ref).toBe(expectedRef);
    expect(missed.calls[0].patient.ref).toBe(expectedRef); // the same patient, the same pseudonym
    expect(recontacts.calls[0].patient.ref).toMatch(/^[0-9a-f]{16}$/);
    expect(recontacts.calls[0].location).toEqual({ lat: 42.99, lng: -81.24 });
    expect(seen[4]).toContain(expectedRef);
  });

  it('exports the attendances as an attachment, one quoted line each, with a header', async () => {
    const res = await app.request('GET', `/api/stats/export.csv?${window}`, {
      token: await app.tokenFor('admin'),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="altpath-attendances-.*\.csv"$/,
    );
    const text = res.body as string;
    expect(text.startsWith('attendance_id,call_id,received_at,complaint,')).toBe(true);
    expect(text).toContain('"Said ""no"", then, after a while,\nyes"');
    const records = text.trimEnd().split('\r\n');
    expect(records).toHaveLength(3); // header + two attendances (the quoted newline is LF, records end CRLF)
    expect(records[1]).toContain(',42.99,-81.24,');
  });

  it('answers 401 without a session and 403 to dispatchers and paramedics', async () => {
    for (const route of routes) {
      expect((await app.request('GET', route)).status, route).toBe(401);
      for (const user of ['dispatcher', 'paramedic1'] as const) {
        expect((await (await app.as(user))('GET', route)).status, `${user} ${route}`).toBe(403);
      }
      expect((await (await app.as('admin'))('GET', route)).status, `admin ${route}`).toBe(200);
    }
  });
});
