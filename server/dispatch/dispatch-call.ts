import type { RequestContext } from '../auth/request-context.js';
import { findCallRow, updateCall, type CallRow } from '../calls/call-repository.js';
import type { DispatchInput } from '../calls/call-schemas.js';
import type { DispatchDeps } from './dispatch-deps.js';
import { matchDestination, type Match } from '../directory/destination-matcher.js';
import { listDestinations } from '../directory/destination-repository.js';
import { ConflictError, NotFoundError, ValidationError } from '../http/errors.js';
import type { AssignmentView, Disposition } from '../../shared/event-contract.js';
import { goesToAmbulance, proposeUnit } from '../units/unit-proposer.js';
import { listUnits } from '../units/unit-repository.js';
import { UnprocessableError } from '../assignments/assignment-errors.js';
import { announceOffer } from './announce.js';
import { snapshot } from './assignment-snapshot.js';
import { offerAssignment } from './offer-assignment.js';

/**
 * The dispatcher accepts the recommendation, or overrides the pathway and/or
 * the unit with a reason. Creates an `offered` assignment.
 */
export async function dispatchCall(
  ctx: Pick<DispatchDeps, 'db' | 'publish' | 'referrals' | 'timeZone' | 'roadSpeedKmh' | 'now'>,
  context: RequestContext,
  callId: string,
  input: DispatchInput,
): Promise<AssignmentView> {
  const { actor } = context;
  const call = await findCallRow(ctx.db.query, callId);
  if (!call) throw new NotFoundError('Call');
  const disposition = input.disposition ?? call.disposition;
  guardClinicalSafety(call, disposition);

  const pathwayChanged = disposition !== call.disposition;
  const match = pathwayChanged ? await rematch(ctx, call, disposition) : undefined;
  const served = match?.disposition ?? disposition;
  const units = await listUnits(ctx.db.query);
  const proposedUnitId = goesToAmbulance(served)
    ? null
    : pathwayChanged
      ? proposeUnit({ units, location: call, disposition: served, roadSpeedKmh: ctx.roadSpeedKmh })
          ?.id
      : call.proposed_unit_id;
  const unitId = input.unitId ?? proposedUnitId;
  if (!unitId && goesToAmbulance(served))
    throw new ConflictError(
      'handoff_required',
      'This call goes to the emergency department: hand it to ambulance dispatch, or send a CP unit as first response by choosing it, with a reason',
    );
  if (!unitId)
    throw new ConflictError('no_unit_available', 'No suitable unit is available: choose one');
  const unit = units.find((u) => u.id === unitId);
  if (!unit)
    throw new ValidationError('invalid_request', 'Unknown unit', [
      { path: 'unitId', message: 'no such unit' },
    ]);

  const overridden = pathwayChanged || unitId !== proposedUnitId;
  if (overridden && !input.overrideReason && !input.overrideCategory) {
    throw new ValidationError('override_reason_required', 'An override needs a reason', [
      {
        path: 'overrideCategory',
        message: 'is required when the pathway or unit differs from the recommendation',
      },
    ]);
  }

  const result = await ctx.db.transaction(async (trx) => {
    const locked = await findCallRow(trx, callId, { lock: true });
    if (locked?.status !== 'pending') {
      throw new ConflictError('call_already_dispatched', 'This call has already been dispatched');
    }
    if (match) await updateCall(trx, callId, { destination: match.destination });
    const site = match
      ? match.destination
      : call.destination_id && call.destination_type
        ? { id: call.destination_id, type: call.destination_type }
        : null;
    const assignmentId = await offerAssignment(trx, {
      callId,
      unitId,
      callSign: unit.callSign,
      destinationId: site?.id ?? null,
      disposition: served,
      overridden,
      overrideReason: overridden ? (input.overrideReason ?? null) : null,
      overrideCategory: overridden ? (input.overrideCategory ?? 'other') : null,
      by: actor,
      ip: context.ip,
    });
    // The site hears of it as the crew does: a referral it accepts or declines.
    const referrals = await ctx.referrals.request(trx, { callId, site, by: actor, ip: context.ip });
    return { ...(await snapshot(trx, assignmentId, callId, null)), referrals };
  });
  announceOffer(ctx, result.assignment, result.call, result.units);
  await ctx.referrals.announce(result.referrals);
  return result.assignment;
}

/** Triage said ED: no override may send that patient anywhere else. */
function guardClinicalSafety(call: CallRow, disposition: Disposition): void {
  if (
    call.recommended_disposition === 'emergency_department' &&
    disposition !== 'emergency_department'
  ) {
    throw new UnprocessableError(
      'unsafe_override',
      'Triage recommends the emergency department; an alternate pathway cannot be chosen by override. Answer the missing questions in a new call instead.',
      [{ path: 'disposition', message: 'must stay emergency_department for this call' }],
    );
  }
}

async function rematch(
  ctx: Pick<DispatchDeps, 'db' | 'timeZone' | 'now'>,
  call: CallRow,
  disposition: Disposition,
): Promise<Match> {
  return matchDestination({
    disposition,
    patientAge: call.patient_age,
    location: call,
    now: ctx.now(),
    timeZone: ctx.timeZone,
    destinations: await listDestinations(ctx.db.query),
  });
}
