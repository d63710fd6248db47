import { alertsForPassedOn } from '../alerts/raise-alerts.js';
import { appendAudit, bySystem } from '../audit/audit-repository.js';
import type { DispatchDeps } from './dispatch-deps.js';
import { setUnitStatus } from '../units/unit-repository.js';
import {
  findAssignment,
  lockExpiredOffers,
  setAssignmentStatus,
} from '../assignments/assignment-repository.js';
import { announceChange } from './announce.js';
import { snapshot } from './assignment-snapshot.js';
import { reofferCall } from './reoffer-call.js';

/**
 * Expires offers unanswered for `timeoutSeconds` and re-offers each call to the
 * next unit. Rows are claimed with FOR UPDATE SKIP LOCKED, so however many
 * server processes sweep at once, each offer expires exactly once.
 */
export async function expireStaleOffers(
  ctx: Pick<DispatchDeps, 'db' | 'publish' | 'roadSpeedKmh'>,
  timeoutSeconds: number,
): Promise<number> {
  const changes = await ctx.db.transaction(async (trx) => {
    const ids = await lockExpiredOffers(trx, timeoutSeconds);
    const done = [];
    for (const id of ids) {
      const offer = await findAssignment(trx, id);
      if (!offer) continue;
      await setAssignmentStatus(trx, id, { status: 'expired' });
      await setUnitStatus(trx, offer.unit_id, 'available');
      await appendAudit(trx, {
        by: bySystem,
        action: 'assignment:expired',
        entityType: 'call',
        entityId: offer.call_id,
        details: { assignmentId: id, unitId: offer.unit_id, afterSeconds: timeoutSeconds },
      });
      const reofferedId = await reofferCall(trx, ctx, offer.call_id);
      const state = await snapshot(trx, id, offer.call_id, reofferedId);
      const alerts = await alertsForPassedOn(trx, state.assignment, state.call, state.reoffered);
      done.push({ ...state, alerts });
    }
    return done;
  });
  for (const change of changes) {
    await announceChange(ctx, change);
    ctx.publish(...change.alerts.map((alert) => ({ type: 'alert:raised' as const, alert })));
  }
  return changes.length;
}
