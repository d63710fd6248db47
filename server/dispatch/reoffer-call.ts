import type { Knex } from 'knex';
import { findCallRow, updateCall } from '../calls/call-repository.js';
import type { DispatchDeps } from './dispatch-deps.js';
import { goesToAmbulance, proposeUnit } from '../units/unit-proposer.js';
import { listUnits } from '../units/unit-repository.js';
import { unitsThatPassedOn } from '../assignments/assignment-repository.js';
import { offerAssignment } from './offer-assignment.js';

/**
 * After a decline or a lapsed offer: offer the call to the next suitable unit
 * that has not passed on it, or return it to the dispatcher's queue.
 * Runs inside the caller's transaction. Returns the new assignment id, if any.
 */
export async function reofferCall(
  trx: Knex.Transaction,
  ctx: Pick<DispatchDeps, 'roadSpeedKmh'>,
  callId: string,
): Promise<string | null> {
  const call = await findCallRow(trx, callId, { lock: true });
  if (!call) return null;
  const exclude = await unitsThatPassedOn(trx, callId);
  const next = goesToAmbulance(call.disposition)
    ? null
    : proposeUnit({
        units: await listUnits(trx),
        location: call,
        disposition: call.disposition,
        roadSpeedKmh: ctx.roadSpeedKmh,
        exclude,
      });
  await updateCall(trx, callId, { status: 'pending', proposedUnit: next });
  if (!next) return null;
  return offerAssignment(trx, {
    callId,
    unitId: next.id,
    callSign: next.callSign,
    destinationId: call.destination_id,
    disposition: call.disposition,
    overridden: false,
    overrideReason: null,
    overrideCategory: null,
    by: null,
    ip: null,
  });
}
