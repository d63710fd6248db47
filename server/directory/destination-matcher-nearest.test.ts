import { describe, expect, it } from 'vitest';
import { distanceKm, roundKm } from '../geo/distance.js';
import { matchDestination } from './destination-matcher.js';
import { buildDestination, north, PATIENT, request } from './destination-matcher-fixtures.js';

describe('matchDestination: picking the nearest eligible site', () => {
  it('picks the nearest of several eligible EDs', () => {
    const far = buildDestination({ id: 'far', name: 'Far ED', location: north(9) });
    const near = buildDestination({ id: 'near', name: 'Near ED', location: north(2) });
    const mid = buildDestination({ id: 'mid', name: 'Mid ED', location: north(5) });

    const match = matchDestination(request('emergency_department', [far, near, mid]));

    expect(match.disposition).toBe('emergency_department');
    expect(match.reason).toBe('matched');
    expect(match.destination).toEqual({
      id: 'near',
      name: 'Near ED',
      type: 'emergency_department',
      distanceKm: 2,
      reason: "Nearest emergency department that is open, suits the patient's age and has capacity",
    });
    expect(match.nearMisses).toEqual([]);
  });

  it('measures great-circle distance, not raw degrees (a longitude degree is shorter at 43.65°N)', () => {
    // 0.02° north ≈ 2.22 km; 0.025° east ≈ 2.01 km at this latitude.
    const northSite = buildDestination({
      id: 'north',
      location: { lat: PATIENT.lat + 0.02, lng: PATIENT.lng },
    });
    const eastSite = buildDestination({
      id: 'east',
      location: { lat: PATIENT.lat, lng: PATIENT.lng + 0.025 },
    });

    const match = matchDestination(request('emergency_department', [northSite, eastSite]));

    expect(match.destination?.id).toBe('east');
    expect(match.destination?.distanceKm).toBe(roundKm(distanceKm(PATIENT, eastSite.location)));
    expect(match.destination?.distanceKm).toBeCloseTo(2.01, 2);
  });

  it('only considers sites of the requested type', () => {
    const crisis = buildDestination({ id: 'crisis', type: 'crisis_centre', location: north(1) });
    const clinic = buildDestination({ id: 'clinic', type: 'cp_clinic', location: north(0.5) });
    const ed = buildDestination({ id: 'ed', location: north(8) });

    expect(
      matchDestination(request('emergency_department', [crisis, clinic, ed])).destination?.id,
    ).toBe('ed');
    expect(
      matchDestination(request('crisis_centre', [crisis, clinic, ed])).destination,
    ).toMatchObject({
      id: 'crisis',
      type: 'crisis_centre',
      reason: "Nearest crisis centre that is open, suits the patient's age and has capacity",
    });
    expect(matchDestination(request('cp_clinic', [crisis, clinic, ed])).destination).toMatchObject({
      id: 'clinic',
      type: 'cp_clinic',
      reason: "Nearest CP@clinic that is open, suits the patient's age and has capacity",
    });
  });

  it('breaks a distance tie by name', () => {
    const b = buildDestination({ id: 'b', name: 'Bravo ED', location: north(3) });
    const a = buildDestination({ id: 'a', name: 'Alpha ED', location: north(3) });
    expect(matchDestination(request('emergency_department', [b, a])).destination?.id).toBe('a');
  });
});
