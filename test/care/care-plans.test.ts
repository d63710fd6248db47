import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { destinationIds, unitIds, userIds } from '../../seeds/ids.js';
import { testDialects } from '../support/databases.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';
import { buildCrisisCall } from '../support/calls.js';
import { buildCarePlan, carePlanPath, referToCrisisCentre } from './care-plan-support.js';

const auditOf = (app: TestApp, patientKey: string) =>
  app.server.db
    .query('audit_log')
    .where({ entity_type: 'care_plan', entity_id: patientKey })
    .orderBy('id')
    .select<Array<{ action: string; actor_role: string; details: Record<string, unknown> }>>(
      'action',
      'actor_role',
      'details',
    );

describe.each(testDialects)('care plans (%s)', (dialect) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await bootTestApp(dialect);
  });
  afterAll(() => app?.stop());

  it('is written by a paramedic, versioned on every PUT, and every version stays readable', async () => {
    const key = 'CARE-VERSIONS';
    const paramedic = await app.as('paramedic1');
    const dispatcher = await app.as('dispatcher');
    const first = await paramedic('PUT', carePlanPath(key), buildCarePlan());
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      patientKey: key,
      version: 1,
      redacted: false,
      coordinator: {
        name: 'Robin Ortiz',
        phone: '519-555-0142',
        site: { id: destinationIds.crisisCentre },
      },
      preferredPathway: 'crisis_centre',
      knownParamedic: { id: userIds.paramedic1, callSign: 'CP-11' },
      writtenBy: { role: 'paramedic', email: 'paramedic1@altpath.local' },
    });
    // A change of one field keeps the rest.
    const second = await paramedic('PUT', carePlanPath(key), {
      safetyNotes: 'Dog now rehomed',
      expectedVersion: 1,
    });
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({
      version: 2,
      safetyNotes: 'Dog now rehomed',
      whatHelps: 'A calm voice; sit at eye level; offer tea',
      coordinator: { name: 'Robin Ortiz' },
    });
    const current = await dispatcher('GET', carePlanPath(key));
    expect(current.status).toBe(200);
    expect(current.body.version).toBe(2);
    const history = await dispatcher('GET', `${carePlanPath(key)}/versions`);
    expect(history.body.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(history.body.versions[1].safetyNotes).toBe('Dog in the back yard, usually shut in');
    // Stored versions are never rewritten.
    await expect(
      app.server.db.query('care_plans').where({ patient_key: key }).update({ safety_notes: 'x' }),
    ).rejects.toThrow(/append-only/);
  });

  it('refuses a write based on a version that is no longer current (409), losing nothing', async () => {
    const key = 'CARE-STALE';
    const paramedic = await app.as('paramedic1');
    expect((await paramedic('PUT', carePlanPath(key), buildCarePlan())).status).toBe(201);
    expect(
      (await paramedic('PUT', carePlanPath(key), { whatHelps: 'one', expectedVersion: 1 })).status,
    ).toBe(200);
    const stale = await paramedic('PUT', carePlanPath(key), {
      whatHelps: 'two',
      expectedVersion: 1,
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('care_plan_changed');
    expect((await paramedic('GET', carePlanPath(key))).body).toMatchObject({
      version: 2,
      whatHelps: 'one',
    });
  });

  it('names the field and says why for bad input', async () => {
    const paramedic = await app.as('paramedic1');
    const paths = async (body: unknown) => {
      const res = await paramedic('PUT', carePlanPath('CARE-BAD'), body);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('invalid_care_plan');
      return res.body.error.issues.map((i: { path: string }) => i.path).sort();
    };
    expect(await paths({ whatHelps: 'no coordinator yet' })).toEqual(['coordinator.name']);
    expect(
      await paths(buildCarePlan({ preferredPathway: 'hospital', colour: 'blue' })).then((p) => p),
    ).toEqual(['colour', 'preferredPathway']);
    expect(await paths(buildCarePlan({ knownParamedicId: userIds.dispatcher }))).toEqual([
      'knownParamedicId',
    ]);
    expect(
      await paths(buildCarePlan({ coordinator: { name: 'A', siteId: unitIds.cp11 } })),
    ).toEqual(['coordinator.siteId']);
    expect(await paths(buildCarePlan({ whatHelps: 'x'.repeat(2001) }))).toEqual(['whatHelps']);
    expect(await app.server.db.query('care_plans').where({ patient_key: 'CARE-BAD' })).toEqual([]);
  });

  it('shows the plan to the attending crew only, and the whole plan never to a lead', async () => {
    const key = 'CARE-ATTEND';
    const dispatcher = await app.as('dispatcher');
    const lead = await app.as('lead');
    const paramedic2 = await app.as('paramedic2');
    // Written by CP-11's paramedic; CP-12 neither knows the patient nor attends.
    await (
      await app.as('paramedic1')
    )('PUT', carePlanPath(key), buildCarePlan());
    expect((await paramedic2('GET', carePlanPath(key))).status).toBe(403);
    expect((await paramedic2('PUT', carePlanPath(key), { whatHelps: 'blind' })).status).toBe(403);

    const call = await dispatcher(
      'POST',
      '/api/calls',
      buildCrisisCall({ patient: { age: 40, sex: 'male', key } }),
    );
    const offer = await dispatcher('POST', `/api/calls/${call.body.id}/dispatch`, {
      unitId: unitIds.cp12,
      overrideReason: 'closer for this test',
    });
    expect(offer.status).toBe(201);
    const attending = await paramedic2('GET', carePlanPath(key));
    expect(attending.status).toBe(200);
    expect(attending.body.safetyNotes).toBe('Dog in the back yard, usually shut in');

    const redacted = await lead('GET', carePlanPath(key));
    expect(redacted.status).toBe(200);
    expect(redacted.body).toMatchObject({
      patientKey: null,
      redacted: true,
      whatHelps: null,
      whatToAvoid: null,
      safetyNotes: null,
      coordinator: { name: null, phone: null, site: { id: destinationIds.crisisCentre } },
      preferredPathway: 'crisis_centre',
    });
    expect(JSON.stringify(redacted.body)).not.toContain(key);
    // A lead may add to a plan without seeing its text, and what others wrote is kept.
    const leadWrite = await lead('PUT', carePlanPath(key), { preferredPathway: 'home_visit' });
    expect(leadWrite.status).toBe(200);
    expect(leadWrite.body.whatHelps).toBeNull();
    expect((await dispatcher('GET', carePlanPath(key))).body).toMatchObject({
      version: 2,
      preferredPathway: 'home_visit',
      whatHelps: 'A calm voice; sit at eye level; offer tea',
    });
    // Dispatchers read plans; they do not write them.
    expect((await dispatcher('PUT', carePlanPath(key), { whatHelps: 'x' })).status).toBe(403);
    expect((await dispatcher('GET', carePlanPath('CARE-NONE'))).status).toBe(404);
    // A page asking for every known patient says so: no plan is an answer, not an error.
    const none = await dispatcher('GET', `${carePlanPath('CARE-NONE')}?orNone=true`);
    expect(none.status).toBe(200);
    expect(none.body).toBeNull();
    expect((await dispatcher('GET', `${carePlanPath(key)}?orNone=true`)).body.version).toBe(2);
    expect((await dispatcher('GET', `${carePlanPath(key)}?orNone=yes`)).status).toBe(400);
  });

  it("lets the care coordinator's site read and write the plan, and no other site", async () => {
    const key = 'CARE-COORDINATOR';
    const crisis = await app.as('crisis');
    const clinic = await app.as('clinic1');
    await referToCrisisCentre(app, key);
    // A site starts a plan only as its own coordinator.
    const elsewhere = buildCarePlan({
      coordinator: { name: 'Sam Lee', siteId: destinationIds.clinicHuronHeights },
    });
    const refused = await crisis('PUT', carePlanPath(key), elsewhere);
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(/own site as its care coordinator/);
    expect((await crisis('PUT', carePlanPath(key), { coordinator: { name: 'x' } })).status).toBe(
      403,
    );
    expect(await app.server.db.query('care_plans').where({ patient_key: key })).toEqual([]);

    const started = await crisis('PUT', carePlanPath(key), buildCarePlan());
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({
      version: 1,
      redacted: false,
      coordinator: { site: { id: destinationIds.crisisCentre } },
      writtenBy: { role: 'partner', email: 'crisis@altpath.local' },
    });
    const read = await crisis('GET', carePlanPath(key));
    expect(read.status).toBe(200);
    expect(read.body.safetyNotes).toBe('Dog in the back yard, usually shut in');
    const changed = await crisis('PUT', carePlanPath(key), {
      whatHelps: 'Ask for Robin at the front desk',
      expectedVersion: 1,
    });
    expect(changed.status).toBe(200);
    expect(changed.body.version).toBe(2);
    expect((await crisis('GET', `${carePlanPath(key)}/versions`)).body.versions).toHaveLength(2);

    // Another site's staff, never sent this patient, neither read nor write it, nor learn of it.
    expect((await clinic('GET', carePlanPath(key))).status).toBe(404);
    expect((await clinic('GET', `${carePlanPath(key)}/versions`)).status).toBe(404);
    expect((await clinic('PUT', carePlanPath(key), { whatHelps: 'blind' })).status).toBe(404);

    // Once the plan names another coordinator, the first site reads it no more (it was sent
    // the patient, so it is told the plan is not its to read).
    const paramedic = await app.as('paramedic1');
    const handedOver = await paramedic('PUT', carePlanPath(key), {
      coordinator: { name: 'Sam Lee', siteId: destinationIds.clinicHuronHeights },
    });
    expect(handedOver.status).toBe(200);
    expect((await crisis('GET', carePlanPath(key))).status).toBe(403);
    expect((await clinic('GET', carePlanPath(key))).status).toBe(200);

    const audit = await auditOf(app, key);
    expect(audit.filter((a) => a.actor_role === 'partner').map((a) => a.action)).toEqual([
      'care_plan:written',
      'care_plan:viewed',
      'care_plan:written',
      'care_plan:viewed',
      'care_plan:viewed',
    ]);
  });

  it('tells a site nothing about a patient it was never sent, and lets it start no plan for one', async () => {
    const planned = 'CARE-PROBE-PLANNED';
    const unknown = 'CARE-PROBE-UNKNOWN';
    const clinic = await app.as('clinic1');
    const crisis = await app.as('crisis');
    // A plan coordinated by the crisis centre, for a patient it was sent.
    await referToCrisisCentre(app, planned);
    expect((await crisis('PUT', carePlanPath(planned), buildCarePlan())).status).toBe(201);

    // The clinic was sent neither patient: a plan that exists answers as one that does not.
    const answers = async (key: string) => {
      const strip = (res: { status: number; body: unknown }) => {
        const { requestId: _id, ...body } = (res.body ?? {}) as Record<string, unknown>;
        return { status: res.status, body: res.body === null ? null : body };
      };
      return [
        strip(await clinic('GET', carePlanPath(key))),
        strip(await clinic('GET', `${carePlanPath(key)}?orNone=true`)),
        strip(await clinic('GET', `${carePlanPath(key)}/versions`)),
        strip(
          await clinic(
            'PUT',
            carePlanPath(key),
            buildCarePlan({
              coordinator: { name: 'Sam Lee', siteId: destinationIds.clinicHuronHeights },
            }),
          ),
        ),
        strip(await clinic('PUT', carePlanPath(key), { whatHelps: 'probe' })),
      ];
    };
    const forPlanned = await answers(planned);
    expect(forPlanned).toEqual(await answers(unknown));
    expect(forPlanned.map((a) => a.status)).toEqual([404, 200, 404, 404, 404]);
    expect(forPlanned[1]?.body).toBeNull();
    expect(forPlanned[3]?.body).toMatchObject({
      error: { code: 'not_found', message: expect.stringMatching(/referred to your site/) },
    });
    // Nothing written, nothing shown: the plan is as the crisis centre left it.
    expect(await app.server.db.query('care_plans').where({ patient_key: unknown })).toEqual([]);
    expect(await app.server.db.query('care_plans').where({ patient_key: planned })).toHaveLength(1);
    expect((await crisis('GET', carePlanPath(planned))).body).toMatchObject({ version: 1 });
    const clinicAudit = await app.server.db
      .query('audit_log')
      .where({ entity_type: 'care_plan', actor_id: userIds.clinic1 })
      .whereIn('entity_id', [planned, unknown]);
    expect(clinicAudit).toEqual([]);

    // Once the patient is referred to a site, that site may start its plan; not before.
    expect((await crisis('PUT', carePlanPath(unknown), buildCarePlan())).status).toBe(404);
    await referToCrisisCentre(app, unknown);
    expect((await crisis('PUT', carePlanPath(unknown), buildCarePlan())).status).toBe(201);
  });

  it('comes with the intake answer when the patient has one, and every view is audited', async () => {
    const key = 'CARE-INTAKE';
    const dispatcher = await app.as('dispatcher');
    const before = await dispatcher(
      'POST',
      '/api/calls',
      buildCrisisCall({ patient: { age: 29, sex: 'female', key } }),
    );
    expect(before.status).toBe(201);
    expect(before.body.carePlan).toBeNull();
    await (
      await app.as('paramedic1')
    )('PUT', carePlanPath(key), buildCarePlan());
    const after = await dispatcher(
      'POST',
      '/api/calls',
      buildCrisisCall({ patient: { age: 29, sex: 'female', key } }),
    );
    expect(after.body.carePlan).toMatchObject({ version: 1, coordinator: { name: 'Robin Ortiz' } });
    await dispatcher('GET', carePlanPath(key));
    await (
      await app.as('lead')
    )('GET', carePlanPath(key));
    const audit = await auditOf(app, key);
    expect(audit.map((a) => [a.action, a.actor_role, a.details.via ?? null])).toEqual([
      ['care_plan:written', 'paramedic', null],
      ['care_plan:viewed', 'dispatcher', 'intake'],
      ['care_plan:viewed', 'dispatcher', 'direct'],
      ['care_plan:viewed', 'lead', 'direct'],
    ]);
  });
});
