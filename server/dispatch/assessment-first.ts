import type { Knex } from 'knex';
import { latestAssessment } from '../calls/triage-decision-repository.js';
import type { StatusChange } from '../calls/call-schemas.js';
import { ConflictError } from '../http/errors.js';

/**
 * Issue 11: the on-scene assessment comes before the patient is moved or the call is
 * closed, whatever the pathway. A transport or a completion without a recorded re-triage
 * would leave a call-taker's guess as the only record of the patient's state. The one
 * exception is a patient who refused care: they may refuse to be assessed too, and the
 * crew must still be able to close the call (docs/clinical-safety.md).
 */
export function needsAssessment(change: StatusChange): boolean {
  if (change.status === 'transporting') return true;
  return change.status === 'completed' && change.outcome !== 'refused_care';
}

export class AssessmentRequiredError extends ConflictError {
  constructor(step: 'transporting' | 'completed') {
    super(
      'assessment_required',
      step === 'transporting'
        ? 'Record the on-scene assessment before transporting the patient'
        : 'Record the on-scene assessment before completing the call (unless the patient refused care)',
    );
  }
}

/** Runs in the status change's transaction: a 409 when the call has no on-scene assessment. */
export async function requireAssessment(
  trx: Knex.Transaction,
  callId: string,
  change: StatusChange,
): Promise<void> {
  if (!needsAssessment(change)) return;
  if (await latestAssessment(trx, callId)) return;
  throw new AssessmentRequiredError(
    change.status === 'transporting' ? 'transporting' : 'completed',
  );
}
