import type { DeclineCategory, OverrideCategory } from '../../shared/reason-categories.js';
import { randomUUID } from 'node:crypto';
import { matchDestination } from '../directory/destination-matcher.js';
import type { Destination } from '../directory/destination-repository.js';
import { distanceKm } from '../geo/distance.js';
import type { Outcome } from '../../shared/event-contract.js';
import type { CallWithLocation, Disposition } from '../../shared/call-schema.js';
import type { Decision } from '../../shared/decision.js';
import { proposeUnit } from '../units/unit-proposer.js';
import type { Unit } from '../units/unit-repository.js';
import { drawOnSceneAnswers, drawVitals } from './call-mix.js';
import type { CallRow, DecisionRow, AssignmentRow, HistoryBatch } from './history-rows.js';
import type { Random } from './prng.js';
import { answerReferrals, closeReferral, type SiteBehaviour } from './simulate-referral.js';

/**
 * One call's life, as the dispatch services would have recorded it: triage at
 * intake, destination and unit matching, the dispatcher's decision (sometimes
 * an override), declined or lapsed offers, the on-scene re-triage (sometimes an
 * escalation) and the outcome. Decisions come from the same rule set.
 */
export interface Simulation {
  random: Random;
  decide(call: CallWithLocation): Decision;
  destinations: Destination[];
  units: Unit[];
  timeZone: string;
  roadSpeedKmh: number;
  offerTimeoutS: number;
  dispatcherId: string | null;
  paramedicByUnit: ReadonlyMap<string, string>;
  /** Each receiving site's own acceptance and timing (simulate-referral.ts). */
  behaviours: ReadonlyMap<string, SiteBehaviour>;
}

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

const outcomeMix: Record<Disposition, Partial<Record<Outcome, number>>> = {
  emergency_department: { transported_ed: 94, refused_care: 6 },
  crisis_centre: {
    transported_crisis_centre: 72,
    treated_in_place: 10,
    referred: 8,
    refused_care: 4,
    transported_ed: 6,
  },
  cp_clinic: {
    transported_cp_clinic: 70,
    treated_in_place: 14,
    referred: 8,
    refused_care: 3,
    transported_ed: 5,
  },
  home_visit: { treated_in_place: 62, referred: 24, refused_care: 6, transported_ed: 8 },
};

const plus = (at: Date, seconds: number) => new Date(at.getTime() + Math.round(seconds * 1000));

/** Seconds from the call to the first unit dispatched: mostly under a minute, with a tail. */
function processingSeconds(random: Random): number {
  if (random.chance(0.03)) return 60 + random.next() * 540;
  return Math.min(900, Math.max(6, random.logNormal(32, 0.45)));
}

