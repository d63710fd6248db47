import type { AssignmentView, CallView } from '../../shared/event-contract.js';
import { roundCoordinate } from './round-position.js';

/** A call without what identifies the patient: no notes, address or key; location rounded. */
export function deidentifyCall(call: CallView): CallView {
  return {
    ...call,
    assignment: call.assignment && deidentifyAssignment(call.assignment),
    notes: null,
    cancellation: call.cancellation && { ...call.cancellation, details: null },
    patient: { ...call.patient, key: null },
    location: {
      lat: roundCoordinate(call.location.lat),
      lng: roundCoordinate(call.location.lng),
      address: null,
    },
  };
}

/** Override and decline reasons are free text that may name the patient. */
export function deidentifyAssignment(assignment: AssignmentView): AssignmentView {
  return { ...assignment, overrideReason: null, declineReason: null };
}

/** Audit details without what a person typed (reasons) or who signed in (email). */
export function withoutFreeText(details: Record<string, unknown>): Record<string, unknown> {
  const { reason: _reason, overrideReason: _override, email: _email, ...rest } = details;
  return rest;
}
