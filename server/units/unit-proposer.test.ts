import { describe, expect, it } from 'vitest';
import { distanceKm } from '../geo/distance.js';
import { isDispatchable, proposeUnit, requiredSkills } from './unit-proposer.js';
import type { Unit } from './unit-repository.js';

const CALL = { lat: 43.65, lng: -79.38 };
const KM_PER_DEGREE_LAT = (6371.0088 * Math.PI) / 180;
/** A point `km` kilometres due north of the call. */
const north = (km: number) => ({ lat: CALL.lat + km / KM_PER_DEGREE_LAT, lng: CALL.lng });

let sequence = 0;
function buildUnit(overrides: Partial<Unit> = {}): Unit {
  sequence += 1;
  return {
    id: `unit-${sequence}`,
    callSign: `CP${sequence}`,
    skills: [],
    status: 'available',
    statusSince: '2026-11-23T12:00:00.000Z',
    onShift: true,
    shift: { startsAt: '2026-11-23T12:00:00.000Z', endsAt: null },
    homeBase: { name: 'Station 1', ...north(20) },
    position: { ...north(5), at: '2026-11-23T16:00:00.000Z' },
    ...overrides,
  };
}

const at = (km: number) => ({ ...north(km), at: '2026-11-23T16:00:00.000Z' });

describe('requiredSkills', () => {
  it('asks for mental health skills for a crisis centre', () => {
    expect(requiredSkills('crisis_centre')).toEqual(['mental_health']);
  });

  it('asks for nothing special for the other pathways', () => {
    expect(requiredSkills('emergency_department')).toEqual([]);
    expect(requiredSkills('cp_clinic')).toEqual([]);
    expect(requiredSkills('home_visit')).toEqual([]);
  });
});

describe('isDispatchable', () => {
  it('is true only for an available unit on shift', () => {
    expect(isDispatchable(buildUnit({ status: 'available', onShift: true }))).toBe(true);
  });

  it('is false off shift, even when marked available', () => {
    expect(isDispatchable(buildUnit({ status: 'available', onShift: false }))).toBe(false);
  });

  it('is false for every status other than available', () => {
    for (const status of ['offered', 'assigned', 'off_shift', 'out_of_service'] as const) {
      expect(isDispatchable(buildUnit({ status, onShift: true }))).toBe(false);
    }
  });
});

