import { randomUUID } from 'node:crypto';
import type { CallWithLocation, Disposition } from '../../shared/call-schema.js';
import type { Decision } from '../../shared/decision.js';
import type { CallRow, DecisionRow } from './history-rows.js';

// The call and decision rows a simulated call leaves, shaped as insertCall and
// insertDecision would have stored them.

/** One triage decision on the call: the intake's, or an on-scene re-triage with its input. */
export function decisionRow(
  callId: string,
  stage: DecisionRow['stage'],
  d: Decision,
  by: string | null,
  at: Date,
  input: CallWithLocation | null = null,
): DecisionRow {
  return {
    id: randomUUID(),
    call_id: callId,
    stage,
    disposition: d.disposition,
    acuity: d.acuity,
    reasons: d.reasons,
    missing: d.missing,
    checks: d.checks,
    news2_score: d.news2.score,
    news2: d.news2,
    rule_set_version: d.ruleSetVersion,
    decided_by: by,
    decided_at: at,
    input,
  };
}

/** The call as it ended: `call` is what the crew found, `c.intakeCall` what the dispatcher knew. */
export function callRow(
  id: string,
  call: CallWithLocation,
  c: {
    /** What the dispatcher knew: kept as the call's input, so a replay re-decides it. */
    intakeCall: CallWithLocation;
    receivedAt: Date;
    createdAt: Date;
    createdBy: string | null;
    intake: Decision;
    served: Disposition;
    escalated: boolean;
    destination: { id: string; reason: string; distanceKm: number } | null;
    destinationReason: string;
    proposed: { id: string; distanceKm: number; etaMinutes: number } | null;
    dispatchedAt: Date;
  },
): CallRow {
  return {
    id,
    received_at: c.receivedAt,
    created_at: c.createdAt,
    created_by: c.createdBy,
    status: 'completed',
    lat: call.location.lat,
    lng: call.location.lng,
    address: call.location.address ?? null,
    patient_age: call.patient.age,
    patient_sex: call.patient.sex,
    patient_key: call.patient.key ?? null,
    complaint: call.complaint,
    answers: call.answers,
    vitals: call.vitals,
    notes: call.notes ?? null,
    escalated: c.escalated,
    input: c.intakeCall,
    disposition: c.served,
    recommended_disposition: c.intake.disposition,
    destination_id: c.destination?.id ?? null,
    destination_reason: c.destination?.reason ?? c.destinationReason,
    destination_distance_km: c.destination?.distanceKm ?? null,
    proposed_unit_id: c.proposed?.id ?? null,
    proposed_unit_distance_km: c.proposed?.distanceKm ?? null,
    proposed_eta_minutes: c.proposed?.etaMinutes ?? null,
    first_dispatched_at: c.dispatchedAt,
    source: 'generated',
  };
}
