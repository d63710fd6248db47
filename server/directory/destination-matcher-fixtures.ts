// Builders shared by the destination matcher's tests: one patient at noon on a Monday in
// Toronto, and sites placed a given distance due north of them.
import type { Disposition } from '../../shared/call-schema.js';
import type { MatchRequest } from './destination-matcher.js';
import type { Destination, OpeningSpan } from './destination-repository.js';

const TZ = 'America/Toronto';
/** Monday 2026-11-23 12:00 EST (UTC-5). */
const NOON_MONDAY = new Date('2026-11-23T12:00:00-05:00');
export const PATIENT = { lat: 43.65, lng: -79.38 };

export const ALWAYS: OpeningSpan[] = [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({
  weekday,
  opens: '00:00',
  closes: '24:00',
}));
/** Monday hours only, in Toronto time. */
export const monday = (opens: string, closes: string): OpeningSpan[] => [
  { weekday: 1, opens, closes },
];

/** A site `northKm` kilometres due north of the patient (1° of latitude ≈ 111.2 km). */
export const north = (km: number) => ({ lat: PATIENT.lat + km / 111.19508, lng: PATIENT.lng });

let sequence = 0;
export function buildDestination(overrides: Partial<Destination> = {}): Destination {
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

export function request(
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
