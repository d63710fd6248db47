import { describe, expect, it } from 'vitest';
import { matchDestination } from './destination-matcher.js';
import { buildDestination, monday, north, request } from './destination-matcher-fixtures.js';

describe('matchDestination: fallbacks', () => {
  it('home_visit needs no site', () => {
    const match = matchDestination(
      request('home_visit', [buildDestination({ type: 'cp_clinic' })]),
    );
    expect(match).toEqual({
      disposition: 'home_visit',
      destination: null,
      reason: 'A community paramedic attends the patient where they are',
      nearMisses: [],
    });
  });

  it('cp_clinic with no open session falls back to a home visit, saying why', () => {
    const clinic = buildDestination({
      id: 'clinic',
      name: 'Parkdale CP Clinic',
      type: 'cp_clinic',
      hours: monday('14:00', '16:00'),
    });

    const match = matchDestination(request('cp_clinic', [clinic]));

    expect(match.disposition).toBe('home_visit');
    expect(match.destination).toBeNull();
    expect(match.reason).toBe(
      'No CP@clinic session available (Parkdale CP Clinic: closed now): a community paramedic visits at home instead',
    );
    expect(match.nearMisses).toEqual([{ destinationId: 'clinic', failed: 'closed' }]);
  });

  it('cp_clinic reason lists every failure of every clinic', () => {
    const clinics = [
      buildDestination({ name: 'Clinic A', type: 'cp_clinic', hours: monday('08:00', '12:15') }),
      buildDestination({ name: 'Clinic B', type: 'cp_clinic', active: false, capacity: 'red' }),
    ];

    const match = matchDestination(request('cp_clinic', clinics));

    expect(match.disposition).toBe('home_visit');
    expect(match.reason).toContain('Clinic A: closing within 30 minutes');
    expect(match.reason).toContain('Clinic B: not active, at red capacity');
  });

  it('cp_clinic with no clinics in the directory says so', () => {
    const match = matchDestination(request('cp_clinic', [buildDestination()]));
    expect(match.disposition).toBe('home_visit');
    expect(match.destination).toBeNull();
    expect(match.reason).toBe(
      'No CP@clinic session available (none in the directory): a community paramedic visits at home instead',
    );
  });

  it('crisis_centre with none available falls back to the nearest ED, with a reason', () => {
    const crisis = buildDestination({
      id: 'crisis',
      name: 'Gerstein Centre',
      type: 'crisis_centre',
      capacity: 'red',
    });
    const farEd = buildDestination({ id: 'far-ed', name: 'Far ED', location: north(7) });
    const nearEd = buildDestination({ id: 'near-ed', name: 'Near ED', location: north(3) });
    const redEd = buildDestination({
      id: 'red-ed',
      name: 'Red ED',
      capacity: 'red',
      location: north(1),
    });

    const match = matchDestination(request('crisis_centre', [crisis, farEd, nearEd, redEd]));

    const reason =
      'No crisis centre available (Gerstein Centre: at red capacity): the emergency department instead';
    expect(match.disposition).toBe('emergency_department');
    expect(match.reason).toBe(reason);
    expect(match.destination).toEqual({
      id: 'near-ed',
      name: 'Near ED',
      type: 'emergency_department',
      distanceKm: 3,
      reason,
    });
    // Near misses from both the crisis centres and the EDs.
    expect(match.nearMisses).toEqual([
      { destinationId: 'crisis', failed: 'capacity_red' },
      { destinationId: 'red-ed', failed: 'capacity_red' },
    ]);
  });

  it('crisis_centre with none in the directory falls back to the ED', () => {
    const ed = buildDestination({ id: 'ed' });
    const match = matchDestination(request('crisis_centre', [ed]));
    expect(match.disposition).toBe('emergency_department');
    expect(match.destination?.id).toBe('ed');
    expect(match.reason).toBe(
      'No crisis centre available (none in the directory): the emergency department instead',
    );
  });

  it('every ED at red capacity: still the nearest open ED, saying so', () => {
    const sites = [
      buildDestination({
        id: 'closed',
        name: 'Closed ED',
        capacity: 'red',
        hours: monday('18:00', '23:00'),
        location: north(0.5),
      }),
      buildDestination({
        id: 'inactive',
        name: 'Old ED',
        capacity: 'red',
        active: false,
        location: north(0.8),
      }),
      buildDestination({ id: 'near', name: 'Near ED', capacity: 'red', location: north(2) }),
      buildDestination({ id: 'far', name: 'Far ED', capacity: 'red', location: north(6) }),
    ];

    const match = matchDestination(request('emergency_department', sites));

    expect(match.disposition).toBe('emergency_department');
    expect(match.destination?.id).toBe('near');
    expect(match.destination?.distanceKm).toBe(2);
    expect(match.reason).toMatch(
      /^No emergency department free of restrictions \(.*\): nearest open one$/,
    );
    expect(match.reason).toContain('Near ED: at red capacity');
    expect(match.reason).toContain('Far ED: at red capacity');
    expect(match.reason).toContain('Closed ED: closed now, at red capacity');
    expect(match.reason).toContain('Old ED: not active, at red capacity');
    expect(match.destination?.reason).toBe(match.reason);
    expect(match.nearMisses).toEqual([
      { destinationId: 'near', failed: 'capacity_red' },
      { destinationId: 'far', failed: 'capacity_red' },
    ]);
  });

  it('every ED unavailable: a site closing soon still counts as open', () => {
    const sites = [
      buildDestination({
        id: 'closing',
        capacity: 'red',
        hours: monday('06:00', '12:10'),
        location: north(1),
      }),
      buildDestination({ id: 'red', capacity: 'red', location: north(3) }),
    ];
    expect(matchDestination(request('emergency_department', sites)).destination?.id).toBe(
      'closing',
    );
  });

  it('every ED closed or inactive: no destination', () => {
    const sites = [
      buildDestination({ id: 'closed', hours: monday('18:00', '23:00') }),
      buildDestination({ id: 'inactive', active: false }),
    ];
    const match = matchDestination(request('emergency_department', sites));
    expect(match.disposition).toBe('emergency_department');
    expect(match.destination).toBeNull();
    expect(match.reason).toContain('No emergency department free of restrictions');
  });

  // The all-EDs-restricted fallback relaxes capacity, never the age range.
  it('every adult ED red: does not send an adult to a nearer paediatric-only ED', () => {
    const paediatric = buildDestination({
      id: 'paeds',
      ageRange: { min: 0, max: 17 },
      location: north(1),
    });
    const adultRed = buildDestination({
      id: 'adult',
      ageRange: { min: 18, max: null },
      capacity: 'red',
      location: north(4),
    });
    const match = matchDestination(
      request('emergency_department', [paediatric, adultRed], { patientAge: 40 }),
    );
    expect(match.destination?.id).toBe('adult');
  });

  describe('sites that declined the call', () => {
    it('never proposes a site that declined the call; the fallback says so', () => {
      const near = buildDestination({ id: 'near', type: 'crisis_centre', location: north(1) });
      const far = buildDestination({ id: 'far', type: 'crisis_centre', location: north(9) });
      const ed = buildDestination({ id: 'ed', location: north(4) });
      const second = matchDestination(
        request('crisis_centre', [near, far, ed], { declinedBy: ['near'] }),
      );
      expect(second.destination?.id).toBe('far');
      const none = matchDestination(
        request('crisis_centre', [near, far, ed], { declinedBy: ['near', 'far'] }),
      );
      expect(none.disposition).toBe('emergency_department');
      expect(none.destination?.id).toBe('ed');
      expect(none.reason).toMatch(/Site \d+: declined this call/);
    });
  });
});
