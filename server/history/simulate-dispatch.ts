import { randomUUID } from 'node:crypto';
import { matchDestination, type Match } from '../directory/destination-matcher.js';
import { distanceKm } from '../geo/distance.js';
import type { CallWithLocation, Disposition } from '../../shared/call-schema.js';
import type { DestinationChoice } from '../../shared/directory.js';
import type { DeclineCategory, OverrideCategory } from '../../shared/reason-categories.js';
import type { ProposedUnit } from '../../shared/units.js';
import type { AssignmentRow, HistoryBatch } from './history-rows.js';
import { plus } from './plus-seconds.js';
import type { Simulation } from './simulation.js';

// The dispatcher's side of a simulated call: the decision on the proposal (sometimes an
// override of the pathway or the unit), then offers declined or left to lapse until a
// unit takes the call. Draws come in the order they always have, so a seed's history
// stays the same.

// Each reason as a dispatcher or crew would type it, with the category they would pick.
const pathwayOverrideReasons = [
  ['Family insists on the emergency department', 'patient_preference'],
  ['Caller previously refused the crisis centre', 'patient_preference'],
  ['Dispatcher concern about escalating risk', 'clinical_judgement'],
  ['Clinical supervisor advised ED', 'clinical_judgement'],
] as const satisfies ReadonlyArray<readonly [string, OverrideCategory]>;
const unitOverrideReasons = [
  ['Closer unit clearing a call nearby', 'unit_better_placed'],
  ['Unit known to the patient', 'care_plan'],
  ['Proposed unit low on fuel', 'other'],
  ['Balancing coverage across the city', 'unit_better_placed'],
] as const satisfies ReadonlyArray<readonly [string, OverrideCategory]>;
const declineReasons = [
  ['Still with previous patient', 'still_on_call'],
  ['Vehicle issue', 'vehicle_issue'],
  ['Crew on break overrun', 'crew_unavailable'],
] as const satisfies ReadonlyArray<readonly [string, DeclineCategory]>;

/** The nearest suitable unit for a pathway, skipping those in `exclude`. */
export type ProposeUnit = (
  disposition: Disposition,
  exclude?: ReadonlySet<string>,
) => ProposedUnit | null;

export interface DispatchDecision {
  served: Disposition;
  destination: DestinationChoice | null;
  overrideReason: readonly [string, OverrideCategory] | null;
  unit: ProposedUnit | null;
}

/** The dispatcher's decision: an alternate pathway sometimes goes to the ED, a unit is sometimes swapped. */
export function decideDispatch(
  sim: Simulation,
  call: CallWithLocation,
  c: { match: Match; proposed: ProposedUnit | null; dispatchedAt: Date; propose: ProposeUnit },
): DispatchDecision {
  const { random } = sim;
  let served = c.match.disposition;
  let destination = c.match.destination;
  let overrideReason: readonly [string, OverrideCategory] | null = null;
  if (served !== 'emergency_department' && random.chance(0.05)) {
    served = 'emergency_department';
    destination = matchDestination({
      disposition: served,
      patientAge: call.patient.age,
      location: call.location,
      now: c.dispatchedAt,
      timeZone: sim.timeZone,
      destinations: sim.destinations,
    }).destination;
    overrideReason = random.pick(pathwayOverrideReasons);
  }
  let unit = overrideReason ? c.propose(served) : c.proposed;
  if (random.chance(0.035)) {
    const others = sim.units.filter((u) => u.id !== c.proposed?.id);
    const chosen = random.pick(others);
    unit = {
      id: chosen.id,
      callSign: chosen.callSign,
      distanceKm: distanceKm(call.location, chosen.homeBase),
      etaMinutes: 0,
    };
    overrideReason ??= random.pick(unitOverrideReasons);
  }
  return { served, destination, overrideReason, unit };
}

/**
 * Offers the call to `unit`, then, when an offer is declined or lapses, to the next
 * suitable unit, as reoffer-call does. The passed-on offers go into `batch`; the answer is
 * the offer that was taken, or null when no unit was left to take it.
 */
export function offerUntilTaken(
  sim: Simulation,
  callId: string,
  decision: DispatchDecision & { unit: ProposedUnit },
  c: { dispatchedAt: Date; propose: ProposeUnit; batch: HistoryBatch },
): { offer: AssignmentRow; offeredAt: Date } | null {
  const { random } = sim;
  const { served, overrideReason } = decision;
  let offeredAt = c.dispatchedAt;
  let offer: AssignmentRow = {
    call_id: callId,
    destination_id: decision.destination?.id ?? null,
    disposition: served,
    decline_reason: null,
    decline_category: null,
    outcome: null,
    accepted_at: null,
    declined_at: null,
    en_route_at: null,
    on_scene_at: null,
    transporting_at: null,
    completed_at: null,
    id: randomUUID(),
    unit_id: decision.unit.id,
    status: 'offered',
    overridden: overrideReason !== null,
    override_reason: overrideReason?.[0] ?? null,
    override_category: overrideReason?.[1] ?? null,
    dispatched_by: sim.dispatcherId,
    offered_at: offeredAt,
  };
  const passed = new Set<string>();
  while (random.chance(passed.size === 0 ? 0.04 : 0.01)) {
    const lapsed = random.chance(0.25);
    const at = plus(offeredAt, lapsed ? sim.offerTimeoutS : 15 + random.next() * 75);
    const declined = lapsed ? null : random.pick(declineReasons);
    c.batch.assignments.push({
      ...offer,
      status: lapsed ? 'expired' : 'declined',
      declined_at: at,
      decline_reason: declined?.[0] ?? null,
      decline_category: declined?.[1] ?? null,
    });
    passed.add(offer.unit_id);
    const next = c.propose(served, passed);
    if (!next) break;
    offeredAt = at;
    offer = {
      ...offer,
      id: randomUUID(),
      unit_id: next.id,
      overridden: false,
      override_reason: null,
      override_category: null,
      dispatched_by: null,
      offered_at: at,
    };
  }
  return passed.has(offer.unit_id) ? null : { offer, offeredAt };
}
