import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { destinationIds, unitIds, userIds } from '../../seeds/ids.js';
import { discoverRoutes } from '../security/routes.js';
import { buildCrisisCall, connected, nextEvent } from '../support/calls.js';
import { testDialects } from '../support/databases.js';
import { compiled as compileFhirSchema, fhirSchemaErrors } from '../support/fhir-schema.js';
import {
  bootTestApp,
  type DemoUser,
  type TestApp,
  type TestResponse,
} from '../support/test-app.js';

// FHIR R4 for partners' own systems: every answer, resources and errors alike,
// is application/fhir+json and valid against the official FHIR R4 JSON schema.

const REJECT_REASONS = 'https://altpath.local/fhir/CodeSystem/referral-reject-reason';
const CAPACITY =
  'http://hl7.org/fhir/us/sdoh-clinicalcare/StructureDefinition/SDOHCC-ExtensionHealthcareServiceCapacityStatus';
const crisisOwner = `HealthcareService/${destinationIds.crisisCentre}`;

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- FHIR JSON read freely

describe.each(testDialects)('FHIR R4 API (%s)', (dialect) => {
  let app: TestApp;
  let served = 0;

  beforeAll(async () => {
    compileFhirSchema();
    app = await bootTestApp(dialect);
  }, 120_000);
  afterAll(() => app?.stop());

  /** Any FHIR request; the answer must be FHIR JSON that the official schema accepts. */
  async function fhir(
    user: DemoUser | undefined,
    method: string,
    path: string,
    options: { patch?: unknown; headers?: Record<string, string>; rawBody?: string } = {},
  ): Promise<TestResponse & { body: Json }> {
    const token = user ? await app.tokenFor(user) : undefined;
    const res = await app.request(method, `/fhir/r4${path}`, {
      token,
      headers: {
        ...(options.patch !== undefined ? { 'content-type': 'application/json-patch+json' } : {}),
        ...options.headers,
      },
      ...(options.patch !== undefined ? { rawBody: JSON.stringify(options.patch) } : {}),
      ...(options.rawBody !== undefined ? { rawBody: options.rawBody } : {}),
    });
    expect(res.headers.get('content-type'), `${method} ${path}`).toMatch(
      /^application\/fhir\+json; charset=utf-8$/,
    );
    expect(fhirSchemaErrors(res.body), `${method} ${path}: ${JSON.stringify(res.body)}`).toEqual(
      [],
    );
    served++;
    return res;
  }

  const outcomeText = (res: { body: Json }) =>
    (res.body.issue as Json[]).map((i) => i.details?.text as string).join(' | ');

  function expectOutcome(res: TestResponse, status: number, issueCode: string) {
    expect(res.status, JSON.stringify(res.body)).toBe(status);
    expect(res.body.resourceType).toBe('OperationOutcome');
    expect(res.body.issue[0]).toMatchObject({ severity: 'error', code: issueCode });
  }

  /** A crisis call dispatched to `unitId`: its referral (the Task id) to the crisis centre. */
  async function referredCall(
    unitId: string,
    notes: string,
  ): Promise<{ taskId: string; callId: string }> {
    const dispatcher = await app.as('dispatcher');
    const call = await dispatcher('POST', '/api/calls', buildCrisisCall({ notes }));
    expect(call.status).toBe(201);
    const offered = await dispatcher('POST', `/api/calls/${call.body.id}/dispatch`, {
      unitId,
      overrideCategory: 'unit_better_placed',
    });
    expect(offered.status, JSON.stringify(offered.body)).toBe(201);
    const row = await app.server.db.query('referrals').where({ call_id: call.body.id }).first();
    return { taskId: row.id as string, callId: call.body.id as string };
  }

  it('states exactly what it supports, with no sign-in needed', async () => {
    const res = await fhir(undefined, 'GET', '/metadata');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      resourceType: 'CapabilityStatement',
      fhirVersion: '4.0.0',
      patchFormat: ['application/json-patch+json'],
    });
    const stated = (res.body.rest[0].resource as Json[]).flatMap((r) =>
      (r.interaction as Json[]).map((i) => `${r.type} ${i.code}`),
    );
    const interactionOf = (route: string) => {
      const [method, path] = route.split(' ') as [string, string];
      const [type, id] = path.replace('/fhir/r4/', '').split('/');
      if (method === 'PATCH') return `${type} patch`;
      return `${type} ${id ? 'read' : 'search-type'}`;
    };
    const routes = discoverRoutes(app.server.app.express).filter(
      (r) => r.includes(' /fhir/r4/') && !r.endsWith('/metadata'),
    );
    expect(stated.sort()).toEqual(routes.map(interactionOf).sort());
  });

  it('describes every site with hours, age range, closures and Gravity capacity status', async () => {
    expectOutcome(await fhir(undefined, 'GET', '/HealthcareService'), 401, 'login');
    const res = await fhir('clinic1', 'GET', '/HealthcareService');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ resourceType: 'Bundle', type: 'searchset', total: 6 });
    const byId = new Map<string, Json>(
      (res.body.entry as Json[]).map((e) => [e.resource.id as string, e.resource as Json]),
    );
    const crisis = byId.get(destinationIds.crisisCentre)!;
    expect(crisis.availableTime).toEqual([
      { daysOfWeek: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], allDay: true },
    ]);
    expect(crisis.eligibility[0].code.text).toBe('Aged 16 and over');
    const capacity = (crisis.extension as Json[]).find((e) => e.url === CAPACITY)!;
    expect(capacity.value).toBeUndefined();
    expect(capacity.extension[0]).toMatchObject({
      url: 'capacityStatus',
      valueCodeableConcept: { coding: [{ code: 'capacity' }, { code: 'green' }] },
    });
    const clinic = byId.get(destinationIds.clinicHuronHeights)!;
    expect(clinic.availableTime).toEqual([
      { daysOfWeek: ['mon', 'wed'], availableStartTime: '09:00:00', availableEndTime: '13:00:00' },
      { daysOfWeek: ['fri'], availableStartTime: '13:00:00', availableEndTime: '17:00:00' },
    ]);
    const clinics = await fhir('crisis', 'GET', '/HealthcareService?service-type=cp_clinic');
    expect(clinics.body.entry.map((e: Json) => e.resource.type[0].coding[0].code)).toEqual([
      'cp_clinic',
      'cp_clinic',
      'cp_clinic',
    ]);
    const one = await fhir(
      'crisis',
      'GET',
      `/HealthcareService/${destinationIds.clinicLimberlost}`,
    );
    expect(one.body.name).toBe(byId.get(destinationIds.clinicLimberlost)!.name);
    expectOutcome(await fhir('crisis', 'GET', '/HealthcareService/not-ours'), 404, 'not-found');
  });

  it("shows a site's system only its own site's Tasks and ServiceRequests, each view audited", async () => {
    const { taskId, callId } = await referredCall(unitIds.cp11, 'Pacing, wants to talk to someone');
    const mine = await fhir('crisis', 'GET', `/Task?owner=${crisisOwner}&status=requested`);
    expect(mine.status).toBe(200);
    const task = (mine.body.entry as Json[]).find((e) => e.resource.id === taskId)!.resource;
    expect(task).toMatchObject({
      status: 'requested',
      intent: 'order',
      owner: { reference: crisisOwner },
      focus: { reference: `ServiceRequest/${taskId}` },
      for: { display: '34-year-old, sex female' },
    });
    expect((await fhir('crisis', 'GET', '/Task')).body.entry.length).toBeGreaterThan(0);
    expect((await fhir('crisis', 'GET', `/Task/${taskId}`)).body).toEqual(task);

    const request = await fhir('crisis', 'GET', `/ServiceRequest/${taskId}`);
    expect(request.body).toMatchObject({
      status: 'active',
      subject: { reference: '#patient' },
      performer: [{ reference: crisisOwner }],
      note: [{ text: 'Pacing, wants to talk to someone' }],
    });
    expect(request.body.contained[0]).toEqual({
      resourceType: 'Patient',
      id: 'patient',
      gender: 'female',
    });
    expect(Date.parse(request.body.occurrenceDateTime)).toBeGreaterThan(Date.now());

    // Another site: not found, and its search of the crisis centre refused.
    expectOutcome(await fhir('clinic1', 'GET', `/Task/${taskId}`), 404, 'not-found');
    expectOutcome(await fhir('clinic1', 'GET', `/ServiceRequest/${taskId}`), 404, 'not-found');
    expectOutcome(await fhir('clinic1', 'GET', `/Task?owner=${crisisOwner}`), 403, 'forbidden');
    const theirs = await fhir('clinic1', 'GET', '/Task');
    expect((theirs.body.entry ?? []).map((e: Json) => e.resource.id)).not.toContain(taskId);
    // Leads see no patient: not these resources.
    expectOutcome(await fhir('lead', 'GET', `/Task/${taskId}`), 403, 'forbidden');
    const all = await fhir('dispatcher', 'GET', `/Task?owner=${crisisOwner}`);
    expect(all.body.entry.map((e: Json) => e.resource.id)).toContain(taskId);

    const views = await app.server.db
      .query('audit_log')
      .where({ action: 'referral:viewed', actor_id: userIds.crisis });
    expect(views.length).toBeGreaterThanOrEqual(4);
    expect(views.some((v) => JSON.stringify(v.details).includes(taskId))).toBe(true);
    // Frees CP-11 for the tests below; the site learns its Task is cancelled.
    const cancelled = await (
      await app.as('dispatcher')
    )('POST', `/api/calls/${callId}/cancel`, { reason: 'duplicate' });
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
    const after = await fhir('crisis', 'GET', `/Task/${taskId}`);
    expect(after.body.status).toBe('cancelled');
  });

  it('names the bad parameter or element in words', async () => {
    const badCount = await fhir('crisis', 'GET', '/Task?_count=0');
    expectOutcome(badCount, 400, 'invalid');
    expect(outcomeText(badCount)).toContain('_count: must be a whole number from 1 to 500');
    const badStatus = await fhir('crisis', 'GET', '/Task?status=done');
    expect(outcomeText(badStatus)).toContain('status.0: must be among the Task statuses');
    const unknown = await fhir('crisis', 'GET', '/Task?patient=x');
    expect(outcomeText(unknown)).toContain('patient: Unknown field');
    const xml = await fhir('crisis', 'GET', '/metadata', {
      headers: { accept: 'application/fhir+xml' },
    });
    expectOutcome(xml, 406, 'not-supported');
    expectOutcome(await fhir('crisis', 'GET', '/Patient'), 404, 'not-found');
  });

  it('accepts a Task by JSON Patch with the board’s rules, live to dispatch', async () => {
    const { taskId } = await referredCall(unitIds.cp13, 'Wants support tonight');
    const accept = [
      { op: 'test', path: '/status', value: 'requested' },
      { op: 'replace', path: '/status', value: 'accepted' },
    ];
    const path = `/Task/${taskId}`;
    // Not a JSON Patch: 415, whatever the body says.
    const asJson = await fhir('crisis', 'PATCH', path, {
      rawBody: JSON.stringify(accept),
      headers: { 'content-type': 'application/json' },
    });
    expectOutcome(asJson, 415, 'not-supported');
    const badOp = await fhir('crisis', 'PATCH', path, {
      patch: [{ op: 'frobnicate', path: '/status' }],
    });
    expectOutcome(badOp, 400, 'invalid');
    expect(outcomeText(badOp)).toContain('0.op: must be one of add, remove, replace');
    const owner = await fhir('crisis', 'PATCH', path, {
      patch: [{ op: 'replace', path: '/owner/reference', value: 'HealthcareService/x' }],
    });
    expectOutcome(owner, 422, 'business-rule');
    expect(owner.body.issue[0].expression).toEqual(['Task.owner']);
    const inProgress = await fhir('crisis', 'PATCH', path, {
      patch: [{ op: 'replace', path: '/status', value: 'in-progress' }],
    });
    expectOutcome(inProgress, 422, 'business-rule');
    expect(outcomeText(inProgress)).toContain('Task.status: can become accepted or rejected');
    expectOutcome(await fhir('dispatcher', 'PATCH', path, { patch: accept }), 403, 'forbidden');
    expectOutcome(await fhir('clinic1', 'PATCH', path, { patch: accept }), 404, 'not-found');

    const board = await connected(app.socket(await app.tokenFor('dispatcher')));
    const updated = nextEvent<{ id: string; status: string }>(
      board,
      'referral:updated',
      // A socket that joins the room may still receive the batch its process was gathering
      // (PUSH_COALESCE_MS), with the referral's earlier update: wait for this one.
      (r) => r.id === taskId && r.status === 'accepted',
    );
    const accepted = await fhir('crisis', 'PATCH', path, { patch: accept });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    expect(accepted.body).toMatchObject({ resourceType: 'Task', id: taskId, status: 'accepted' });
    expect((await updated).status).toBe('accepted');
    const rest = await (await app.as('dispatcher'))('GET', `/api/referrals/${taskId}`);
    expect(rest.body).toMatchObject({ status: 'accepted' });

    // The same patch again: its test fails (409); without the test, the step is wrong (409).
    const again = await fhir('crisis', 'PATCH', path, { patch: accept });
    expectOutcome(again, 409, 'conflict');
    const wrongStep = await fhir('crisis', 'PATCH', path, {
      patch: [{ op: 'replace', path: '/status', value: 'rejected' }, rejectBecause('at_capacity')],
    });
    expectOutcome(wrongStep, 409, 'conflict');
    expect(outcomeText(wrongStep)).toContain('A referral that is accepted cannot become rejected');
  });

  function rejectBecause(code: string, text?: string) {
    return {
      op: 'add',
      path: '/statusReason',
      value: { coding: [{ system: REJECT_REASONS, code }], ...(text ? { text } : {}) },
    };
  }

  it('rejects a Task with a reason from the list, proposing the next site to dispatch', async () => {
    const { taskId } = await referredCall(unitIds.cp11, 'Second call tonight');
    const path = `/Task/${taskId}`;
    const reject = { op: 'replace', path: '/status', value: 'rejected' };
    const noReason = await fhir('crisis', 'PATCH', path, { patch: [reject] });
    expectOutcome(noReason, 422, 'business-rule');
    expect(outcomeText(noReason)).toContain('Task.statusReason: is required to reject');
    const notOurs = await fhir('crisis', 'PATCH', path, {
      patch: [reject, rejectBecause('busy')],
    });
    expect(outcomeText(notOurs)).toContain('Task.statusReason.coding: must hold a code of');
    const nul = await fhir('crisis', 'PATCH', path, {
      patch: [reject, rejectBecause('at_capacity', 'Full\u0000')],
    });
    expectOutcome(nul, 400, 'invalid');
    expect(outcomeText(nul)).toContain('NUL character');
    const rejected = await fhir('crisis', 'PATCH', path, {
      patch: [reject, rejectBecause('at_capacity', 'Every bed is taken tonight')],
    });
    expect(rejected.status, JSON.stringify(rejected.body)).toBe(200);
    expect(rejected.body.statusReason).toEqual({
      coding: [{ system: REJECT_REASONS, code: 'at_capacity', display: 'No capacity now' }],
      text: 'Every bed is taken tonight',
    });
    const rest = await (await app.as('dispatcher'))('GET', `/api/referrals/${taskId}`);
    expect(rest.body).toMatchObject({ status: 'rejected', rejectReason: 'at_capacity' });
    expect(rest.body.proposal).not.toBeNull();
    const request = await fhir('crisis', 'GET', `/ServiceRequest/${taskId}`);
    expect(request.body.status).toBe('revoked');
    const audit = await app.server.db
      .query('audit_log')
      .where({ action: 'referral:rejected', entity_id: taskId })
      .first();
    expect(audit.actor_id).toBe(userIds.crisis);
  });

  it('shows a red site as having no capacity', async () => {
    const crisis = await app.as('crisis');
    const site = destinationIds.crisisCentre;
    expect(
      (await crisis('PUT', `/api/destinations/${site}/capacity`, { capacity: 'red' })).status,
    ).toBe(200);
    const closure = {
      startsAt: new Date(Date.now() + 86_400_000).toISOString(),
      endsAt: new Date(Date.now() + 2 * 86_400_000).toISOString(),
      reason: 'Staff training day',
    };
    expect(
      (await crisis('PUT', `/api/destinations/${site}/schedule`, { closures: [closure] })).status,
    ).toBe(200);
    const res = await fhir('crisis', 'GET', `/HealthcareService?_id=${site}`);
    const service = res.body.entry[0].resource;
    const capacity = (service.extension as Json[]).find((e) => e.url === CAPACITY)!;
    expect(capacity.extension[0].valueCodeableConcept.coding[0].code).toBe('no-capacity');
    expect(service.notAvailable).toEqual([
      {
        description: 'Staff training day',
        during: { start: closure.startsAt, end: closure.endsAt },
      },
    ]);
    await crisis('PUT', `/api/destinations/${site}/capacity`, { capacity: 'green' });
    await crisis('PUT', `/api/destinations/${site}/schedule`, { closures: [] });
    // Every answer above was checked against the FHIR R4 schema.
    expect(served).toBeGreaterThan(30);
  });
});
