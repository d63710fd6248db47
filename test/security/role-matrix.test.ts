import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { destinationIds, unitIds } from '../../seeds/ids.js';
import { hashToken } from '../../server/auth/auth-service.js';
import { testDialects } from '../support/databases.js';
import {
  DEMO_PASSWORD,
  bootTestApp,
  type DemoUser,
  type TestApp,
  type TestResponse,
} from '../support/test-app.js';
import { leaksPatient, secretCall, secrets } from './patient-secrets.js';
import { discoverRoutes } from './routes.js';
import { socketMatrix } from './socket-matrix.js';

// Every API route × every role → allowed, 401 or 403. Routes are read from
// express itself: a route without an entry here fails the test.

const roles = [
  'anonymous',
  'dispatcher',
  'paramedic',
  'otherParamedic',
  'lead',
  'admin',
  'partner',
  'otherPartner',
] as const;
type Role = (typeof roles)[number];
type Expected = 'ok' | 401 | 403 | 404;
const userOf: Record<Exclude<Role, 'anonymous'>, DemoUser> = {
  dispatcher: 'dispatcher',
  paramedic: 'paramedic1', // CP-11, the unit the fixture call is assigned to
  otherParamedic: 'paramedic2', // CP-12: not its call
  lead: 'lead',
  admin: 'admin',
  partner: 'crisis', // the crisis centre, where the fixture call is referred
  otherPartner: 'clinic1', // a CP@clinic: not its referral
};

const everyone: Record<Role, Expected> = {
  anonymous: 'ok',
  dispatcher: 'ok',
  paramedic: 'ok',
  otherParamedic: 'ok',
  lead: 'ok',
  admin: 'ok',
  partner: 'ok',
  otherPartner: 'ok',
};
const signedIn: Record<Role, Expected> = { ...everyone, anonymous: 401 };
function only(...allowed: Role[]): Record<Role, Expected> {
  return Object.fromEntries(
    roles.map((r) => [r, r === 'anonymous' ? 401 : allowed.includes(r) ? 'ok' : 403]),
  ) as Record<Role, Expected>;
}

interface Fixtures {
  assignedCall: string;
  assignment: string;
  pendingCall: string;
  referral: string;
}
interface Entry {
  expect: Record<Role, Expected>;
  request: (f: Fixtures, session: { id: string }) => { path: string; body?: unknown };
  /** Signs in afresh for this request (the route ends the session it is called with). */
  freshSession?: true;
  /** Present only when another part of the system is (replay, stats). */
  optional?: true;
}

