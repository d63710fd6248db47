import { randomUUID } from 'node:crypto';
import { matchDestination } from '../directory/destination-matcher.js';
import { distanceKm } from '../geo/distance.js';
import type { Outcome } from '../../shared/event-contract.js';
import type { CallWithLocation, Disposition } from '../../shared/call-schema.js';
import { proposeUnit } from '../units/unit-proposer.js';
import { drawOnSceneAnswers, drawVitals } from './call-mix.js';
import type { DecisionRow, HistoryBatch } from './history-rows.js';
import type { Random } from './prng.js';
import { decideDispatch, offerUntilTaken } from './simulate-dispatch.js';
import { callRow, decisionRow } from './simulated-call-rows.js';
import { answerReferrals, closeReferral } from './simulate-referral.js';
import { plus } from './plus-seconds.js';
import type { Simulation } from './simulation.js';

// One call's life, as the dispatch services would have recorded it: triage at intake,
// destination and unit matching, the dispatcher's decision (sometimes an override),
// declined or lapsed offers (simulate-dispatch.ts), the on-scene re-triage (sometimes an
// escalation) and the outcome. Decisions come from the same rule set.

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

  const decision = decideDispatch(sim, call, { match, proposed, dispatchedAt, propose });
  const { served, destination, unit } = decision;
  if (!unit) return; // no unit can serve it: such a call would wait in the queue, not in history
  const taken = offerUntilTaken(sim, id, { ...decision, unit }, { dispatchedAt, propose, batch });
  if (!taken) return;
  const { offer, offeredAt } = taken;

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
