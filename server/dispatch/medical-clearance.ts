import type { Knex } from 'knex';
import { latestAssessment } from '../calls/triage-decision-repository.js';
import type { StatusChange } from '../calls/call-schemas.js';
import { AppError } from '../http/errors.js';
import type { FieldIssue } from '../http/errors.js';
import type { Disposition } from '../../shared/call-schema.js';
import { completeVitalSet } from '../triage/sepsis-and-clearance.js';

/** The check a crisis-centre decision carries until a complete, in-range set confirms it. */
export const clearanceCheckId = 'crisis-centre-medical-clearance';

const labels: Record<(typeof completeVitalSet)[number], string> = {
  heartRate: 'heart rate',
  respiratoryRate: 'respiratory rate',
  systolicBP: 'systolic blood pressure',
  spo2: 'SpO2',
  temperature: 'temperature',
  gcs: 'GCS',
};

export class MedicalClearanceRequiredError extends AppError {
  constructor(message: string, issues: FieldIssue[]) {
    super(409, 'medical_clearance_required', message, issues);
  }
}

/**
 * Does this step take the patient to the crisis centre? Transporting does on a crisis-centre
 * call; an outcome of "transported to the crisis centre" does whatever the call's pathway (a
 * home visit, a clinic call, one escalated to the ED on scene): the gate follows where the
 * patient went, not where the call was meant to go.
 */
export function takesToCrisisCentre(disposition: Disposition, change: StatusChange): boolean {
  if (change.status === 'completed' && change.outcome === 'transported_crisis_centre') return true;
  return disposition === 'crisis_centre' && change.status === 'transporting';
}

/**
 * The crisis centre is not a hospital (issue 9, item 6): before the patient is taken there, an
 * on-scene re-triage (POST /api/calls/:id/assessment) with a complete set of vital signs must
 * have confirmed it, i.e. decided crisis_centre with the clearance check gone. Otherwise a 409
 * naming what is missing. Runs in the status change's transaction.
 */
export async function requireMedicalClearance(
  trx: Knex.Transaction,
  callId: string,
): Promise<void> {
  const assessment = await latestAssessment(trx, callId);
  const measured = assessment?.input?.vitals ?? {};
  const missing = completeVitalSet.filter((name) => measured[name] === undefined);
  if (assessment && missing.length === 0) {
    if (
      assessment.disposition === 'crisis_centre' &&
      !assessment.checks.some((c) => c.id === clearanceCheckId)
    )
      return;
  }
  const issues: FieldIssue[] = missing.map((name) => ({
    path: `vitals.${name}`,
    message: 'not measured on scene yet',
  }));
  const message = !assessment
    ? `Medical clearance is needed before the crisis centre: record an on-scene assessment with ${missing.map((n) => labels[n]).join(', ')}`
    : missing.length > 0
      ? `Medical clearance is needed before the crisis centre: the on-scene assessment lacks ${missing.map((n) => labels[n]).join(', ')}`
      : 'The on-scene assessment did not confirm the crisis centre: take the patient where the re-triage says';
  throw new MedicalClearanceRequiredError(message, issues);
}
