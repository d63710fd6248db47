import { randomUUID } from 'node:crypto';
import {
  matchDestination,
  type DestinationChoice,
  type Match,
} from '../directory/destination-matcher.js';
import type { Destination } from '../directory/destination-repository.js';
import type { CallWithLocation, Disposition } from '../../shared/call-schema.js';
import type { Outcome } from '../../shared/event-contract.js';
import type { ReferralOutcome, RejectReason } from '../../shared/referrals.js';
import type { DestinationType } from '../../shared/directory.js';
import type { ReferralRow } from './history-rows.js';
import type { Random } from './prng.js';
import { plus } from './plus-seconds.js';

// A receiving site's answers, as its staff would give them on the partner board: the
// crisis centre declines more often than a clinic (the Ontario pathway's evaluation found
// crisis staff "very reluctant to accept"), mostly for capacity, intoxication or risk; a
// clinic mostly because its session is ending or the needs are beyond it.

/** How one site behaves, drawn once per history so each site has its own figures. */
export interface SiteBehaviour {
  acceptRate: number;
  /** Median seconds from request to the site's answer. */
  answerMedianSec: number;
  /** Median seconds from the crew's arrival to the site taking over care. */
  handoverMedianSec: number;
}

const behaviourBase: Partial<Record<DestinationType, SiteBehaviour>> = {
  crisis_centre: { acceptRate: 0.74, answerMedianSec: 240, handoverMedianSec: 660 },
  cp_clinic: { acceptRate: 0.87, answerMedianSec: 390, handoverMedianSec: 360 },
};

export function siteBehaviours(
  random: Random,
  destinations: readonly Destination[],
): Map<string, SiteBehaviour> {
  const out = new Map<string, SiteBehaviour>();
  for (const site of destinations) {
    const base = behaviourBase[site.type];
    if (!base) continue;
    out.set(site.id, {
      acceptRate: Math.min(0.97, base.acceptRate + (random.next() - 0.5) * 0.12),
      answerMedianSec: base.answerMedianSec * (0.7 + random.next() * 0.6),
      handoverMedianSec: base.handoverMedianSec * (0.75 + random.next() * 0.6),
    });
  }
  return out;
}

// What the site picks, with the words its staff might type beside it (never shown to leads).
const rejectionMix: Partial<Record<DestinationType, Partial<Record<RejectReason, number>>>> = {
  crisis_centre: {
    at_capacity: 34,
    intoxicated: 24,
    safety_risk: 14,
    medical_needs: 11,
    not_eligible: 8,
    known_to_service: 6,
    other: 3,
  },
  cp_clinic: { closing: 30, medical_needs: 24, not_eligible: 20, at_capacity: 16, other: 10 },
};
const rejectWords: Record<RejectReason, string> = {
  at_capacity: 'All assessment rooms occupied, earliest space in two hours',
  not_eligible: 'Does not meet our intake criteria, see our eligibility sheet',
  medical_needs: 'Needs wound care and IV fluids we cannot give here',
  intoxicated: 'Reported heavily intoxicated, cannot be assessed safely tonight',
  safety_risk: 'History of violence toward staff at our site',
  closing: 'Session ends in 20 minutes, nurse leaving',
  known_to_service: 'Known to us: his ACT team should take this',
  other: 'Fire alarm, building evacuated',
};

const outcomeMix: Partial<Record<DestinationType, Partial<Record<ReferralOutcome, number>>>> = {
  crisis_centre: {
    discharged_home: 44,
    crisis_bed: 22,
    referred_on: 21,
    left_before_seen: 8,
    sent_to_ed: 5,
  },
  cp_clinic: { discharged_home: 63, referred_on: 24, left_before_seen: 8, sent_to_ed: 5 },
};

export interface ReferralChain {
  /** Declined referrals, closed, with the matcher's proposal after each. */
  closed: ReferralRow[];
  /** The referral a site accepted, to be closed by what happened to the patient. */
  accepted: ReferralRow | null;
  /** Where the patient goes: the accepting site, else the matcher's fallback after the last decline. */
  site: DestinationChoice | null;
  disposition: Disposition;
}

