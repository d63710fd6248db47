import { appendAudit } from '../audit/audit-repository.js';
import type { DispatchContext } from '../dispatch/dispatch-context.js';
import type { Logger } from '../logging/logger.js';
import { setUnitStatus } from '../units/unit-repository.js';
import { findAssignment, lockExpiredOffers, setAssignmentStatus } from './assignment-repository.js';
import { announceChange } from './announce.js';
import { snapshot } from './assignment-snapshot.js';
import { reofferCall } from './reoffer-call.js';

/**
 * Expires offers unanswered for `timeoutSeconds` and re-offers each call to the
 * next unit. Rows are claimed with FOR UPDATE SKIP LOCKED, so however many
 * server processes sweep at once, each offer expires exactly once.
 */
export async function expireStaleOffers(
  ctx: DispatchContext,
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
        actorId: null,
        actorRole: 'system',
        action: 'assignment:expired',
        entityType: 'call',
        entityId: offer.call_id,
        ip: null,
        details: { assignmentId: id, unitId: offer.unit_id, afterSeconds: timeoutSeconds },
      });
      const reofferedId = await reofferCall(trx, ctx, offer.call_id);
      done.push(await snapshot(trx, id, offer.call_id, reofferedId));
    }
    return done;
  });
  for (const change of changes) await announceChange(ctx, change);
  return changes.length;
}

/** Sweeps on an interval well inside the timeout; stops with the server. */
export function startOfferTimeouts(ctx: DispatchContext, timeoutSeconds: number, logger: Logger) {
  const log = logger.child({ module: 'offer-timeouts' });
  const everyMs = Math.max(250, Math.min(5_000, (timeoutSeconds * 1000) / 4));
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = expireStaleOffers(ctx, timeoutSeconds).then(
      (count) => count && log.info({ count }, 'offers expired and re-offered'),
      (err: unknown) => log.error({ err }, 'offer sweep failed'),
    );
  }, everyMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
