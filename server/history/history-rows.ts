// Rows exactly as the dispatch services store them (jsonb columns as values), so generated
// history is indistinguishable from recorded history to every reader. Each row is its
// table's row (server/db/tables) less the columns history leaves to their defaults or
// triggers: the insert names the columns a row carries, so the others keep theirs.
import type { AssignmentsTable } from '../db/tables/assignments.js';
import type { CallsTable } from '../db/tables/calls.js';
import type { CarePlansTable } from '../db/tables/care-plans.js';
import type { ReferralsTable } from '../db/tables/referrals.js';
import type { Without } from '../db/tables/row-types.js';
import type { TriageDecisionsTable } from '../db/tables/triage-decisions.js';

/** Generated calls are never handed off or cancelled. */
export type CallRow = Without<
  CallsTable,
  | 'handed_off_at'
  | 'handed_off_by'
  | 'handoff_reference'
  | 'cancelled_at'
  | 'cancelled_by'
  | 'cancel_reason'
  | 'cancel_details'
>;

export type DecisionRow = TriageDecisionsTable;

/** The call's copies and the re-contact are filled in by the database's triggers. */
export type AssignmentRow = Without<
  AssignmentsTable,
  | 'cancelled_at'
  | 'call_received_at'
  | 'call_recommended_disposition'
  | 'call_patient_key'
  | 'recontact_at'
>;

export type ReferralRow = ReferralsTable;

/** Versions get their id from the database. */
export type CarePlanRow = Without<CarePlansTable, 'id'>;

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
