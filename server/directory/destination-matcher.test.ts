import { describe, expect, it } from 'vitest';
import { distanceKm, roundKm } from '../geo/distance.js';
import type { Disposition } from '../../shared/call-schema.js';
import {
  CLOSING_MARGIN_MINUTES,
  matchDestination,
  type MatchRequest,
} from './destination-matcher.js';
import type { Destination, OpeningSpan } from './destination-repository.js';

const TZ = 'America/Toronto';
/** Monday 2026-11-23 12:00 EST (UTC-5). */
const NOON_MONDAY = new Date('2026-11-23T12:00:00-05:00');
const PATIENT = { lat: 43.65, lng: -79.38 };

const ALWAYS: OpeningSpan[] = [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({
  weekday,
  opens: '00:00',
  closes: '24:00',
}));
/** Monday hours only, in Toronto time. */
const monday = (opens: string, closes: string): OpeningSpan[] => [{ weekday: 1, opens, closes }];

/** A site `northKm` kilometres due north of the patient (1° of latitude ≈ 111.2 km). */
const north = (km: number) => ({ lat: PATIENT.lat + km / 111.19508, lng: PATIENT.lng });

let sequence = 0;
function buildDestination(overrides: Partial<Destination> = {}): Destination {
  sequence += 1;
  return {
    id: `dest-${sequence}`,
    name: `Site ${sequence}`,
    type: 'emergency_department',
    address: `${sequence} Main St`,
    building: null,
    location: north(5),
    ageRange: { min: 0, max: null },
    capacity: 'green',
    capacityUpdatedAt: '2026-11-23T16:00:00.000Z',
    active: true,
    hours: ALWAYS,
    closures: [],
    ...overrides,
  };
}

function request(
  disposition: Disposition,
  destinations: Destination[],
  overrides: Partial<MatchRequest> = {},
): MatchRequest {
  return {
    disposition,
    patientAge: 40,
    location: PATIENT,
    now: NOON_MONDAY,
    timeZone: TZ,
    destinations,
    ...overrides,
  };
}

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

describe('matchDestination: eligibility criteria', () => {
  it("filters by the site's age range", () => {
    const paediatric = buildDestination({
      id: 'paeds',
      ageRange: { min: 0, max: 17 },
      location: north(1),
    });
    const adult = buildDestination({
      id: 'adult',
      ageRange: { min: 18, max: null },
      location: north(4),
    });
    const sites = [paediatric, adult];

    expect(
      matchDestination(request('emergency_department', sites, { patientAge: 40 })).destination?.id,
    ).toBe('adult');
    expect(
      matchDestination(request('emergency_department', sites, { patientAge: 10 })).destination?.id,
    ).toBe('paeds');
  });

  it('treats both age bounds as inclusive and a null maximum as no upper limit', () => {
    const paediatric = buildDestination({
      id: 'paeds',
      ageRange: { min: 0, max: 17 },
      location: north(1),
    });
    const adult = buildDestination({
      id: 'adult',
      ageRange: { min: 18, max: null },
      location: north(4),
    });
    const sites = [paediatric, adult];

    expect(
      matchDestination(request('emergency_department', sites, { patientAge: 17 })).destination?.id,
    ).toBe('paeds');
    expect(
      matchDestination(request('emergency_department', sites, { patientAge: 18 })).destination?.id,
    ).toBe('adult');
    expect(
      matchDestination(request('emergency_department', sites, { patientAge: 104 })).destination?.id,
    ).toBe('adult');
  });

  it('excludes a site at red capacity but allows amber', () => {
    const red = buildDestination({ id: 'red', capacity: 'red', location: north(1) });
    const amber = buildDestination({ id: 'amber', capacity: 'amber', location: north(2) });
    const green = buildDestination({ id: 'green', capacity: 'green', location: north(3) });

    const match = matchDestination(request('emergency_department', [red, amber, green]));

    expect(match.destination?.id).toBe('amber');
    expect(match.nearMisses).toEqual([{ destinationId: 'red', failed: 'capacity_red' }]);
  });

  it('excludes an inactive site', () => {
    const inactive = buildDestination({ id: 'inactive', active: false, location: north(1) });
    const active = buildDestination({ id: 'active', location: north(6) });

    const match = matchDestination(request('emergency_department', [inactive, active]));

    expect(match.destination?.id).toBe('active');
    expect(match.nearMisses).toEqual([{ destinationId: 'inactive', failed: 'inactive' }]);
  });

  it('excludes a site that is closed now', () => {
    const closed = buildDestination({
      id: 'closed',
      hours: monday('13:00', '17:00'),
      location: north(1),
    });
    const open = buildDestination({ id: 'open', location: north(6) });

    const match = matchDestination(request('emergency_department', [closed, open]));

    expect(match.destination?.id).toBe('open');
    expect(match.nearMisses).toEqual([{ destinationId: 'closed', failed: 'closed' }]);
  });

  it('excludes a site with no opening hours at all', () => {
    const noHours = buildDestination({ id: 'no-hours', hours: [], location: north(1) });
    const open = buildDestination({ id: 'open', location: north(6) });
    expect(matchDestination(request('emergency_department', [noHours, open])).destination?.id).toBe(
      'open',
    );
  });

  it(`excludes a site closing within ${CLOSING_MARGIN_MINUTES} minutes but not one closing later`, () => {
    expect(CLOSING_MARGIN_MINUTES).toBe(30);
    const closing20 = buildDestination({
      id: 'closing-20',
      hours: monday('08:00', '12:20'),
      location: north(1),
    });
    const closing45 = buildDestination({
      id: 'closing-45',
      hours: monday('08:00', '12:45'),
      location: north(2),
    });
    const allDay = buildDestination({ id: 'all-day', location: north(3) });

    const match = matchDestination(request('emergency_department', [closing20, closing45, allDay]));

    expect(match.destination?.id).toBe('closing-45');
    expect(match.nearMisses).toEqual([{ destinationId: 'closing-20', failed: 'closing_soon' }]);
  });

  it('uses the time zone of the request for opening hours', () => {
    // Open 12:00–17:00 Monday. Noon in Toronto is 17:00 UTC: closed in UTC terms.
    const clinic = buildDestination({
      id: 'clinic',
      type: 'cp_clinic',
      hours: monday('12:00', '17:00'),
    });
    expect(matchDestination(request('cp_clinic', [clinic])).destination?.id).toBe('clinic');
    const inUtc = matchDestination(request('cp_clinic', [clinic], { timeZone: 'UTC' }));
    expect(inUtc.destination).toBeNull();
    expect(inUtc.nearMisses).toEqual([{ destinationId: 'clinic', failed: 'closed' }]);
  });
});