describe('proposeUnit', () => {
  const propose = (
    units: Unit[],
    extra: { disposition?: 'home_visit' | 'crisis_centre'; exclude?: Set<string> } = {},
  ) =>
    proposeUnit({
      units,
      location: CALL,
      disposition: extra.disposition ?? 'home_visit',
      roadSpeedKmh: 40,
      exclude: extra.exclude,
    });

  it('proposes the nearest available unit on shift', () => {
    const far = buildUnit({ id: 'far', callSign: 'CP-FAR', position: at(12.5) });
    const near = buildUnit({ id: 'near', callSign: 'CP-NEAR', position: at(5.5) });
    const mid = buildUnit({ id: 'mid', callSign: 'CP-MID', position: at(8.25) });

    // 5.5 km at 40 km/h = 8.25 min → 9
    expect(propose([far, near, mid])).toEqual({
      id: 'near',
      callSign: 'CP-NEAR',
      distanceKm: 5.5,
      etaMinutes: 9,
    });
  });

  it('measures great-circle distance from the unit to the call', () => {
    const east = buildUnit({
      id: 'east',
      position: { lat: CALL.lat, lng: CALL.lng + 0.025, at: null },
    });
    const northUnit = buildUnit({
      id: 'north',
      position: { lat: CALL.lat + 0.02, lng: CALL.lng, at: null },
    });
    const proposal = propose([northUnit, east]);
    // 0.025° of longitude at 43.65°N (≈2.01 km) is nearer than 0.02° of latitude (≈2.22 km).
    expect(proposal?.id).toBe('east');
    expect(proposal?.distanceKm).toBeCloseTo(2.01, 2);
  });

  it('breaks a distance tie by call sign', () => {
    const b = buildUnit({ id: 'b', callSign: 'CP7', position: at(3) });
    const a = buildUnit({ id: 'a', callSign: 'CP2', position: at(3) });
    expect(propose([b, a])?.id).toBe('a');
  });

  it('requires mental_health skills for a crisis centre', () => {
    const nearNoSkill = buildUnit({ id: 'generalist', skills: ['wound_care'], position: at(1) });
    const farSkilled = buildUnit({
      id: 'mh',
      skills: ['wound_care', 'mental_health'],
      position: at(9),
    });

    expect(propose([nearNoSkill, farSkilled], { disposition: 'crisis_centre' })?.id).toBe('mh');
    expect(propose([nearNoSkill, farSkilled], { disposition: 'home_visit' })?.id).toBe(
      'generalist',
    );
  });

  it('returns null for a crisis centre when no dispatchable unit has the skill', () => {
    const busySkilled = buildUnit({
      skills: ['mental_health'],
      status: 'assigned',
      position: at(1),
    });
    const freeUnskilled = buildUnit({ skills: [], position: at(2) });
    expect(propose([busySkilled, freeUnskilled], { disposition: 'crisis_centre' })).toBeNull();
  });

  it('skips units off shift', () => {
    const offShift = buildUnit({ id: 'off', onShift: false, position: at(1) });
    const offShiftStatus = buildUnit({
      id: 'off-status',
      status: 'off_shift',
      onShift: false,
      position: at(1.5),
    });
    const onShift = buildUnit({ id: 'on', position: at(6) });
    expect(propose([offShift, offShiftStatus, onShift])?.id).toBe('on');
  });

  it('skips busy units (offered or assigned) and units out of service', () => {
    const offered = buildUnit({ id: 'offered', status: 'offered', position: at(1) });
    const assigned = buildUnit({ id: 'assigned', status: 'assigned', position: at(2) });
    const outOfService = buildUnit({ id: 'oos', status: 'out_of_service', position: at(3) });
    const free = buildUnit({ id: 'free', position: at(7) });
    expect(propose([offered, assigned, outOfService, free])?.id).toBe('free');
  });

  it('skips excluded units', () => {
    const declined = buildUnit({ id: 'declined', position: at(1) });
    const next = buildUnit({ id: 'next', position: at(4) });
    expect(propose([declined, next], { exclude: new Set(['declined']) })?.id).toBe('next');
    expect(propose([declined, next], { exclude: new Set(['declined', 'next']) })).toBeNull();
  });

  it('uses the home base when a unit has no position', () => {
    const atBase = buildUnit({
      id: 'base',
      position: null,
      homeBase: { name: 'Station 3', ...north(3.5) },
    });
    const reporting = buildUnit({
      id: 'reporting',
      position: at(4),
      homeBase: { name: 'Station 4', ...north(0.1) },
    });

    const proposal = propose([atBase, reporting]);

    // The reporting unit's home base is nearer, but its reported position counts.
    expect(proposal?.id).toBe('base');
    expect(proposal?.distanceKm).toBe(3.5);
    // 3.5 km at 40 km/h = 5.25 min → 6
    expect(proposal?.etaMinutes).toBe(6);
  });

  it('computes ETA as ceil(km / speed × 60) minutes', () => {
    const unit = buildUnit({ id: 'u', position: at(10.2) });
    expect(
      proposeUnit({ units: [unit], location: CALL, disposition: 'home_visit', roadSpeedKmh: 60 }),
    ).toEqual({
      id: 'u',
      callSign: unit.callSign,
      distanceKm: 10.2,
      etaMinutes: 11, // 10.2 min → 11
    });
    expect(
      proposeUnit({ units: [unit], location: CALL, disposition: 'home_visit', roadSpeedKmh: 30 })
        ?.etaMinutes,
    ).toBe(21); // 20.4 min → 21
  });

  it('gives an ETA of at least one minute, even on the spot', () => {
    const onTheSpot = buildUnit({ position: { ...CALL, at: null } });
    const proposal = propose([onTheSpot]);
    expect(proposal?.distanceKm).toBe(0);
    expect(proposal?.etaMinutes).toBe(1);

    const veryClose = buildUnit({ position: at(0.05) });
    expect(propose([veryClose])?.etaMinutes).toBe(1);
  });

  it('rounds the distance to two decimals', () => {
    const position = { lat: CALL.lat + 0.0123, lng: CALL.lng - 0.0456, at: null };
    const unit = buildUnit({ position });
    const exact = distanceKm(CALL, position);
    const proposal = propose([unit]);
    expect(proposal?.distanceKm).toBe(Math.round(exact * 100) / 100);
    expect(proposal?.distanceKm).not.toBe(exact);
  });

  it('returns null when there are no units or none dispatchable', () => {
    expect(propose([])).toBeNull();
    expect(propose([buildUnit({ status: 'assigned' }), buildUnit({ onShift: false })])).toBeNull();
  });
});
