import { findCallRows } from '../calls/call-repository.js';
import { toCallViews } from '../dispatch/call-views.js';
import type { Queryable } from '../db/database.js';
import { distanceKm, type LatLng } from '../geo/distance.js';
import type { CallView, ReferralView } from '../../shared/event-contract.js';
import { listUnits, type Unit } from '../units/unit-repository.js';
import type { ReferralRow } from './referral-repository.js';

/**
 * Time a crew spends with the patient before leaving for the site: an
 * allowance for the estimate, not a target (a CP assessment takes 20-40 min).
 */
export const ON_SCENE_ALLOWANCE_MINUTES = 20;

const iso = (d: Date | null) => d?.toISOString() ?? null;
const minutesBetween = (from: Date | null, to: Date | null) =>
  from && to ? Math.max(0, Math.round((to.getTime() - from.getTime()) / 6_000) / 10) : null;

/** Minutes until the crew should reach the site with the patient, from where it is now. */
export function etaMinutes(
  call: CallView,
  site: LatLng,
  unit: Unit | undefined,
  roadSpeedKmh: number,
): number | null {
  const assignment = call.assignment;
  if (!assignment || !unit) return null;
  const drive = (km: number) => (km / roadSpeedKmh) * 60;
  const at = unit.position ?? unit.homeBase;
  const sceneToSite = distanceKm(call.location, site);
  switch (assignment.status) {
    case 'offered':
    case 'accepted':
    case 'en_route':
      return Math.ceil(
        drive(distanceKm(at, call.location)) + ON_SCENE_ALLOWANCE_MINUTES + drive(sceneToSite),
      );
    case 'on_scene':
      return Math.ceil(ON_SCENE_ALLOWANCE_MINUTES / 2 + drive(sceneToSite));
    case 'transporting':
      return Math.max(1, Math.ceil(drive(distanceKm(at, site))));
    default:
      return null;
  }
}

function patientOf(call: CallView): NonNullable<ReferralView['patient']> {
  return {
    age: call.patient.age,
    sex: call.patient.sex,
    complaint: call.complaint,
    acuity: call.triage.acuity,
    news2: call.triage.news2.score,
    reasons: call.triage.reasons.map((r) => r.message),
    vitals: {},
    notes: call.notes,
  };
}

/** Referral rows → what the board shows, with the crew, its ETA and the patient. */
export async function toReferralViews(
  q: Queryable,
  rows: ReferralRow[],
  options: { roadSpeedKmh: number },
): Promise<ReferralView[]> {
  if (rows.length === 0) return [];
  const callRows = await findCallRows(q, [...new Set(rows.map((r) => r.call_id))]);
  const calls = new Map((await toCallViews(q, callRows)).map((c) => [c.id, c]));
  const vitals = new Map(callRows.map((c) => [c.id, c.vitals]));
  const units = new Map((await listUnits(q)).map((u) => [u.id, u]));
  return rows.map((row) => {
    const call = calls.get(row.call_id);
    if (!call) throw new Error(`referral ${row.id} lost its call`);
    const assignment = call.assignment;
    const unit = assignment ? units.get(assignment.unitId) : undefined;
    const open = row.status === 'requested' || row.status === 'accepted';
    const site = { lat: row.destination_lat, lng: row.destination_lng };
    return {
      id: row.id,
      callId: row.call_id,
      site: { id: row.destination_id, name: row.destination_name, type: row.destination_type },
      status: row.status,
      requestedAt: row.requested_at.toISOString(),
      acceptedAt: iso(row.accepted_at),
      rejectedAt: iso(row.rejected_at),
      arrivedAt: iso(row.arrived_at),
      inProgressAt: iso(row.in_progress_at),
      completedAt: iso(row.completed_at),
      cancelledAt: iso(row.cancelled_at),
      rejectReason: row.reject_reason,
      rejectText: row.reject_text,
      cancelReason: row.cancel_reason,
      outcome: row.outcome,
      handoverMinutes: minutesBetween(row.arrived_at, row.in_progress_at),
      unit: assignment
        ? {
            id: assignment.unitId,
            callSign: assignment.callSign,
            assignmentStatus: assignment.status,
          }
        : null,
      etaMinutes: open ? etaMinutes(call, site, unit, options.roadSpeedKmh) : null,
      patient: { ...patientOf(call), vitals: vitals.get(row.call_id) ?? {} },
      proposal: row.proposed_disposition
        ? {
            disposition: row.proposed_disposition,
            destination:
              row.proposed_destination_id &&
              row.proposed_destination_name &&
              row.proposed_destination_type
                ? {
                    id: row.proposed_destination_id,
                    name: row.proposed_destination_name,
                    type: row.proposed_destination_type,
                    distanceKm: 0,
                    reason: row.proposal_reason ?? '',
                  }
                : null,
            reason: row.proposal_reason ?? '',
          }
        : null,
    };
  });
}

/** For leads: no patient, nothing anyone typed. */
export function deidentifyReferral(referral: ReferralView): ReferralView {
  return { ...referral, patient: null, rejectText: null, cancelReason: null };
}
