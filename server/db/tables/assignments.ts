import type { DeclineCategory, OverrideCategory } from '../../../shared/reason-categories.js';
import type { AssignmentStatus, Disposition, Outcome } from '../../../shared/event-contract.js';

/** A row of `assignments`: one unit offered one call, and what became of it. */
export interface AssignmentsTable {
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
  cancelled_at: Date | null;
  // Copied from the call by a trigger (assignments_stats_fill) for the statistics.
  call_received_at: Date;
  call_recommended_disposition: Disposition;
  call_patient_key: string | null;
  recontact_at: Date | null;
}
