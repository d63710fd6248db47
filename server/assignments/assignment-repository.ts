import type { Queryable } from '../db/database.js';
import type { AssignmentsTable } from '../db/tables/assignments.js';
import type { ColumnValues } from '../db/tables/row-types.js';
import { activeAssignmentStatuses, passedOnStatuses } from '../../shared/assignments.js';
import type { DeclineCategory, OverrideCategory } from '../../shared/reason-categories.js';
import type {
  AssignmentStatus,
  AssignmentView,
  Disposition,
  Outcome,
} from '../../shared/event-contract.js';

/** An assignment with its unit's call sign. */
export type AssignmentRow = AssignmentsTable & { call_sign: string };

const iso = (d: Date | null) => d?.toISOString() ?? null;

export function toAssignmentView(row: AssignmentRow): AssignmentView {
  return {
    id: row.id,
    callId: row.call_id,
    unitId: row.unit_id,
    callSign: row.call_sign,
    destinationId: row.destination_id,
    disposition: row.disposition,
    status: row.status,
    overridden: row.overridden,
    overrideReason: row.override_reason,
    overrideCategory: row.override_category,
    declineReason: row.decline_reason,
    declineCategory: row.decline_category,
    outcome: row.outcome,
    offeredAt: row.offered_at.toISOString(),
    acceptedAt: iso(row.accepted_at),
    declinedAt: iso(row.declined_at),
    enRouteAt: iso(row.en_route_at),
    onSceneAt: iso(row.on_scene_at),
    transportingAt: iso(row.transporting_at),
    completedAt: iso(row.completed_at),
    cancelledAt: iso(row.cancelled_at ?? null),
  };
}

const withCallSign = (q: Queryable) =>
  q<AssignmentRow>('assignments as a')
    .join('units as u', 'u.id', 'a.unit_id')
    .select('a.*', 'u.call_sign');

export async function findAssignment(q: Queryable, id: string, options: { lock?: boolean } = {}) {
  const query = withCallSign(q).where('a.id', id).first();
  if (options.lock) query.forUpdate('a');
  return (await query) as AssignmentRow | undefined;
}

export async function assignmentsForCalls(
  q: Queryable,
  callIds: string[],
): Promise<AssignmentRow[]> {
  if (callIds.length === 0) return [];
  return withCallSign(q).whereIn('a.call_id', callIds).orderBy('a.offered_at');
}

export async function activeAssignmentForUnit(
  q: Queryable,
  unitId: string,
): Promise<AssignmentRow | undefined> {
  return (await withCallSign(q)
    .where('a.unit_id', unitId)
    .whereIn('a.status', activeAssignmentStatuses)
    .first()) as AssignmentRow | undefined;
}

export async function insertAssignment(
  q: Queryable,
  row: {
    callId: string;
    unitId: string;
    destinationId: string | null;
    disposition: Disposition;
    overridden: boolean;
    overrideReason: string | null;
    overrideCategory: OverrideCategory | null;
    dispatchedBy: string | null;
  },
): Promise<string> {
  const [inserted] = await q('assignments')
    .insert({
      call_id: row.callId,
      unit_id: row.unitId,
      destination_id: row.destinationId,
      disposition: row.disposition,
      overridden: row.overridden,
      override_reason: row.overrideReason,
      override_category: row.overrideCategory,
      dispatched_by: row.dispatchedBy,
    } satisfies ColumnValues<AssignmentsTable>)
    .returning<Array<{ id: string }>>('id');
  if (!inserted) throw new Error('assignment insert returned no row');
  return inserted.id;
}

const timestampColumn: Partial<Record<AssignmentStatus, keyof AssignmentsTable>> = {
  accepted: 'accepted_at',
  declined: 'declined_at',
  expired: 'declined_at',
  en_route: 'en_route_at',
  on_scene: 'on_scene_at',
  transporting: 'transporting_at',
  completed: 'completed_at',
  cancelled: 'cancelled_at',
};

export async function setAssignmentStatus(
  q: Queryable,
  id: string,
  change: {
    status: AssignmentStatus;
    declineReason?: string | undefined;
    declineCategory?: DeclineCategory;
    outcome?: Outcome;
  },
): Promise<void> {
  const column = timestampColumn[change.status];
  await q('assignments')
    .where({ id })
    .update({
      status: change.status,
      // The moment this statement ran, not when its transaction began: a step
      // that waited for the row lock must not be stamped before the step it waited for.
      ...(column ? { [column]: q.raw('statement_timestamp()') } : {}),
      ...(change.declineReason !== undefined ? { decline_reason: change.declineReason } : {}),
      ...(change.declineCategory !== undefined ? { decline_category: change.declineCategory } : {}),
      ...(change.outcome !== undefined ? { outcome: change.outcome } : {}),
    } satisfies ColumnValues<AssignmentsTable>);
}

/** Units that already turned this call down or let its offer lapse. */
export async function unitsThatPassedOn(q: Queryable, callId: string): Promise<Set<string>> {
  const ids = (await q('assignments')
    .where({ call_id: callId })
    .whereIn('status', passedOnStatuses)
    .pluck('unit_id')) as string[];
  return new Set(ids);
}

/**
 * Offers older than the timeout, locked so that only one server process (and
 * one sweep) handles each; the others skip past them.
 */
export async function lockExpiredOffers(
  q: Queryable,
  timeoutSeconds: number,
  limit = 50,
): Promise<string[]> {
  return (await q('assignments')
    .where('status', 'offered')
    .where('offered_at', '<', q.raw(`now() - make_interval(secs => ?)`, [timeoutSeconds]))
    .orderBy('offered_at')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .pluck('id')) as string[];
}

export async function activeAssignmentForCall(
  q: Queryable,
  callId: string,
): Promise<AssignmentRow | undefined> {
  return (await withCallSign(q)
    .where('a.call_id', callId)
    .whereIn('a.status', activeAssignmentStatuses)
    .first()) as AssignmentRow | undefined;
}

/** The pathway changed under a live assignment (an on-scene escalation). */
export async function setAssignmentPathway(
  q: Queryable,
  id: string,
  pathway: { disposition: Disposition; destinationId: string | null },
): Promise<void> {
  await q('assignments')
    .where({ id })
    .update({
      disposition: pathway.disposition,
      destination_id: pathway.destinationId,
    } satisfies ColumnValues<AssignmentsTable>);
}
