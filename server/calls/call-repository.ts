import type { Queryable } from '../db/database.js';
import type { CallsTable } from '../db/tables/calls.js';
import type { ColumnValues } from '../db/tables/row-types.js';
import type { NearMiss } from '../directory/destination-matcher.js';
import type {
  CallStatus,
  CancelReason,
  Destination,
  Disposition,
} from '../../shared/event-contract.js';
import { releasedAssignmentStatuses } from '../../shared/assignments.js';
import { acuities, type Acuity, type Call } from '../../shared/call-schema.js';
import type { Decision } from '../../shared/decision.js';
import { insertDecision, type DecisionRow } from './triage-decision-repository.js';

/** A call with the names of its destination and proposed unit. */
export type CallRow = CallsTable & {
  destination_name: string | null;
  destination_type: Destination['type'] | null;
  proposed_call_sign: string | null;
};

export interface NewCall {
  call: Call & { location: NonNullable<Call['location']> };
  receivedAt: Date;
  createdBy: string;
  decision: Decision;
  disposition: Disposition;
  destination: { id: string; reason: string; distanceKm: number } | null;
  destinationReason: string;
  proposedUnit: { id: string; distanceKm: number; etaMinutes: number } | null;
  nearMisses: NearMiss[];
}

/**
 * Stores a new call with its intake decision and returns both rows as stored, so the
 * caller can present the call without reading it back (a live-path statement saved).
 */
export async function insertCall(
  q: Queryable,
  c: NewCall,
): Promise<{ call: CallsTable; decision: DecisionRow }> {
  const [row] = await q('calls')
    .insert({
      received_at: c.receivedAt,
      created_by: c.createdBy,
      status: 'pending',
      lat: c.call.location.lat,
      lng: c.call.location.lng,
      address: c.call.location.address ?? null,
      patient_age: c.call.patient.age,
      patient_sex: c.call.patient.sex,
      patient_key: c.call.patient.key ?? null,
      complaint: c.call.complaint,
      answers: JSON.stringify(c.call.answers ?? {}),
      vitals: JSON.stringify(c.call.vitals ?? {}),
      notes: c.call.notes ?? null,
      input: JSON.stringify(c.call),
      disposition: c.disposition,
      recommended_disposition: c.decision.disposition,
      destination_id: c.destination?.id ?? null,
      destination_reason: c.destination?.reason ?? c.destinationReason,
      destination_distance_km: c.destination?.distanceKm ?? null,
      proposed_unit_id: c.proposedUnit?.id ?? null,
      proposed_unit_distance_km: c.proposedUnit?.distanceKm ?? null,
      proposed_eta_minutes: c.proposedUnit?.etaMinutes ?? null,
    } satisfies ColumnValues<CallsTable>)
    .returning<CallsTable[]>('*');
  if (!row) throw new Error('call insert returned no row');
  const decision = await insertDecision(q, row.id, 'intake', c.decision, c.createdBy);
  if (c.nearMisses.length) {
    await q('destination_near_misses').insert(
      c.nearMisses.map((m) => ({
        call_id: row.id,
        destination_id: m.destinationId,
        failed_criterion: m.failed,
      })),
    );
  }
  return { call: row, decision };
}