export function simulateCall(sim: Simulation, call: CallWithLocation, batch: HistoryBatch): void {
  const { random } = sim;
  const id = randomUUID();
  const receivedAt = new Date(call.receivedAt ?? 0);
  const processing = processingSeconds(random);
  const createdAt = plus(receivedAt, processing * 0.75);
  const dispatchedAt = plus(receivedAt, processing);
  const intake = sim.decide(call);
  const match = matchDestination({
    disposition: intake.disposition,
    patientAge: call.patient.age,
    location: call.location,
    now: createdAt,
    timeZone: sim.timeZone,
    destinations: sim.destinations,
  });
  const propose = (disposition: Disposition, exclude?: ReadonlySet<string>) =>
    proposeUnit({
      units: sim.units,
      location: call.location,
      disposition,
      roadSpeedKmh: sim.roadSpeedKmh,
      ...(exclude ? { exclude } : {}),
    });
  const proposed = propose(match.disposition);

  // The dispatcher's decision: an alternate pathway sometimes goes to the ED, a unit is sometimes swapped.
  let served = match.disposition;
  let destination = match.destination;
  let overrideReason: readonly [string, OverrideCategory] | null = null;
  if (served !== 'emergency_department' && random.chance(0.05)) {
    served = 'emergency_department';
    destination = matchDestination({
      disposition: served,
      patientAge: call.patient.age,
      location: call.location,
      now: dispatchedAt,
      timeZone: sim.timeZone,
      destinations: sim.destinations,
    }).destination;
    overrideReason = random.pick(pathwayOverrideReasons);
  }
  let unit = overrideReason ? propose(served) : proposed;
  if (random.chance(0.035)) {
    const others = sim.units.filter((u) => u.id !== proposed?.id);
    const chosen = random.pick(others);
    unit = {
      id: chosen.id,
      callSign: chosen.callSign,
      distanceKm: distanceKm(call.location, chosen.homeBase),
      etaMinutes: 0,
    };
    overrideReason ??= random.pick(unitOverrideReasons);
  }
  if (!unit) return; // no unit can serve it: such a call would wait in the queue, not in history

  const base = {
    call_id: id,
    destination_id: destination?.id ?? null,
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
  } satisfies Partial<AssignmentRow>;
  let offeredAt = dispatchedAt;
  let offer: AssignmentRow = {
    ...base,
    id: randomUUID(),
    unit_id: unit.id,
    status: 'offered',
    overridden: overrideReason !== null,
    override_reason: overrideReason?.[0] ?? null,
    override_category: overrideReason?.[1] ?? null,
    dispatched_by: sim.dispatcherId,
    offered_at: offeredAt,
  };
  // Declined and lapsed offers go to the next suitable unit, as reoffer-call does.
  const passed = new Set<string>();
  while (random.chance(passed.size === 0 ? 0.04 : 0.01)) {
    const lapsed = random.chance(0.25);
    const at = plus(offeredAt, lapsed ? sim.offerTimeoutS : 15 + random.next() * 75);
    const declined = lapsed ? null : random.pick(declineReasons);
    batch.assignments.push({
      ...offer,
      status: lapsed ? 'expired' : 'declined',
      declined_at: at,
      decline_reason: declined?.[0] ?? null,
      decline_category: declined?.[1] ?? null,
    });
    passed.add(offer.unit_id);
    const next = propose(served, passed);
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
    unit = next;
  }
  if (passed.has(offer.unit_id)) return;

  const acceptedAt = plus(offeredAt, 8 + random.next() * 50);
  const enRouteAt = plus(acceptedAt, 5 + random.next() * 80);
  const homeBase = sim.units.find((u) => u.id === offer.unit_id)?.homeBase ?? call.location;
  const travelMinutes =
    2 +
    ((distanceKm(homeBase, call.location) / sim.roadSpeedKmh) * 60 + 3) *
      random.logNormal(1.3, 0.3);
  const onSceneAt = plus(enRouteAt, travelMinutes * 60);

  // On scene: vitals and what the caller did not say, re-triaged by the same rules.
  let stored: CallWithLocation = call;
  let escalated = false;
  let assessedAt = onSceneAt;
  const decisions: DecisionRow[] = [decisionRow(id, 'intake', intake, sim.dispatcherId, createdAt)];
  // The crisis centre takes no patient without an on-scene clearance (rule set v2), so every
  // crisis-centre attendance is assessed; other crews re-triage most of the time.
  const assessRate = served === 'crisis_centre' ? 1 : served === 'emergency_department' ? 0.4 : 0.8;
  if (random.chance(assessRate)) {
    assessedAt = plus(onSceneAt, 240 + random.next() * 900);
    stored = {
      ...call,
      answers: { ...call.answers, ...drawOnSceneAnswers(random, call.complaint) },
      vitals: drawVitals(random),
    };
    const assessment = sim.decide(stored);
    escalated =
      assessment.disposition === 'emergency_department' && served !== 'emergency_department';
    decisions.push(
      decisionRow(
        id,
        'assessment',
        assessment,
        sim.paramedicByUnit.get(offer.unit_id) ?? null,
        assessedAt,
        stored,
      ),
    );
  }

  // A call sent to a receiving site is a referral the site answers; when every site
  // declines, the patient goes where the matcher proposed after the last decline.
  const chain =
    destination && sim.behaviours.has(destination.id)
      ? answerReferrals(sim, {
          callId: id,
          call,
          disposition: served,
          site: destination,
          requestedAt: dispatchedAt,
        })
      : null;
  const goesTo = chain && !chain.accepted ? chain.disposition : served;
  const outcome: Outcome =
    escalated || (goesTo !== served && goesTo === 'emergency_department')
      ? 'transported_ed'
      : random.weighted(outcomeMix[goesTo] as Record<Outcome, number>);
  const transports = outcome.startsWith('transported_');
  const leftSceneAt = plus(
    assessedAt,
    (escalated ? 180 : 900) + random.next() * (escalated ? 420 : 2700),
  );
  let completedAt = transports ? plus(leftSceneAt, 900 + random.next() * 1800) : leftSceneAt;
  if (chain) {
    batch.referrals.push(...chain.closed);
    const behaviour = chain.site && sim.behaviours.get(chain.site.id);
    if (chain.accepted && chain.site && behaviour) {
      const travelSec =
        ((chain.site.distanceKm / sim.roadSpeedKmh) * 60 + 2) * 60 * random.logNormal(1.2, 0.25);
      const closed = closeReferral(random, chain.accepted, {
        siteType: chain.site.type,
        behaviour,
        outcome,
        escalated,
        arrivedAt: plus(leftSceneAt, travelSec),
        leftSceneAt,
      });
      batch.referrals.push(closed.row);
      // The crew clears a few minutes after the site takes over care.
      if (closed.handedOverAt) completedAt = plus(closed.handedOverAt, 120 + random.next() * 360);
    }
  }
  batch.assignments.push({
    ...offer,
    ...(chain ? { destination_id: chain.site?.id ?? null } : {}),
    status: 'completed',
    outcome,
    accepted_at: acceptedAt,
    en_route_at: enRouteAt,
    on_scene_at: onSceneAt,
    transporting_at: transports ? leftSceneAt : null,
    completed_at: completedAt,
  });
  batch.decisions.push(...decisions);
  batch.calls.push(
    callRow(id, stored, {
      intakeCall: call,
      receivedAt,
      createdAt,
      createdBy: sim.dispatcherId,
      intake,
      served: escalated ? 'emergency_department' : goesTo,
      escalated,
      destination: destination
        ? { id: destination.id, reason: destination.reason, distanceKm: destination.distanceKm }
        : null,
      destinationReason: match.reason,
      proposed,
      dispatchedAt,
    }),
  );
}

