import type { DeclineCategory, OverrideCategory } from '../../shared/reason-categories.js';
// Rows exactly as the dispatch services store them (jsonb columns as values),
// so generated history is indistinguishable from recorded history to every reader.
import type { AssignmentStatus, CallStatus, Outcome } from '../../shared/event-contract.js';
import type { Call, Complaint, Disposition } from '../../shared/call-schema.js';
import type { Decision } from '../../shared/decision.js';
import type { ReferralOutcome, ReferralStatus, RejectReason } from '../../shared/referrals.js';

export interface CallRow {
  id: string;
  received_at: Date;
  created_at: Date;
  created_by: string | null;
  status: CallStatus;
  lat: number;
  lng: number;
  address: string | null;
  patient_age: number;
  patient_sex: string;
  patient_key: string | null;
  complaint: Complaint;
  answers: Call['answers'];
  vitals: Call['vitals'];
  notes: string | null;
  escalated: boolean;
  input: Call;
  disposition: Disposition;
  recommended_disposition: Disposition;
  destination_id: string | null;
  destination_reason: string | null;
  destination_distance_km: number | null;
  proposed_unit_id: string | null;
  proposed_unit_distance_km: number | null;
  proposed_eta_minutes: number | null;
  first_dispatched_at: Date | null;
  source: 'dispatch' | 'generated';
}

export interface DecisionRow {
  id: string;
  call_id: string;
  stage: 'intake' | 'assessment';
  disposition: Disposition;
  acuity: string;
  reasons: Decision['reasons'];
  missing: string[];
  checks: Decision['checks'];
  news2_score: number;
  news2: Decision['news2'];
  rule_set_version: string;
  decided_by: string | null;
  decided_at: Date;
  /** The assessed call, for an on-scene re-triage; null for the intake decision. */
  input: Call | null;
}

export interface AssignmentRow {
  id: string;
  call_id: string;
  unit_id: string;
  destination_id: string | null;
  disposition: Disposition;
  status: AssignmentStatus;
  overridden: boolean;
  override_reason: string | null;
  override_category: OverrideCategory | null;
  decline_reason: string | null;
  decline_category: DeclineCategory | null;
  outcome: Outcome | null;
  dispatched_by: string | null;
  offered_at: Date;
  accepted_at: Date | null;
  declined_at: Date | null;
  en_route_at: Date | null;
  on_scene_at: Date | null;
  transporting_at: Date | null;
  completed_at: Date | null;
}

export interface ReferralRow {
  id: string;
  call_id: string;
  destination_id: string;
  status: ReferralStatus;
  requested_by: string | null;
  requested_at: Date;
  accepted_at: Date | null;
  rejected_at: Date | null;
  arrived_at: Date | null;
  in_progress_at: Date | null;
  completed_at: Date | null;
  cancelled_at: Date | null;
  reject_reason: RejectReason | null;
  reject_text: string | null;
  cancel_reason: string | null;
  outcome: ReferralOutcome | null;
  proposed_disposition: Disposition | null;
  proposed_destination_id: string | null;
  proposal_reason: string | null;
  updated_at: Date;
}

export interface CarePlanRow {
  patient_key: string;
  version: number;
  coordinator_name: string;
  coordinator_phone: string | null;
  coordinator_site_id: string | null;
  what_helps: string;
  what_to_avoid: string;
  safety_notes: string;
  preferred_pathway: Disposition | null;
  known_paramedic_id: string | null;
  written_by: string;
  written_role: 'lead' | 'paramedic' | 'partner';
  written_at: Date;
  generated: true;
}

export interface HistoryBatch {
  calls: CallRow[];
  decisions: DecisionRow[];
  assignments: AssignmentRow[];
  referrals: ReferralRow[];
}

export const emptyBatch = (): HistoryBatch => ({
  calls: [],
  decisions: [],
  assignments: [],
  referrals: [],
});