/** From dispatch: each site answers; a decline proposes the next eligible one, as the board does. */
export function answerReferrals(
  sim: {
    random: Random;
    destinations: Destination[];
    behaviours: ReadonlyMap<string, SiteBehaviour>;
    timeZone: string;
    dispatcherId: string | null;
  },
  c: {
    callId: string;
    call: CallWithLocation;
    disposition: Disposition;
    site: DestinationChoice;
    requestedAt: Date;
  },
): ReferralChain {
  const { random } = sim;
  const closed: ReferralRow[] = [];
  const declined: string[] = [];
  let site = c.site;
  let requestedAt = c.requestedAt;
  for (;;) {
    const behaviour = sim.behaviours.get(site.id);
    if (!behaviour) return { closed, accepted: null, site, disposition: c.disposition };
    const answeredAt = plus(
      requestedAt,
      Math.min(3600, Math.max(20, random.logNormal(behaviour.answerMedianSec, 0.6))),
    );
    const base = blankReferral(c.callId, site.id, requestedAt, sim.dispatcherId);
    if (random.chance(behaviour.acceptRate)) {
      const accepted: ReferralRow = {
        ...base,
        status: 'accepted',
        accepted_at: answeredAt,
        updated_at: answeredAt,
      };
      return { closed, accepted, site, disposition: c.disposition };
    }
    const reason = random.weighted(
      rejectionMix[site.type] as Record<RejectReason, number>,
    ) as RejectReason;
    declined.push(site.id);
    const next: Match = matchDestination({
      disposition: c.disposition,
      patientAge: c.call.patient.age,
      location: c.call.location,
      now: answeredAt,
      timeZone: sim.timeZone,
      destinations: sim.destinations,
      declinedBy: declined,
    });
    closed.push({
      ...base,
      status: 'rejected',
      rejected_at: answeredAt,
      reject_reason: reason,
      reject_text: random.chance(0.6) ? rejectWords[reason] : null,
      proposed_disposition: next.disposition,
      proposed_destination_id: next.destination?.id ?? null,
      proposal_reason: next.destination?.reason ?? next.reason,
      updated_at: answeredAt,
    });
    const partner = next.destination && sim.behaviours.has(next.destination.id);
    if (!partner || next.disposition !== c.disposition)
      return { closed, accepted: null, site: next.destination, disposition: next.disposition };
    site = next.destination as DestinationChoice;
    requestedAt = plus(answeredAt, 30 + random.next() * 150); // the dispatcher re-routes
  }
}

/**
 * The accepted referral's end: the patient arrives and is handed over, then the site
 * records its outcome; or the crew does not bring them (treated on scene, escalated to
 * the ED, refused) and dispatch cancels it, telling the site why.
 */
export function closeReferral(
  random: Random,
  referral: ReferralRow,
  c: {
    siteType: DestinationType;
    behaviour: SiteBehaviour;
    outcome: Outcome;
    escalated: boolean;
    arrivedAt: Date;
    leftSceneAt: Date;
  },
): { row: ReferralRow; handedOverAt: Date | null } {
  const answered = referral.accepted_at ?? referral.requested_at;
  const after = (at: Date) => (at > answered ? at : plus(answered, 60));
  if (!c.escalated && c.outcome === `transported_${c.siteType}`) {
    const arrivedAt = after(c.arrivedAt);
    const handedOverAt = plus(
      arrivedAt,
      Math.min(7200, Math.max(60, random.logNormal(c.behaviour.handoverMedianSec, 0.55))),
    );
    const stay =
      c.siteType === 'crisis_centre' ? 3600 + random.next() * 18_000 : 1200 + random.next() * 4200;
    const completedAt = plus(handedOverAt, stay);
    return {
      handedOverAt,
      row: {
        ...referral,
        status: 'completed',
        arrived_at: arrivedAt,
        in_progress_at: handedOverAt,
        completed_at: completedAt,
        outcome: random.weighted(outcomeMix[c.siteType] as Record<ReferralOutcome, number>),
        updated_at: completedAt,
      },
    };
  }
  const why = c.escalated
    ? 'Escalated on scene: going to the emergency department'
    : c.outcome === 'transported_ed'
      ? 'The crew is taking the patient to the emergency department'
      : 'The patient was cared for on scene: not coming';
  const cancelledAt = after(c.leftSceneAt);
  return {
    handedOverAt: null,
    row: {
      ...referral,
      status: 'cancelled',
      cancelled_at: cancelledAt,
      cancel_reason: why,
      updated_at: cancelledAt,
    },
  };
}

function blankReferral(
  callId: string,
  siteId: string,
  requestedAt: Date,
  by: string | null,
): ReferralRow {
  return {
    id: randomUUID(),
    call_id: callId,
    destination_id: siteId,
    status: 'requested',
    requested_by: by,
    requested_at: requestedAt,
    accepted_at: null,
    rejected_at: null,
    arrived_at: null,
    in_progress_at: null,
    completed_at: null,
    cancelled_at: null,
    reject_reason: null,
    reject_text: null,
    cancel_reason: null,
    outcome: null,
    proposed_disposition: null,
    proposed_destination_id: null,
    proposal_reason: null,
    updated_at: requestedAt,
  };
}