describe('matchDestination: near misses', () => {
  it('lists sites failing exactly one criterion, each with that criterion', () => {
    const sites = [
      buildDestination({ id: 'inactive', active: false, location: north(1) }),
      buildDestination({ id: 'age', ageRange: { min: 0, max: 17 }, location: north(1.1) }),
      buildDestination({ id: 'closed', hours: monday('18:00', '22:00'), location: north(1.2) }),
      buildDestination({ id: 'closing', hours: monday('06:00', '12:10'), location: north(1.3) }),
      buildDestination({ id: 'red', capacity: 'red', location: north(1.4) }),
      buildDestination({ id: 'ok', location: north(20) }),
    ];

    const match = matchDestination(request('emergency_department', sites));

    expect(match.destination?.id).toBe('ok');
    expect(match.nearMisses).toEqual([
      { destinationId: 'inactive', failed: 'inactive' },
      { destinationId: 'age', failed: 'age' },
      { destinationId: 'closed', failed: 'closed' },
      { destinationId: 'closing', failed: 'closing_soon' },
      { destinationId: 'red', failed: 'capacity_red' },
    ]);
  });

  it('leaves out sites failing two criteria, eligible sites and sites of other types', () => {
    const sites = [
      buildDestination({
        id: 'red-and-inactive',
        capacity: 'red',
        active: false,
        location: north(1),
      }),
      buildDestination({
        id: 'closed-and-age',
        hours: monday('18:00', '22:00'),
        ageRange: { min: 65, max: null },
      }),
      buildDestination({ id: 'red-crisis', type: 'crisis_centre', capacity: 'red' }),
      buildDestination({ id: 'red', capacity: 'red', location: north(2) }),
      buildDestination({ id: 'ok', location: north(3) }),
    ];

    const match = matchDestination(request('emergency_department', sites));

    expect(match.destination?.id).toBe('ok');
    expect(match.nearMisses).toEqual([{ destinationId: 'red', failed: 'capacity_red' }]);
  });
});

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

describe('matchDestination: closures outside the weekly hours', () => {
  const closure = (startsAt: string, endsAt: string) => ({
    id: `closure-${startsAt}`,
    startsAt,
    endsAt,
    reason: 'Staff training',
  });

  it('skips a site closed now, whatever its hours, and says why', () => {
    const closed = buildDestination({
      id: 'closed',
      type: 'cp_clinic',
      location: north(1),
      closures: [closure('2026-11-23T16:00:00Z', '2026-11-23T20:00:00Z')],
    });
    const match = matchDestination(request('cp_clinic', [closed]));
    expect(match.disposition).toBe('home_visit');
    expect(match.nearMisses).toEqual([{ destinationId: 'closed', failed: 'closed' }]);
    expect(match.reason).toContain('closed now');
  });

  it('skips a site whose closure begins within the closing margin', () => {
    const startsSoon = buildDestination({
      id: 'soon',
      location: north(1),
      closures: [closure('2026-11-23T17:20:00Z', '2026-11-24T17:00:00Z')],
    });
    const other = buildDestination({ id: 'other', location: north(6) });
    const match = matchDestination(request('emergency_department', [startsSoon, other]));
    expect(match.destination?.id).toBe('other');
    expect(match.nearMisses).toEqual([{ destinationId: 'soon', failed: 'closing_soon' }]);
  });

  it('ignores a closure that has ended or starts after the margin', () => {
    const site = buildDestination({
      id: 'open',
      location: north(1),
      closures: [
        closure('2026-11-22T10:00:00Z', '2026-11-23T17:00:00Z'), // ended at 12:00 local
        closure('2026-11-23T18:00:00Z', '2026-11-23T19:00:00Z'), // an hour away
      ],
    });
    expect(matchDestination(request('emergency_department', [site])).destination?.id).toBe('open');
  });
});
