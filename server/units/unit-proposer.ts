import { distanceKm, roundKm, type LatLng } from '../geo/distance.js';
import type { Disposition } from '../../shared/call-schema.js';
import type { Unit } from './unit-repository.js';
import type { ProposedUnit } from '../../shared/units.js';

export type { ProposedUnit };

/** Skills a pathway needs from the attending paramedic. */
export function requiredSkills(disposition: Disposition): string[] {
  return disposition === 'crisis_centre' ? ['mental_health'] : [];
}

/**
 * The ED pathway is an ambulance's work: a CP unit is never proposed or re-offered for it
 * (a dispatcher may still send one as first response, as an override with a reason).
 */
export const goesToAmbulance = (disposition: Disposition): boolean =>
  disposition === 'emergency_department';

export function isDispatchable(unit: Unit): boolean {
  return unit.status === 'available' && unit.onShift;
}

/**
 * The nearest available unit on shift with the skills the pathway needs. ETA is
 * straight-line distance at the configured road speed: an estimate to rank by.
 */
export function proposeUnit(options: {
  units: Unit[];
  location: LatLng;
  disposition: Disposition;
  roadSpeedKmh: number;
  exclude?: ReadonlySet<string>;
}): ProposedUnit | null {
  const skills = requiredSkills(options.disposition);
  const candidates = options.units
    .filter((unit) => isDispatchable(unit) && !options.exclude?.has(unit.id))
    .filter((unit) => skills.every((skill) => unit.skills.includes(skill)))
    .map((unit) => {
      const at = unit.position ?? unit.homeBase;
      return { unit, km: distanceKm(options.location, at) };
    })
    .sort((a, b) => a.km - b.km || a.unit.callSign.localeCompare(b.unit.callSign));
  const best = candidates[0];
  if (!best) return null;
  return {
    id: best.unit.id,
    callSign: best.unit.callSign,
    distanceKm: roundKm(best.km),
    etaMinutes: Math.max(1, Math.ceil((best.km / options.roadSpeedKmh) * 60)),
  };
}
