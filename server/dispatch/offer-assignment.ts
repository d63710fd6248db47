import type { OverrideCategory } from '../../shared/reason-categories.js';
import type { Knex } from 'knex';
import { appendAudit, bySystem } from '../audit/audit-repository.js';
import type { Disposition } from '../../shared/event-contract.js';
import { insertAssignment } from '../assignments/assignment-repository.js';
import { isUniqueViolation } from '../db/database-errors.js';
import { UnitUnavailableError } from '../assignments/assignment-errors.js';
import { updateCall } from '../calls/call-repository.js';

export interface Offer {
  callId: string;
  unitId: string;
  callSign: string;
  destinationId: string | null;
  disposition: Disposition;
  overridden: boolean;
  overrideReason: string | null;
  overrideCategory: OverrideCategory | null;
  by: { id: string; role: string } | null;
  ip: string | null;
}

/**
 * Offers a call to a unit inside the caller's transaction. The database decides
 * races: the unit row is locked, and the partial unique index allows one active
 * assignment per unit, so two dispatchers get one success and one 409.
 */
export async function offerAssignment(trx: Knex.Transaction, offer: Offer): Promise<string> {
  const unit = await trx('units')
    .where({ id: offer.unitId })
    .forUpdate()
    .first<{ status: string } | undefined>('status');
  if (!unit || unit.status !== 'available') throw new UnitUnavailableError(offer.callSign);
  let assignmentId: string;
  try {
    // A savepoint, so that a lost race leaves the outer transaction usable.
    assignmentId = await trx.transaction((sp) =>
      insertAssignment(sp, {
        callId: offer.callId,
        unitId: offer.unitId,
        destinationId: offer.destinationId,
        disposition: offer.disposition,
        overridden: offer.overridden,
        overrideReason: offer.overrideReason,
        overrideCategory: offer.overrideCategory,
        dispatchedBy: offer.by?.id ?? null,
      }),
    );
  } catch (err) {
    if (isUniqueViolation(err, 'assignments_one_active_per_unit'))
      throw new UnitUnavailableError(offer.callSign);
    throw err;
  }
  await trx('units')
    .where({ id: offer.unitId })
    .update({ status: 'offered', updated_at: trx.fn.now() });
  await updateCall(trx, offer.callId, {
    status: 'offered',
    disposition: offer.disposition,
    firstDispatchedNow: true,
  });
  await appendAudit(trx, {
    by: { actor: offer.by ?? bySystem.actor, ip: offer.ip },
    action: offer.overridden ? 'call:dispatched_with_override' : 'call:dispatched',
    entityType: 'call',
    entityId: offer.callId,
    details: {
      assignmentId,
      unitId: offer.unitId,
      callSign: offer.callSign,
      disposition: offer.disposition,
      overrideReason: offer.overrideReason,
      overrideCategory: offer.overrideCategory,
    },
  });
  return assignmentId;
}