const unknownId = '0f000000-0000-4000-8000-0000000000ff';
const matrix: Record<string, Entry> = {
  'GET /api/health': { expect: everyone, request: () => ({ path: '/api/health' }) },
  'GET /api/health/live': { expect: everyone, request: () => ({ path: '/api/health/live' }) },
  'GET /api/health/ready': { expect: everyone, request: () => ({ path: '/api/health/ready' }) },
  'GET /api/openapi.json': { expect: signedIn, request: () => ({ path: '/api/openapi.json' }) },
  'GET /metrics': { expect: only('admin'), request: () => ({ path: '/metrics' }) },
  'POST /api/auth/login': {
    expect: everyone,
    request: () => ({
      path: '/api/auth/login',
      body: { email: 'lead@altpath.local', password: DEMO_PASSWORD },
    }),
  },
  'POST /api/auth/logout': {
    expect: signedIn,
    freshSession: true,
    request: () => ({ path: '/api/auth/logout' }),
  },
  'GET /api/me': { expect: signedIn, request: () => ({ path: '/api/me' }) },
  // An empty body: every signed-in role reaches the route (400 in words), none changes a password.
  'POST /api/me/password': {
    expect: signedIn,
    request: () => ({ path: '/api/me/password', body: {} }),
  },
  'GET /api/client-config': { expect: signedIn, request: () => ({ path: '/api/client-config' }) },
  'GET /api/destinations': { expect: signedIn, request: () => ({ path: '/api/destinations' }) },
  'GET /api/units': { expect: signedIn, request: () => ({ path: '/api/units' }) },
  'PUT /api/destinations/:id/capacity': {
    expect: only('lead', 'admin'),
    request: () => ({
      path: `/api/destinations/${destinationIds.clinicSouthdale}/capacity`,
      body: { capacity: 'green' },
    }),
  },
  // A site's own entry: its staff and admins (another site's staff 403).
  // Ends in the past: 400 for those allowed, so nothing changes.
  'PUT /api/destinations/:id/schedule': {
    expect: only('admin', 'partner'),
    request: () => ({
      path: `/api/destinations/${destinationIds.crisisCentre}/schedule`,
      body: {
        closures: [
          { startsAt: '2026-01-01T00:00:00Z', endsAt: '2026-01-02T00:00:00Z', reason: 'matrix' },
        ],
      },
    }),
  },
  'POST /api/triage': {
    expect: only('dispatcher', 'paramedic', 'otherParamedic', 'admin'),
    request: () => ({ path: '/api/triage', body: secretCall() }),
  },
  'POST /api/calls': {
    expect: only('dispatcher', 'admin'),
    request: () => ({ path: '/api/calls', body: secretCall() }),
  },
  'GET /api/calls': {
    expect: only('dispatcher', 'paramedic', 'otherParamedic', 'lead', 'admin'),
    request: () => ({ path: '/api/calls' }),
  },
  'GET /api/calls/:id': {
    expect: only('dispatcher', 'paramedic', 'lead', 'admin'),
    request: (f) => ({ path: `/api/calls/${f.assignedCall}` }),
  },
  'POST /api/calls/:id/dispatch': {
    expect: only('dispatcher', 'admin'),
    request: (f) => ({ path: `/api/calls/${f.pendingCall}/dispatch`, body: {} }),
  },
  'POST /api/calls/:id/handoff': {
    expect: only('dispatcher', 'admin'),
    request: () => ({ path: `/api/calls/${unknownId}/handoff`, body: {} }),
  },
  'POST /api/calls/:id/cancel': {
    expect: only('dispatcher', 'admin'),
    request: () => ({ path: `/api/calls/${unknownId}/cancel`, body: { reason: 'duplicate' } }),
  },
  'GET /api/alerts': {
    expect: only('dispatcher', 'admin'),
    request: () => ({ path: '/api/alerts' }),
  },
  'POST /api/alerts/:id/ack': {
    expect: only('dispatcher', 'admin'),
    request: () => ({ path: `/api/alerts/${unknownId}/ack`, body: {} }),
  },
  'POST /api/calls/:id/assessment': {
    expect: only('paramedic'),
    request: (f) => ({
      path: `/api/calls/${f.assignedCall}/assessment`,
      body: { answers: { conscious: true } },
    }),
  },
  'GET /api/me/assignment': {
    expect: only('paramedic', 'otherParamedic'),
    request: () => ({ path: '/api/me/assignment' }),
  },
  // on_scene → en_route is not a step: the owner gets 409 (allowed, nothing changes), anyone else 403 first.
  'POST /api/assignments/:id/status': {
    expect: only('paramedic'),
    request: (f) => ({
      path: `/api/assignments/${f.assignment}/status`,
      body: { status: 'en_route' },
    }),
  },
  // Care plans: the dispatcher, the attending crew and the coordinator's site (none for this
  // fixture, so the referred site gets 403) read them whole, leads without free text. A site
  // never sent the patient gets 404, as for a patient without a plan: it learns nothing.
  'GET /api/care-plans/:patientKey': {
    expect: { ...only('dispatcher', 'paramedic', 'lead', 'admin'), otherPartner: 404 },
    request: () => ({ path: `/api/care-plans/${secrets.key}` }),
  },
  'GET /api/care-plans/:patientKey/versions': {
    expect: { ...only('dispatcher', 'paramedic', 'lead', 'admin'), otherPartner: 404 },
    request: () => ({ path: `/api/care-plans/${secrets.key}/versions` }),
  },
  'PUT /api/care-plans/:patientKey': {
    expect: { ...only('paramedic', 'lead'), otherPartner: 404 },
    request: () => ({ path: `/api/care-plans/${secrets.key}`, body: { whatHelps: 'matrix' } }),
  },
  // Proactive care: leads review frequent callers (de-identified) and book visits from the list.
  'GET /api/proactive/frequent-callers': {
    expect: only('lead', 'admin'),
    request: () => ({ path: '/api/proactive/frequent-callers' }),
  },
  'POST /api/visits': {
    expect: only('lead', 'dispatcher', 'admin'),
    request: () => ({
      path: '/api/visits',
      body: {
        patientKey: secrets.key,
        plannedFor: new Date(Date.now() + 86_400_000).toISOString(),
      },
    }),
  },
  'GET /api/visits': {
    expect: only('dispatcher', 'paramedic', 'otherParamedic', 'lead', 'admin'),
    request: () => ({ path: '/api/visits' }),
  },
  'POST /api/visits/:id/status': {
    expect: only('dispatcher', 'admin', 'paramedic', 'otherParamedic'),
    request: () => ({ path: `/api/visits/${unknownId}/status`, body: { status: 'cancelled' } }),
  },
  'GET /api/stats/care-plans': {
    expect: only('lead', 'admin'),
    request: () => ({ path: '/api/stats/care-plans' }),
  },
  'GET /api/stats/care-plans.csv': {
    expect: only('lead', 'admin'),
    request: () => ({ path: '/api/stats/care-plans.csv' }),
  },
  'GET /api/stats/referrals': {
    expect: only('lead', 'admin'),
    request: () => ({ path: '/api/stats/referrals' }),
  },
  'GET /api/stats/referrals.csv': {
    expect: only('lead', 'admin'),
    request: () => ({ path: '/api/stats/referrals.csv' }),
  },
  // Referrals: the site's own staff, dispatch, and leads de-identified (another site: 404).
  'GET /api/referrals': {
    expect: only('dispatcher', 'lead', 'admin', 'partner', 'otherPartner'),
    request: () => ({ path: '/api/referrals' }),
  },
  'GET /api/referrals/:id': {
    expect: only('dispatcher', 'lead', 'admin', 'partner', 'otherPartner'),
    request: (f) => ({ path: `/api/referrals/${f.referral}` }),
  },
  // requested → completed is not a step: the site gets 409, another site 404, dispatch 403.
  'POST /api/referrals/:id/status': {
    expect: only('partner', 'otherPartner'),
    request: (f) => ({
      path: `/api/referrals/${f.referral}/status`,
      body: { status: 'completed', outcome: 'discharged_home' },
    }),
  },
  // FHIR R4 for partners' systems: the same need-to-know (another site: 404), leads none.
  'GET /fhir/r4/metadata': { expect: everyone, request: () => ({ path: '/fhir/r4/metadata' }) },
  'GET /fhir/r4/HealthcareService': {
    expect: signedIn,
    request: () => ({ path: '/fhir/r4/HealthcareService' }),
  },
  'GET /fhir/r4/HealthcareService/:id': {
    expect: signedIn,
    request: () => ({ path: `/fhir/r4/HealthcareService/${destinationIds.crisisCentre}` }),
  },
  'GET /fhir/r4/ServiceRequest/:id': {
    expect: only('dispatcher', 'admin', 'partner', 'otherPartner'),
    request: (f) => ({ path: `/fhir/r4/ServiceRequest/${f.referral}` }),
  },
  'GET /fhir/r4/Task': {
    expect: only('dispatcher', 'admin', 'partner', 'otherPartner'),
    request: () => ({ path: '/fhir/r4/Task' }),
  },
  'GET /fhir/r4/Task/:id': {
    expect: only('dispatcher', 'admin', 'partner', 'otherPartner'),
    request: (f) => ({ path: `/fhir/r4/Task/${f.referral}` }),
  },
  // Sent as application/json, not a JSON Patch: the site's staff get 415, nothing changes.
  'PATCH /fhir/r4/Task/:id': {
    expect: only('partner', 'otherPartner'),
    request: (f) => ({
      path: `/fhir/r4/Task/${f.referral}`,
      body: [{ op: 'replace', path: '/status', value: 'accepted' }],
    }),
  },
  'GET /api/sessions': { expect: only('admin'), request: () => ({ path: '/api/sessions' }) },
  'DELETE /api/sessions/:id': {
    expect: signedIn, // one's own session; another's is 403 unless admin (sessions.test.ts)
    freshSession: true,
    request: (_f, session) => ({ path: `/api/sessions/${session.id || unknownId}` }),
  },
  // Issued for a partner account by admins only; an empty body is 400 once the role passes.
  'POST /api/users/:id/api-tokens': {
    expect: only('admin'),
    request: () => ({ path: `/api/users/${unknownId}/api-tokens`, body: {} }),
  },
  'GET /api/audit': { expect: only('admin'), request: () => ({ path: '/api/audit' }) },
  // Running the service: admins only. Empty bodies: refused as 400 once the role passes.
  'GET /api/users': { expect: only('admin'), request: () => ({ path: '/api/users' }) },
  'POST /api/users': { expect: only('admin'), request: () => ({ path: '/api/users', body: {} }) },
  'PATCH /api/users/:id': {
    expect: only('admin'),
    request: () => ({ path: `/api/users/${unknownId}`, body: {} }),
  },
  'POST /api/units': { expect: only('admin'), request: () => ({ path: '/api/units', body: {} }) },
  'PATCH /api/units/:id': {
    expect: only('admin'),
    request: () => ({ path: `/api/units/${unknownId}`, body: {} }),
  },
  'POST /api/destinations': {
    expect: only('admin'),
    request: () => ({ path: '/api/destinations', body: {} }),
  },
  'PATCH /api/destinations/:id': {
    expect: only('admin'),
    request: () => ({ path: `/api/destinations/${unknownId}`, body: {} }),
  },
  // Programme statistics: leads and admins, de-identified (checked on every lead response).
  ...Object.fromEntries(
    ['summary', 'timeseries', 'recontacts', 'missed-opportunities', 'export.csv', 'extent'].map(
      (name): [string, Entry] => [
        `GET /api/stats/${name}`,
        {
          expect: only('lead', 'admin'),
          optional: true,
          request: () => ({ path: `/api/stats/${name}` }),
        },
      ],
    ),
  ),
  'POST /api/rules/replay': {
    expect: only('lead', 'admin'),
    optional: true,
    request: () => ({ path: '/api/rules/replay', body: {} }),
  },
  'GET /api/rules/replay/:id': {
    expect: only('lead', 'admin'),
    optional: true,
    request: () => ({ path: `/api/rules/replay/${unknownId}` }),
  },
};

