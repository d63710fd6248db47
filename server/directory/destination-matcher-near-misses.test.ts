import { describe, expect, it } from 'vitest';
import { matchDestination } from './destination-matcher.js';
import { buildDestination, monday, north, request } from './destination-matcher-fixtures.js';

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