function decisionRow(
  callId: string,
  stage: DecisionRow['stage'],
  d: Decision,
  by: string | null,
  at: Date,
  input: CallWithLocation | null = null,
): DecisionRow {
  return {
    id: randomUUID(),
    call_id: callId,
    stage,
    disposition: d.disposition,
    acuity: d.acuity,
    reasons: d.reasons,
    missing: d.missing,
    checks: d.checks,
    news2_score: d.news2.score,
    news2: d.news2,
    rule_set_version: d.ruleSetVersion,
    decided_by: by,
    decided_at: at,
    input,
  };
}

function callRow(
  id: string,
  call: CallWithLocation,
  c: {
    /** What the dispatcher knew: kept as the call's input, so a replay re-decides it. */
    intakeCall: CallWithLocation;
    receivedAt: Date;
    createdAt: Date;
    createdBy: string | null;
    intake: Decision;
    served: Disposition;
    escalated: boolean;
    destination: { id: string; reason: string; distanceKm: number } | null;
    destinationReason: string;
    proposed: { id: string; distanceKm: number; etaMinutes: number } | null;
    dispatchedAt: Date;
  },
): CallRow {
  return {
    id,
    received_at: c.receivedAt,
    created_at: c.createdAt,
    created_by: c.createdBy,
    status: 'completed',
    lat: call.location.lat,
    lng: call.location.lng,
    address: call.location.address ?? null,
    patient_age: call.patient.age,
    patient_sex: call.patient.sex,
    patient_key: call.patient.key ?? null,
    complaint: call.complaint,
    answers: call.answers,
    vitals: call.vitals,
    notes: call.notes ?? null,
    escalated: c.escalated,
    input: c.intakeCall,
    disposition: c.served,
    recommended_disposition: c.intake.disposition,
    destination_id: c.destination?.id ?? null,
    destination_reason: c.destination?.reason ?? c.destinationReason,
    destination_distance_km: c.destination?.distanceKm ?? null,
    proposed_unit_id: c.proposed?.id ?? null,
    proposed_unit_distance_km: c.proposed?.distanceKm ?? null,
    proposed_eta_minutes: c.proposed?.etaMinutes ?? null,
    first_dispatched_at: c.dispatchedAt,
    source: 'generated',
  };
}
