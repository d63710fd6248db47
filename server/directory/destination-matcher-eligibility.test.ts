import { describe, expect, it } from 'vitest';
import { CLOSING_MARGIN_MINUTES, matchDestination } from './destination-matcher.js';
import { buildDestination, monday, north, request } from './destination-matcher-fixtures.js';

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
