import { randomUUID } from 'node:crypto';
import { unitIds, userIds } from '../../seeds/ids.js';
import type { Database } from '../../server/db/database.js';
import { insertHistoryBatch } from '../../server/history/history-repository.js';
import type { AssignmentRow, CallRow, DecisionRow } from '../../server/history/history-rows.js';

// Hand-built history for the statistics tests: rows written straight to the
// tables, so each test states exactly the calls and attendances it counts.

export const SECRET_ADDRESS = '12 Secretive Lane, London, ON';
export const SECRET_NOTE = 'Patient Jane Doe, daughter Mary on scene';

export const at = (iso: string, plusSeconds = 0) => new Date(Date.parse(iso) + plusSeconds * 1000);
export const minutes = (n: number) => n * 60;
export const hours = (n: number) => n * 3600;

export function buildCall(overrides: Partial<CallRow> & { received_at: Date }): CallRow {
  const recommended = overrides.recommended_disposition ?? 'home_visit';
  const call = {
    patient: { age: 40, sex: 'female' as const },
    complaint: 'minor_illness' as const,
    answers: {},
    vitals: {},
    location: { lat: 42.98765, lng: -81.24321, address: SECRET_ADDRESS },
    notes: SECRET_NOTE,
  };
  return {
    id: randomUUID(),
    created_at: overrides.received_at,
    created_by: userIds.dispatcher,
    status: 'completed',
    lat: 42.98765,
    lng: -81.24321,
    address: SECRET_ADDRESS,
    patient_age: 40,
    patient_sex: 'female',
    patient_key: null,
    complaint: 'minor_illness',
    answers: {},
    vitals: {},
    notes: SECRET_NOTE,
    escalated: false,
    input: call,
    disposition: recommended,
    recommended_disposition: recommended,
    destination_id: null,
    destination_reason: null,
    destination_distance_km: null,
    proposed_unit_id: unitIds.cp11,
    proposed_unit_distance_km: 1,
    proposed_eta_minutes: 2,
    first_dispatched_at: new Date(overrides.received_at.getTime() + 30_000),
    source: 'dispatch',
    ...overrides,
  };
}

/** A completed attendance: dispatched when the call was, on scene 10 min later, done 40 min after that. */
export function buildAttendance(
  call: CallRow,
  overrides: Partial<AssignmentRow> = {},
): AssignmentRow {
  const offered = overrides.offered_at ?? call.first_dispatched_at ?? call.received_at;
  const onScene = overrides.on_scene_at ?? new Date(offered.getTime() + 600_000);
  return {
    id: randomUUID(),
    call_id: call.id,
    unit_id: unitIds.cp11,
    destination_id: null,
    disposition: call.disposition,
    status: 'completed',
    overridden: false,
    override_reason: null,
    override_category: null,
    decline_reason: null,
    decline_category: null,
    outcome: 'treated_in_place',
    dispatched_by: userIds.dispatcher,
    offered_at: offered,
    accepted_at: offered,
    declined_at: null,
    en_route_at: offered,
    on_scene_at: onScene,
    transporting_at: null,
    completed_at: new Date(onScene.getTime() + 2_400_000),
    ...overrides,
  };
}

export function buildDecision(call: CallRow, overrides: Partial<DecisionRow> = {}): DecisionRow {
  return {
    id: randomUUID(),
    call_id: call.id,
    stage: 'intake',
    disposition: call.recommended_disposition,
    acuity: 'non_urgent',
    reasons: [{ rule: 'home-visit-eligible', message: 'A home visit suits this call.' }],
    missing: [],
    checks: [],
    news2_score: 0,
    news2: { score: 0, parts: {} },
    input: null,
    rule_set_version: 'test',
    decided_by: userIds.dispatcher,
    decided_at: call.received_at,
    ...overrides,
  };
}

export async function insertHistory(
  db: Database,
  rows: { calls?: CallRow[]; attendances?: AssignmentRow[]; decisions?: DecisionRow[] },
): Promise<void> {
  const calls = rows.calls ?? [];
  await insertHistoryBatch(db, {
    calls,
    decisions: [...calls.map((c) => buildDecision(c)), ...(rows.decisions ?? [])],
    assignments: rows.attendances ?? [],
    referrals: [],
  });
}