export async function updateCall(
  q: Queryable,
  id: string,
  changes: Partial<{
    status: CallStatus;
    disposition: Disposition;
    escalated: boolean;
    answers: Call['answers'];
    vitals: Call['vitals'];
    destination: { id: string; reason: string; distanceKm: number } | null;
    proposedUnit: { id: string; distanceKm: number; etaMinutes: number } | null;
    firstDispatchedNow: boolean;
    handoff: { by: string; reference: string | null };
    cancellation: { by: string; reason: CancelReason; details: string | null };
  }>,
): Promise<void> {
  const row: ColumnValues<CallsTable> = {};
  if (changes.status) row.status = changes.status;
  if (changes.disposition) row.disposition = changes.disposition;
  if (changes.escalated !== undefined) row.escalated = changes.escalated;
  if (changes.answers) row.answers = JSON.stringify(changes.answers);
  if (changes.vitals) row.vitals = JSON.stringify(changes.vitals);
  if (changes.destination !== undefined) {
    row.destination_id = changes.destination?.id ?? null;
    row.destination_reason = changes.destination?.reason ?? null;
    row.destination_distance_km = changes.destination?.distanceKm ?? null;
  }
  if (changes.proposedUnit !== undefined) {
    row.proposed_unit_id = changes.proposedUnit?.id ?? null;
    row.proposed_unit_distance_km = changes.proposedUnit?.distanceKm ?? null;
    row.proposed_eta_minutes = changes.proposedUnit?.etaMinutes ?? null;
  }
  if (changes.handoff) {
    row.handed_off_at = q.raw('statement_timestamp()');
    row.handed_off_by = changes.handoff.by;
    row.handoff_reference = changes.handoff.reference;
  }
  if (changes.cancellation) {
    row.cancelled_at = q.raw('statement_timestamp()');
    row.cancelled_by = changes.cancellation.by;
    row.cancel_reason = changes.cancellation.reason;
    row.cancel_details = changes.cancellation.details;
  }
  if (changes.firstDispatchedNow)
    row.first_dispatched_at = q.raw('coalesce(first_dispatched_at, now())');
  if (Object.keys(row).length) await q('calls').where({ id }).update(row);
}

const callColumns = (q: Queryable) =>
  q<CallRow>('calls as c')
    .leftJoin('destinations as d', 'd.id', 'c.destination_id')
    .leftJoin('units as pu', 'pu.id', 'c.proposed_unit_id')
    .select(
      'c.*',
      'd.name as destination_name',
      'd.type as destination_type',
      'pu.call_sign as proposed_call_sign',
    );

export async function findCallRow(q: Queryable, id: string, options: { lock?: boolean } = {}) {
  if (options.lock) await q('calls').where({ id }).forUpdate().select('id');
  return (await callColumns(q).where('c.id', id).first()) as CallRow | undefined;
}

export async function findCallRows(q: Queryable, ids: string[]): Promise<CallRow[]> {
  if (ids.length === 0) return [];
  return (await callColumns(q).whereIn('c.id', ids)) as CallRow[];
}

/** A unit that declined, let lapse or was taken off a call no longer reads it. */
export const noLongerOnCallStatuses: readonly string[] = releasedAssignmentStatuses;

export async function listCallRows(
  q: Queryable,
  filter: { statuses?: CallStatus[]; unitId?: string; limit: number },
): Promise<CallRow[]> {
  const query = callColumns(q).orderBy('c.received_at', 'desc').limit(filter.limit);
  if (filter.statuses?.length) query.whereIn('c.status', filter.statuses);
  if (filter.unitId) {
    // A block body: knex builders are thenable, and this callback only shapes the subquery.
    query.whereExists((sub) => {
      sub
        .from('assignments as a')
        .whereRaw('a.call_id = c.id')
        .where('a.unit_id', filter.unitId!)
        .whereNotIn('a.status', noLongerOnCallStatuses);
    });
  }
  return query;
}

/**
 * Units a new call of this urgency must not be proposed: those already proposed to an
 * alternate-pathway call still waiting in the queue that is at least as urgent (an
 * emergency-department call goes to ambulance dispatch and holds no CP unit). An urgent call
 * may take the unit proposed to a non-urgent one: the dispatcher sees both, and the first
 * dispatched keeps it. One probe per unit (calls_waiting_by_proposed_unit), however long the
 * queue.
 */
export async function unitsHeldByWaitingCalls(q: Queryable, acuity: Acuity): Promise<Set<string>> {
  const atLeastAsUrgent = acuities.slice(0, acuities.indexOf(acuity) + 1);
  const { rows } = await q.raw<{ rows: Array<{ id: string }> }>(
    // A lateral probe with `limit 1`, not `exists`: the planner may turn an `exists` into a
    // hash of every waiting call, which grows with the queue.
    `select u.id from units u
     cross join lateral (
       select 1 from calls c
       join triage_decisions d on d.call_id = c.id and d.stage = 'intake'
       where c.proposed_unit_id = u.id and c.status = 'pending'
         and c.disposition <> 'emergency_department' and d.acuity = any(?::text[])
       limit 1) held`,
    [atLeastAsUrgent],
  );
  return new Set(rows.map((r) => r.id));
}
