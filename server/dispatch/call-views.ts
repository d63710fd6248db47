import type { Queryable } from '../db/database.js';
import type { CallView } from '../../shared/event-contract.js';
import {
  assignmentsForCalls,
  toAssignmentView,
  type AssignmentRow,
} from '../assignments/assignment-repository.js';
import type { CallRow } from '../calls/call-repository.js';
import { repeatCallCounts } from '../calls/duplicate-calls.js';
import {
  decisionsForCalls,
  toDecision,
  type DecisionRow,
} from '../calls/triage-decision-repository.js';

// The presenter above the call and assignment repositories: neither of them knows the
// other, and a call as the board shows it carries both (with its latest decision).

/** Call rows → the views the dispatch board shows, with latest decision and assignment. */
export async function toCallViews(q: Queryable, rows: CallRow[]): Promise<CallView[]> {
  const ids = rows.map((r) => r.id);
  const [decisions, assignments, repeats] = await Promise.all([
    decisionsForCalls(q, ids),
    assignmentsForCalls(q, ids),
    // Only a call with a patient key can repeat one: no statement for a batch with none.
    repeatCallCounts(
      q,
      rows.filter((r) => r.patient_key !== null).map((r) => r.id),
    ),
  ]);
  return presentCalls(rows, { decisions, assignments, repeats });
}

/**
 * The views of calls whose decisions (oldest first), assignments (oldest first) and repeat
 * counts the caller already holds: a call just created presents itself from the rows it
 * stored, without reading them back.
 */
export function presentCalls(
  rows: CallRow[],
  held: { decisions: DecisionRow[]; assignments: AssignmentRow[]; repeats: Map<string, number> },
): CallView[] {
  const { decisions, assignments, repeats } = held;
  const latestDecision = new Map<string, DecisionRow>();
  const assessedAt = new Map<string, Date>();
  for (const d of decisions) {
    latestDecision.set(d.call_id, d);
    if (d.stage === 'assessment') assessedAt.set(d.call_id, d.decided_at);
  }
  const latestAssignment = new Map<string, AssignmentRow>();
  for (const a of assignments) latestAssignment.set(a.call_id, a);
  return rows.map((row) => {
    const decision = latestDecision.get(row.id);
    if (!decision) throw new Error(`call ${row.id} has no triage decision`);
    const assignment = latestAssignment.get(row.id);
    return {
      id: row.id,
      status: row.status,
      receivedAt: row.received_at.toISOString(),
      complaint: row.complaint,
      patient: { age: row.patient_age, sex: row.patient_sex, key: row.patient_key },
      location: { lat: row.lat, lng: row.lng, address: row.address },
      notes: row.notes,
      answers: row.answers ?? {},
      escalated: row.escalated,
      assessedAt: assessedAt.get(row.id)?.toISOString() ?? null,
      triage: toDecision(decision),
      disposition: row.disposition,
      matchReason: row.destination_reason,
      destination:
        row.destination_id && row.destination_name && row.destination_type
          ? {
              id: row.destination_id,
              name: row.destination_name,
              type: row.destination_type,
              distanceKm: row.destination_distance_km ?? 0,
              reason: row.destination_reason ?? '',
            }
          : null,
      proposedUnit:
        row.proposed_unit_id && row.proposed_call_sign
          ? {
              id: row.proposed_unit_id,
              callSign: row.proposed_call_sign,
              distanceKm: row.proposed_unit_distance_km ?? 0,
              etaMinutes: row.proposed_eta_minutes ?? 0,
            }
          : null,
      assignment: assignment ? toAssignmentView(assignment) : null,
      repeatCalls: repeats.get(row.id) ?? 0,
      handoff: row.handed_off_at
        ? { at: row.handed_off_at.toISOString(), reference: row.handoff_reference }
        : null,
      cancellation:
        row.cancelled_at && row.cancel_reason
          ? {
              at: row.cancelled_at.toISOString(),
              reason: row.cancel_reason,
              details: row.cancel_details,
            }
          : null,
    };
  });
}
