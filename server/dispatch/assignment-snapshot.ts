import type { Queryable } from '../db/database.js';
import { findCallRow } from '../calls/call-repository.js';
import { toCallViews } from './call-views.js';
import { findUnit } from '../units/unit-repository.js';
import { findAssignment, toAssignmentView } from '../assignments/assignment-repository.js';

/** The committed state to announce: the changed assignment, the call, any re-offer. */
export async function snapshot(
  trx: Queryable,
  assignmentId: string,
  callId: string,
  reofferedId: string | null,
) {
  const row = await findAssignment(trx, assignmentId);
  const callRow = await findCallRow(trx, callId);
  const [call] = await toCallViews(trx, callRow ? [callRow] : []);
  const reoffered = reofferedId ? await findAssignment(trx, reofferedId) : undefined;
  if (!row || !call) throw new Error('assignment change lost its rows');
  const units = await Promise.all(
    [row.unit_id, reoffered?.unit_id]
      .filter((id): id is string => !!id)
      .map((id) => findUnit(trx, id)),
  );
  return {
    assignment: toAssignmentView(row),
    call,
    reoffered: reoffered ? toAssignmentView(reoffered) : null,
    units: units.filter((u) => u !== undefined),
  };
}
