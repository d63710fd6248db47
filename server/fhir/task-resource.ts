import type { CodeableConcept, Task } from 'fhir/r4';
import type { ReferralView } from '../../shared/event-contract.js';
import {
  referralOutcomeLabels,
  rejectReasonLabels,
  type RejectReason,
} from '../../shared/referrals.js';
import { codeSystems } from './fhir-codes.js';

/** Call acuity as FHIR request priority (the ED never gets a referral: `asap` is rare). */
export const priorityOf = {
  emergency: 'asap',
  urgent: 'urgent',
  non_urgent: 'routine',
} as const satisfies Record<NonNullable<ReferralView['patient']>['acuity'], Task['priority']>;

/** The latest moment anything happened to the referral: its `lastModified`. */
export function lastChanged(referral: ReferralView): string {
  const stamps = [
    referral.requestedAt,
    referral.acceptedAt,
    referral.rejectedAt,
    referral.inProgressAt,
    referral.completedAt,
    referral.cancelledAt,
  ].filter((s): s is string => s !== null);
  return stamps.reduce((a, b) => (a > b ? a : b));
}

export function rejectReasonConcept(reason: RejectReason, text: string | null): CodeableConcept {
  return {
    coding: [
      { system: codeSystems.rejectReason, code: reason, display: rejectReasonLabels[reason] },
    ],
    text: text ?? rejectReasonLabels[reason],
  };
}

function statusReason(referral: ReferralView): CodeableConcept | undefined {
  if (referral.status === 'rejected' && referral.rejectReason)
    return rejectReasonConcept(referral.rejectReason, referral.rejectText);
  if (referral.status === 'cancelled' && referral.cancelReason)
    return { text: referral.cancelReason };
  return undefined;
}

/** Who the patient is, as much as a site needs before arrival: age and sex, never a name. */
export function patientSummary(patient: NonNullable<ReferralView['patient']>): string {
  return `${patient.age}-year-old, sex ${patient.sex}`;
}

/**
 * A referral as the FHIR R4 Task the receiving site owns: the statuses are the
 * same words (requested, accepted, rejected, in-progress, completed, cancelled);
 * its focus is the ServiceRequest of the same id.
 */
export function toTask(referral: ReferralView): Task {
  const reason = statusReason(referral);
  const modified = lastChanged(referral);
  const patient = referral.patient;
  return {
    resourceType: 'Task',
    id: referral.id,
    meta: { lastUpdated: modified },
    basedOn: [{ reference: `ServiceRequest/${referral.id}` }],
    status: referral.status,
    ...(reason ? { statusReason: reason } : {}),
    intent: 'order',
    ...(patient ? { priority: priorityOf[patient.acuity] } : {}),
    code: {
      coding: [
        { system: codeSystems.taskCode, code: 'fulfill', display: 'Fulfill the focal request' },
      ],
    },
    focus: { reference: `ServiceRequest/${referral.id}` },
    ...(patient ? { for: { display: patientSummary(patient) } } : {}),
    ...(referral.inProgressAt
      ? {
          executionPeriod: {
            start: referral.inProgressAt,
            ...(referral.completedAt ? { end: referral.completedAt } : {}),
          },
        }
      : {}),
    authoredOn: referral.requestedAt,
    lastModified: modified,
    requester: { display: 'altpath community paramedic dispatch' },
    owner: { reference: `HealthcareService/${referral.site.id}`, display: referral.site.name },
    ...(referral.outcome
      ? {
          output: [
            {
              type: { text: 'Outcome at the site' },
              valueCodeableConcept: {
                coding: [
                  {
                    system: codeSystems.outcome,
                    code: referral.outcome,
                    display: referralOutcomeLabels[referral.outcome],
                  },
                ],
                text: referralOutcomeLabels[referral.outcome],
              },
            },
          ],
        }
      : {}),
  };
}
