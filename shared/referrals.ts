// The referral lifecycle, modelled on FHIR R4 Task.status, and the lists a
// partner chooses from. No imports: the browser client offers the same lists.

export const referralStatuses = [
  'requested',
  'accepted',
  'rejected',
  'in-progress',
  'completed',
  'cancelled',
] as const;
export type ReferralStatus = (typeof referralStatuses)[number];

/** A referral the site still has to act on, or is acting on. */
export const openReferralStatuses: readonly ReferralStatus[] = [
  'requested',
  'accepted',
  'in-progress',
];

/** Who moves a referral where. Anything not listed is a 409. */
export const referralTransitions: Record<ReferralStatus, readonly ReferralStatus[]> = {
  requested: ['accepted', 'rejected', 'cancelled'],
  accepted: ['in-progress', 'cancelled'],
  'in-progress': ['completed'],
  rejected: [],
  completed: [],
  cancelled: [],
};

/** The site's staff accept, reject, take over care and close; dispatch cancels. */
export const partnerSteps: readonly ReferralStatus[] = [
  'accepted',
  'rejected',
  'in-progress',
  'completed',
];
export const dispatchSteps: readonly ReferralStatus[] = ['cancelled'];

export const referralStatusLabels: Record<ReferralStatus, string> = {
  requested: 'Requested',
  accepted: 'Accepted',
  rejected: 'Declined',
  'in-progress': 'Arrived, in care',
  completed: 'Completed',
  cancelled: 'Cancelled',
};

/** Why a site declines: what leads and the statistics see; the free text is for dispatch. */
export const rejectReasons = [
  'at_capacity',
  'not_eligible',
  'medical_needs',
  'intoxicated',
  'safety_risk',
  'closing',
  'known_to_service',
  'other',
] as const;
export type RejectReason = (typeof rejectReasons)[number];

export const rejectReasonLabels: Record<RejectReason, string> = {
  at_capacity: 'No capacity now',
  not_eligible: 'Does not meet our criteria',
  medical_needs: 'Medical needs beyond the site',
  intoxicated: 'Too intoxicated for the site',
  safety_risk: 'Risk of violence or harm on site',
  closing: 'Closing before arrival',
  known_to_service: 'Known to us: needs another service',
  other: 'Other',
};

/** What became of the patient at the site. */
export const referralOutcomes = [
  'discharged_home',
  'crisis_bed',
  'referred_on',
  'left_before_seen',
  'sent_to_ed',
] as const;
export type ReferralOutcome = (typeof referralOutcomes)[number];

export const referralOutcomeLabels: Record<ReferralOutcome, string> = {
  discharged_home: 'Discharged home',
  crisis_bed: 'Admitted to a crisis bed',
  referred_on: 'Referred on',
  left_before_seen: 'Left before being seen',
  sent_to_ed: 'Sent to an emergency department',
};

export function canMoveReferral(from: ReferralStatus, to: ReferralStatus): boolean {
  return referralTransitions[from].includes(to);
}
