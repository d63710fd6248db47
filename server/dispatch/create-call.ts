import { alertNoUnit } from '../alerts/raise-alerts.js';
import { appendAudit } from '../audit/audit-repository.js';
import type { RequestContext } from '../auth/request-context.js';
import type { DispatchDeps } from './dispatch-deps.js';
import { matchDestination } from '../directory/destination-matcher.js';
import { listDestinations } from '../directory/destination-repository.js';
import type { CallView } from '../../shared/event-contract.js';
import type { CallWithLocation } from '../../shared/call-schema.js';
import { ValidationError } from '../http/errors.js';
import { goesToAmbulance, proposeUnit } from '../units/unit-proposer.js';
import { listUnits } from '../units/unit-repository.js';
import { insertCall, unitsHeldByWaitingCalls } from '../calls/call-repository.js';
import { repeatCallCounts } from '../calls/duplicate-calls.js';
import { presentCalls } from './call-views.js';

/** How far a call-taking console's clock may run ahead of ours. */
const CLOCK_SKEW_MS = 5 * 60_000;
/** A live intake is entered as the call comes in, or soon after (a call-back, a paper log): a day at most. */
const OLDEST_INTAKE_MS = 24 * 3_600_000;

/**
 * When the call came in: as given (late entry), or now. A time in the future or
 * more than a day ago is a typo or a wrong clock, and would put the call in the
 * wrong place in every queue and figure: 400 naming the field.
 */
function liveReceivedAt(given: string | undefined, now: Date): Date {
  if (!given) return now;
  const at = new Date(given);
  const fail = (message: string) => {
    throw new ValidationError('invalid_call', `Invalid call: receivedAt ${message}`, [
      { path: 'receivedAt', message },
    ]);
  };
  if (at.getTime() > now.getTime() + CLOCK_SKEW_MS)
    fail('is in the future: check the clock of the device that sent it');
  if (at.getTime() < now.getTime() - OLDEST_INTAKE_MS)
    fail('is more than 24 hours ago: a live intake is entered when the call comes in');
  return at;
}

/**
 * A dispatcher's call: triaged, matched to a destination and a unit, stored
 * whole in one transaction, then announced.
 */
export async function createCall(
  ctx: Pick<DispatchDeps, 'db' | 'triage' | 'publish' | 'timeZone' | 'roadSpeedKmh' | 'now'>,
  context: RequestContext,
  call: CallWithLocation,
): Promise<CallView> {
  const { actor } = context;
  const receivedAt = liveReceivedAt(call.receivedAt, ctx.now());
  const received = { ...call, receivedAt: receivedAt.toISOString() };
  const decision = await ctx.triage.decide(received);
  const [destinations, units, held] = await Promise.all([
    listDestinations(ctx.db.query),
    listUnits(ctx.db.query),
    unitsHeldByWaitingCalls(ctx.db.query, decision.acuity),
  ]);
  const match = matchDestination({
    disposition: decision.disposition,
    patientAge: call.patient.age,
    location: call.location,
    now: ctx.now(),
    timeZone: ctx.timeZone,
    destinations,
  });
  // An emergency-department call goes to ambulance dispatch: no CP unit is proposed for it.
  const proposed = goesToAmbulance(match.disposition)
    ? null
    : proposeUnit({
        units,
        location: call.location,
        disposition: match.disposition,
        roadSpeedKmh: ctx.roadSpeedKmh,
        exclude: held,
      });

  const { view, alert } = await ctx.db.transaction(async (trx) => {
    const stored = await insertCall(trx, {
      call: received,
      receivedAt,
      createdBy: actor.id,
      decision,
      disposition: match.disposition,
      destination: match.destination,
      destinationReason: match.reason,
      proposedUnit: proposed,
      nearMisses: match.nearMisses,
    });
    await appendAudit(trx, {
      by: context,
      action: 'call:created',
      entityType: 'call',
      entityId: stored.call.id,
      details: {
        disposition: decision.disposition,
        acuity: decision.acuity,
        served: match.disposition,
        destinationId: match.destination?.id ?? null,
        proposedUnitId: proposed?.id ?? null,
      },
    });
    // Presented from the rows just stored and the names already in hand: a new call has
    // no assignment yet, and only one with a patient key can repeat an earlier call.
    // test/dispatch/calls.test.ts holds this view equal to the call read back.
    const id = stored.call.id;
    const repeats = stored.call.patient_key ? await repeatCallCounts(trx, [id]) : new Map();
    const [created] = presentCalls(
      [
        {
          ...stored.call,
          destination_name: match.destination?.name ?? null,
          destination_type: match.destination?.type ?? null,
          proposed_call_sign: proposed?.callSign ?? null,
        },
      ],
      { decisions: [stored.decision], assignments: [], repeats },
    );
    if (!created) throw new Error('created call not presented');
    return { view: created, alert: proposed ? null : await alertNoUnit(trx, created) };
  });
  ctx.publish({ type: 'call:created', call: view });
  if (alert) ctx.publish({ type: 'alert:raised', alert });
  return view;
}
