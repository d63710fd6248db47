import { alertsForPassedOn } from '../alerts/raise-alerts.js';
import { appendAudit } from '../audit/audit-repository.js';
import type { RequestContext } from '../auth/request-context.js';
import { updateCall } from '../calls/call-repository.js';
import type { StatusChange } from '../calls/call-schemas.js';
import type { DispatchDeps } from './dispatch-deps.js';
import { ForbiddenError, NotFoundError } from '../http/errors.js';
import type { AssignmentView, CallStatus } from '../../shared/event-contract.js';
import { canMoveAssignment } from '../../shared/assignments.js';
import { setUnitStatus, type UnitStatus } from '../units/unit-repository.js';
import { InvalidTransitionError } from '../assignments/assignment-errors.js';
import { findAssignment, setAssignmentStatus } from '../assignments/assignment-repository.js';
import { snapshot } from './assignment-snapshot.js';
import { requireMedicalClearance, takesToCrisisCentre } from './medical-clearance.js';
import { announceChange } from './announce.js';
import { requireAssessment } from './assessment-first.js';
import { reofferCall } from './reoffer-call.js';

const effects: Partial<Record<StatusChange['status'], { unit?: UnitStatus; call?: CallStatus }>> = {
  accepted: { unit: 'assigned', call: 'active' },
  declined: { unit: 'available' },
  completed: { unit: 'available', call: 'completed' },
};

/** A paramedic moves their unit's assignment one step along its lifecycle. */
export async function changeAssignmentStatus(
  ctx: Pick<DispatchDeps, 'db' | 'publish' | 'referrals' | 'roadSpeedKmh'>,
  context: RequestContext,
  assignmentId: string,
  change: StatusChange,
): Promise<AssignmentView> {
  const { actor } = context;
  const result = await ctx.db.transaction(async (trx) => {
    // Locked: concurrent changes of one assignment queue here, and each sees
    // the state the previous one left, so no step is skipped or doubled.
    const current = await findAssignment(trx, assignmentId, { lock: true });
    if (!current) throw new NotFoundError('Assignment');
    if (actor.role !== 'paramedic' || actor.unitId !== current.unit_id) {
      throw new ForbiddenError('Only a paramedic of the assigned unit can change this assignment');
    }
    if (!canMoveAssignment(current.status, change.status))
      throw new InvalidTransitionError(current.status, change.status);
    // The clearance first: for a crisis-centre transport it also names the vitals to measure.
    if (takesToCrisisCentre(current.disposition, change))
      await requireMedicalClearance(trx, current.call_id);
    await requireAssessment(trx, current.call_id, change);

    await setAssignmentStatus(trx, assignmentId, {
      status: change.status,
      ...(change.status === 'declined'
        ? { declineReason: change.reason, declineCategory: change.declineCategory ?? 'other' }
        : {}),
      ...(change.outcome ? { outcome: change.outcome } : {}),
    });
    const effect = effects[change.status];
    if (effect?.unit) await setUnitStatus(trx, current.unit_id, effect.unit);
    if (effect?.call) await updateCall(trx, current.call_id, { status: effect.call });
    await appendAudit(trx, {
      by: context,
      action: `assignment:${change.status}`,
      entityType: 'call',
      entityId: current.call_id,
      details: {
        assignmentId,
        unitId: current.unit_id,
        from: current.status,
        to: change.status,
        ...(change.reason ? { reason: change.reason } : {}),
        ...(change.status === 'declined'
          ? { declineCategory: change.declineCategory ?? 'other' }
          : {}),
        ...(change.outcome ? { outcome: change.outcome } : {}),
      },
    });
    const reofferedId =
      change.status === 'declined' ? await reofferCall(trx, ctx, current.call_id) : null;
    const state = await snapshot(trx, assignmentId, current.call_id, reofferedId);
    const alerts =
      change.status === 'declined'
        ? await alertsForPassedOn(trx, state.assignment, state.call, state.reoffered)
        : [];
    return { ...state, alerts };
  });
  await announceChange(ctx, result);
  ctx.publish(...result.alerts.map((alert) => ({ type: 'alert:raised' as const, alert })));
  // The receiving site follows the crew: its referral's ETA changes with each step.
  await ctx.referrals.crewMoved(result.call.id);
  return result.assignment;
}
