import { destinationIds, userIds } from '../db/seed.js';
import type { Disposition } from '../../shared/call-schema.js';
import { patientKey, type Patient } from './call-mix.js';
import type { CarePlanRow } from './history-rows.js';
import type { Random } from './prng.js';

// Care plans for some frequent callers, as a community paramedic programme writes them:
// first by a lead or the CP who knows the patient, then revised a few weeks later. A
// plan is followed by fewer calls (Ontario's CP programmes report fewer 911 calls from
// the patients they enrol), so the dashboard's before/after has something to show.

/** The share of frequent callers who get a plan, and of their calls a plan prevents. */
const PLANNED_SHARE = 0.3;
const CALLS_PREVENTED = 0.4;
const DAY_MS = 86_400_000;

/** Which frequent callers get a plan, and when its first version is written. */
export function planCarePlans(
  random: Random,
  frequentPatients: number,
  span: { start: Date; end: Date },
): Map<string, Date> {
  const plans = new Map<string, Date>();
  const length = span.end.getTime() - span.start.getTime();
  for (let n = 1; n <= frequentPatients; n++) {
    if (!random.chance(PLANNED_SHARE)) continue;
    // Within the middle of the history, so most plans have calls on both sides.
    plans.set(patientKey(n), new Date(span.start.getTime() + length * (0.3 + 0.4 * random.next())));
  }
  return plans;
}

/** True when this call would not have happened: the patient's plan is in force. */
export function preventedByPlan(
  random: Random,
  plans: ReadonlyMap<string, Date>,
  patient: Patient,
  receivedAt: Date,
): boolean {
  const since = patient.key ? plans.get(patient.key) : undefined;
  return since !== undefined && receivedAt >= since && random.chance(CALLS_PREVENTED);
}

const coordinators = ['Amira Haddad', 'Daniel Okafor', 'Lise Tremblay', 'Priya Raman'];
const helps = [
  'A call back from the coordinator within the hour; a quiet room; her sister on the phone',
  'Walking through the day plan together; tea; speaking slowly',
  'Seeing the same paramedic; being told what happens next',
];
const avoid = [
  'Raised voices; being left alone in a waiting room',
  'Asking about the accident in front of others',
  'Bright lights and sirens on arrival where avoidable',
];
const safety = [
  'Keeps medication in a locked box; daughter has the key',
  'Lives alone on the 9th floor; the elevator is often out',
  'Dog in the flat: ask a neighbour to hold it',
];
const pathways: readonly Disposition[] = ['crisis_centre', 'cp_clinic', 'home_visit'];

/** Each planned patient's versions: the first on the planned day, then revisions weeks apart. */
export function carePlanRows(
  random: Random,
  plans: ReadonlyMap<string, Date>,
  end: Date,
): CarePlanRow[] {
  const rows: CarePlanRow[] = [];
  for (const [key, since] of plans) {
    const pathway = random.pick(pathways);
    const site =
      pathway === 'crisis_centre'
        ? destinationIds.crisisCentre
        : random.pick([destinationIds.clinicHuronHeights, destinationIds.clinicLimberlost]);
    const coordinator = random.pick(coordinators);
    const versions = random.int(1, 3);
    let writtenAt = since;
    for (let version = 1; version <= versions && writtenAt < end; version++) {
      const byLead = version === 1 && random.chance(0.5);
      rows.push({
        patient_key: key,
        version,
        coordinator_name: coordinator,
        coordinator_phone: `519-555-${String(random.int(1000, 9999))}`,
        coordinator_site_id: site,
        what_helps: random.pick(helps),
        what_to_avoid: random.pick(avoid),
        safety_notes: random.pick(safety),
        preferred_pathway: pathway,
        known_paramedic_id: random.pick([userIds.paramedic1, userIds.paramedic2]),
        written_by: byLead ? userIds.lead : userIds.paramedic1,
        written_role: byLead ? 'lead' : 'paramedic',
        written_at: writtenAt,
        generated: true,
      });
      writtenAt = new Date(writtenAt.getTime() + (14 + random.next() * 46) * DAY_MS);
    }
  }
  return rows;
}