describe.each(testDialects)('role × route matrix (%s)', (dialect) => {
  let app: TestApp;
  const fixtures: Fixtures = { assignedCall: '', assignment: '', pendingCall: '', referral: '' };

  beforeAll(async () => {
    app = await bootTestApp(dialect);
    const dispatcher = await app.as('dispatcher');
    const paramedic = await app.as('paramedic1');
    fixtures.assignedCall = (await dispatcher('POST', '/api/calls', secretCall())).body.id;
    const offered = await dispatcher('POST', `/api/calls/${fixtures.assignedCall}/dispatch`, {
      unitId: unitIds.cp11,
      overrideReason: 'matrix fixture',
    });
    fixtures.assignment = offered.body.assignment.id;
    fixtures.referral = (
      await app.server.db.query('referrals').where({ call_id: fixtures.assignedCall }).first()
    ).id;
    for (const status of ['accepted', 'en_route', 'on_scene']) {
      expect(
        (await paramedic('POST', `/api/assignments/${fixtures.assignment}/status`, { status }))
          .status,
      ).toBe(200);
    }
    fixtures.pendingCall = (await dispatcher('POST', '/api/calls', secretCall())).body.id;
    const plan = await paramedic('PUT', `/api/care-plans/${secrets.key}`, {
      coordinator: { name: 'Matrix Coordinator' },
      whatHelps: secrets.notes,
    });
    expect(plan.status).toBe(201);
  });
  afterAll(() => app?.stop());

  async function send(role: Role, route: string, entry: Entry): Promise<TestResponse> {
    let token = role === 'anonymous' ? undefined : await app.tokenFor(userOf[role]);
    const session = { id: '' };
    if (entry.freshSession && role !== 'anonymous') {
      const signedIn = await app.request('POST', '/api/auth/login', {
        body: { email: `${userOf[role]}@altpath.local`, password: DEMO_PASSWORD },
      });
      token = signedIn.body.token as string;
      const row = await app.server.db
        .query('sessions')
        .where({ token_hash: hashToken(token) })
        .first<{ id: string }>('id');
      session.id = row.id;
    }
    const { path, body } = entry.request(fixtures, session);
    return app.request(route.split(' ')[0] ?? 'GET', path, { token, body });
  }

  it('has an entry for every route express serves, and every non-optional entry is served', () => {
    const served = discoverRoutes(app.server.app.express);
    expect(
      served.filter((route) => !matrix[route]),
      'routes without a role matrix entry',
    ).toEqual([]);
    const missing = Object.entries(matrix).filter(
      ([route, e]) => !e.optional && !served.includes(route),
    );
    expect(missing.map(([route]) => route)).toEqual([]);
  });

  it('gives each role exactly what it needs, and leads nothing that identifies a patient', async () => {
    const served = new Set(discoverRoutes(app.server.app.express));
    const mismatches: string[] = [];
    let cells = 0;
    for (const [route, entry] of Object.entries(matrix)) {
      if (!served.has(route)) continue;
      for (const role of roles) {
        const res = await send(role, route, entry);
        cells++;
        const expected = entry.expect[role];
        const fine =
          expected === 'ok'
            ? res.status < 500 && res.status !== 401 && res.status !== 403
            : res.status === expected;
        if (!fine)
          mismatches.push(
            `${route} as ${role}: expected ${expected}, got ${res.status} ${JSON.stringify(res.body)?.slice(0, 120)}`,
          );
        const leak = role === 'lead' ? leaksPatient(res.body) : undefined;
        if (leak) mismatches.push(`${route} as lead: response contains "${leak}"`);
      }
    }
    console.log(
      `role matrix: ${Object.keys(matrix).length} routes × ${roles.length} roles = ${cells} cells checked`,
    );
    expect(mismatches).toEqual([]);
    // Hundreds of requests: generous on a busy machine.
  }, 180_000);

  it('shows a paramedic only its own unit’s calls', async () => {
    const mine = await (await app.as('paramedic1'))('GET', '/api/calls');
    const theirs = await (await app.as('paramedic2'))('GET', '/api/calls');
    expect(mine.body.map((c: { id: string }) => c.id)).toContain(fixtures.assignedCall);
    expect(theirs.body).toEqual([]);
    expect((await (await app.as('paramedic2'))('GET', '/api/me/assignment')).body.offer).toBeNull();
  });

  describe('socket events', () => {
    socketMatrix(() => ({ app, fixtures }));
  });
});
