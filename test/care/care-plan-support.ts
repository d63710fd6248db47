import { destinationIds, userIds } from '../../seeds/ids.js';

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
