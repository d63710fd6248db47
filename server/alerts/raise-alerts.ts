import { declineCategoryLabels } from '../../shared/reason-categories.js';
import type { Queryable } from '../db/database.js';
import type {
  AlertView,
  AssignmentView,
  CallView,
  ReferralView,
} from '../../shared/event-contract.js';
import { rejectReasonLabels } from '../../shared/referrals.js';
import { insertAlert } from './alert-repository.js';

const complaintWords = (call: CallView) =>
  `${call.complaint.replace(/_/g, ' ')}, ${call.patient.age}`;

/**
 * A unit passed on a call (declined, or let the offer lapse): an alert saying so, with the
 * crew's reason, and a second one when no other unit could be offered it.
 */
export async function alertsForPassedOn(
  q: Queryable,
  passed: AssignmentView,
  call: CallView,
  reoffered: AssignmentView | null,
): Promise<AlertView[]> {
  const alerts: AlertView[] = [];
  if (passed.status === 'declined') {
    const why = [
      passed.declineCategory ? declineCategoryLabels[passed.declineCategory] : null,
      passed.declineReason,
    ]
      .filter(Boolean)
      .join(' — ');
    alerts.push(
      await insertAlert(q, {
        kind: 'declined',
        callId: call.id,
        unitId: passed.unitId,
        message: `${passed.callSign} declined ${complaintWords(call)}${why ? `: ${why}` : ''}`,
      }),
    );
  } else if (passed.status === 'expired') {
    alerts.push(
      await insertAlert(q, {
        kind: 'expired',
        callId: call.id,
        unitId: passed.unitId,
        message: `${passed.callSign} did not answer the offer of ${complaintWords(call)} in time`,
      }),
    );
  }
  if (reoffered) return alerts;
  const noUnit = await alertNoUnit(q, call);
  return noUnit ? [...alerts, noUnit] : alerts;
}

/** A call no CP unit can take (an ED call is ambulance dispatch's, so that is not news). */
export async function alertNoUnit(q: Queryable, call: CallView): Promise<AlertView | null> {
  if (call.disposition === 'emergency_department') return null;
  return insertAlert(q, {
    kind: 'no_unit',
    callId: call.id,
    message: `No CP unit can take ${complaintWords(call)}: choose a unit, or hand it to ambulance dispatch`,
  });
}

export async function alertEscalation(q: Queryable, call: CallView): Promise<AlertView> {
  const crew = call.assignment ? `${call.assignment.callSign} on scene: ` : '';
  return insertAlert(q, {
    kind: 'escalation',
    callId: call.id,
    unitId: call.assignment?.unitId ?? null,
    message: `${crew}${complaintWords(call)} escalated to the emergency department`,
  });
}

const pathwayWords: Record<CallView['disposition'], string> = {
  crisis_centre: 'a crisis centre',
  cp_clinic: 'a CP@clinic',
  home_visit: 'a home visit',
  emergency_department: 'the emergency department',
};

/**
 * A receiving site declined a referral: the patient needs somewhere else. The
 * alert names the site's reason and what altpath proposes instead (the next
 * eligible site, or the ED), so the dispatcher can act from the alert alone.
 */
export async function alertReferralRejected(
  q: Queryable,
  referral: ReferralView,
): Promise<AlertView> {
  const patient = referral.patient
    ? ` ${referral.patient.complaint.replace(/_/g, ' ')}, ${referral.patient.age}`
    : ' a referral';
  const why = [
    referral.rejectReason ? rejectReasonLabels[referral.rejectReason] : null,
    referral.rejectText,
  ]
    .filter(Boolean)
    .join(' — ');
  const proposal = referral.proposal;
  const next = !proposal
    ? ''
    : proposal.destination
      ? ` Proposed instead: ${proposal.destination.name} (${pathwayWords[proposal.disposition]}).`
      : ` Proposed instead: ${pathwayWords[proposal.disposition]} (${proposal.reason}).`;
  return insertAlert(q, {
    kind: 'referral_rejected',
    callId: referral.callId,
    unitId: referral.unit?.id ?? null,
    message: `${referral.site.name} declined${patient}${why ? `: ${why}` : ''}.${next}`,
  });
}
