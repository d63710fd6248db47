import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userIds } from '../../seeds/ids.js';
import { dispositions } from '../../shared/call-schema.js';
import { testDialects } from '../support/databases.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';
import { downtown } from '../support/calls.js';
import { callArbitrary } from '../triage/call-arbitrary.js';
import { carePlanPath } from './care-plan-support.js';

// A care plan informs the people; it never changes a triage decision. Over
// generated calls and generated plans (any preferred pathway, notes that
// read like red flags or reassurance), the same call is decided identically
// for a patient without a plan and for one with a plan.

const planArbitrary = fc.record({
  coordinator: fc.record({ name: fc.constantFrom('Robin Ortiz', 'Sam Lee') }),
  whatHelps: fc.constantFrom('', 'Calm voice, no sirens', 'Chest pain is usually anxiety for him'),
  whatToAvoid: fc.constantFrom('', 'Do not take to the ED unless unsafe', 'Avoid police'),
  safetyNotes: fc.constantFrom('', 'Not suicidal at last review', 'Has a knife collection'),
  preferredPathway: fc.option(fc.constantFrom(...dispositions), { nil: null }),
  knownParamedicId: fc.constantFrom(userIds.paramedic1, null),
});

const decisionOf = (body: {
  triage: unknown;
  disposition: unknown;
  destination: { id: string } | null;
}) => ({
  triage: body.triage,
  disposition: body.disposition,
  destinationId: body.destination?.id ?? null,
});

describe.each(testDialects)('care plans and triage (%s)', (dialect) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await bootTestApp(dialect);
  });
  afterAll(() => app?.stop());

  it('decides every call the same with and without a care plan', async () => {
    const dispatcher = await app.as('dispatcher');
    const paramedic = await app.as('paramedic1');
    let n = 0;
    await fc.assert(
      fc.asyncProperty(callArbitrary, planArbitrary, async (call, plan) => {
        n++;
        const withPlan = `PLAN-${n}`;
        const put = await paramedic('PUT', carePlanPath(withPlan), plan);
        expect(put.status).toBe(201);
        const post = (key: string) =>
          dispatcher('POST', '/api/calls', {
            ...call,
            patient: { ...call.patient, key },
            location: downtown,
          });
        const without = await post(`NO-PLAN-${n}`);
        const withIt = await post(withPlan);
        expect(without.status).toBe(201);
        expect(withIt.status).toBe(201);
        expect(without.body.carePlan).toBeNull();
        expect(withIt.body.carePlan).toMatchObject({ version: 1 });
        expect(decisionOf(withIt.body)).toEqual(decisionOf(without.body));
      }),
      { numRuns: 40, seed: 20261201 },
    );
  }, 240_000);
});
