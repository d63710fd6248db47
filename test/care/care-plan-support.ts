import { expect } from 'vitest';
import { destinationIds, unitIds, userIds } from '../../seeds/ids.js';
import { buildCrisisCall } from '../support/calls.js';
import type { TestApp } from '../support/test-app.js';

/** A whole care plan as a community paramedic writes it. */
export function buildCarePlan(overrides: Record<string, unknown> = {}) {
  return {
    coordinator: {
      name: 'Robin Ortiz',
      phone: '519-555-0142',
      siteId: destinationIds.crisisCentre,
    },
    whatHelps: 'A calm voice; sit at eye level; offer tea',
    whatToAvoid: 'Uniformed police at the door unless there is a weapon',
    safetyNotes: 'Dog in the back yard, usually shut in',
    preferredPathway: 'crisis_centre',
    knownParamedicId: userIds.paramedic1,
    ...overrides,
  };
}

export const carePlanPath = (patientKey: string) =>
  `/api/care-plans/${encodeURIComponent(patientKey)}`;

/**
 * A crisis call for `patientKey` sent to the crisis centre (the dispatch refers it there), then
 * cancelled, so CP-11 is free again: the site has been referred this patient.
 */
export async function referToCrisisCentre(app: TestApp, patientKey: string): Promise<void> {
  const dispatcher = await app.as('dispatcher');
  const call = await dispatcher(
    'POST',
    '/api/calls',
    buildCrisisCall({ patient: { age: 44, sex: 'female', key: patientKey } }),
  );
  expect(call.status, JSON.stringify(call.body)).toBe(201);
  const offered = await dispatcher('POST', `/api/calls/${call.body.id}/dispatch`, {
    unitId: unitIds.cp11,
    overrideReason: 'test: a referral to the crisis centre',
  });
  expect(offered.status, JSON.stringify(offered.body)).toBe(201);
  const referral = await app.server.db
    .query('referrals')
    .where({ call_id: call.body.id, destination_id: destinationIds.crisisCentre })
    .first('id');
  expect(referral).toBeDefined();
  const cancelled = await dispatcher('POST', `/api/calls/${call.body.id}/cancel`, {
    reason: 'duplicate',
  });
  expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
}
