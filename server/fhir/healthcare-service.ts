import type { HealthcareService, HealthcareServiceAvailableTime } from 'fhir/r4';
import type {
  Capacity,
  Destination,
  DestinationType,
  OpeningSpan,
} from '../directory/destination-repository.js';
import { codeSystems, SDOHCC_CAPACITY_STATUS, SDOHCC_TEMPORARY_CODES } from './fhir-codes.js';

export const siteTypeLabels: Record<DestinationType, string> = {
  emergency_department: 'Emergency department',
  crisis_centre: 'Mental health crisis centre',
  cp_clinic: 'CP@clinic (community paramedic drop-in clinic)',
};

/**
 * A site's own green/amber/red as the Gravity capacity status. The value set has
 * only "has capacity" and "no capacity" (and a waitlist, which sites here do not
 * keep): amber is capacity, with the site's own code and a note saying it is
 * limited, as matching reads it (amber still takes referrals; red does not).
 */
const capacityStatus: Record<Capacity, { code: string; display: string; note: string }> = {
  green: { code: 'capacity', display: 'Capacity', note: 'Taking referrals' },
  amber: {
    code: 'capacity',
    display: 'Capacity',
    note: 'Limited capacity: taking referrals, busy',
  },
  red: { code: 'no-capacity', display: 'No Capacity', note: 'Not taking referrals now' },
};

const fhirDays = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
const MINUTES_PER_DAY = 1440;

const toMinutes = (hhmm: string) => {
  const [h = '0', m = '0'] = hhmm.split(':');
  return Number(h) * 60 + Number(m);
};
const clock = (minutes: number) =>
  minutes >= MINUTES_PER_DAY
    ? '23:59:59' // FHIR `time` has no 24:00: the day's last second ends it
    : `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}:00`;

/**
 * Weekly hours as FHIR availableTime: each span cut at midnight (a span that
 * closes at or before it opens runs past midnight), touching pieces of a day
 * joined, then days with the same times grouped; a whole day is `allDay`.
 */
export function availableTimes(hours: OpeningSpan[]): HealthcareServiceAvailableTime[] {
  const pieces: Array<Array<[number, number]>> = fhirDays.map(() => []);
  for (const span of hours) {
    const opens = toMinutes(span.opens);
    const closes = toMinutes(span.closes);
    if (closes > opens) pieces[span.weekday]?.push([opens, closes]);
    else {
      pieces[span.weekday]?.push([opens, MINUTES_PER_DAY]);
      if (closes > 0) pieces[(span.weekday + 1) % 7]?.push([0, closes]);
    }
  }
  const groups = new Map<string, { days: number[]; start: number; end: number }>();
  pieces.forEach((dayPieces, day) => {
    for (const [start, end] of joined(dayPieces)) {
      const key = `${start}-${end}`;
      const group = groups.get(key) ?? { days: [], start, end };
      group.days.push(day);
      groups.set(key, group);
    }
  });
  return [...groups.values()]
    .sort((a, b) => a.start - b.start || a.end - b.end)
    .map(({ days, start, end }) => {
      // Monday first, as FHIR lists days.
      const daysOfWeek = [...days]
        .sort((a, b) => ((a + 6) % 7) - ((b + 6) % 7))
        .map((d) => fhirDays[d]!);
      return start === 0 && end === MINUTES_PER_DAY
        ? { daysOfWeek, allDay: true }
        : { daysOfWeek, availableStartTime: clock(start), availableEndTime: clock(end) };
    });
}

function joined(pieces: Array<[number, number]>): Array<[number, number]> {
  const sorted = [...pieces].sort((a, b) => a[0] - b[0]);
  const out: Array<[number, number]> = [];
  for (const [start, end] of sorted) {
    const last = out[out.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else out.push([start, end]);
  }
  return out;
}

function eligibilityText({ min, max }: Destination['ageRange']): string {
  if (max === null) return min > 0 ? `Aged ${min} and over` : 'All ages';
  return `Aged ${min} to ${max}`;
}

/** One receiving site as a FHIR R4 HealthcareService (its place as a contained Location). */
export function toHealthcareService(site: Destination, timeZone: string): HealthcareService {
  const capacity = capacityStatus[site.capacity];
  const typeLabel = siteTypeLabels[site.type];
  const hours = availableTimes(site.hours);
  return {
    resourceType: 'HealthcareService',
    id: site.id,
    extension: [
      {
        url: SDOHCC_CAPACITY_STATUS,
        extension: [
          {
            url: 'capacityStatus',
            valueCodeableConcept: {
              coding: [
                { system: SDOHCC_TEMPORARY_CODES, code: capacity.code, display: capacity.display },
                { system: codeSystems.capacity, code: site.capacity, display: capacity.note },
              ],
              text: capacity.note,
            },
          },
          {
            url: 'capacityNotes',
            valueString: `${capacity.note} (set by the site ${site.capacityUpdatedAt})`,
          },
        ],
      },
    ],
    contained: [
      {
        resourceType: 'Location',
        id: 'site',
        name: site.name,
        address: { text: site.building ? `${site.building}, ${site.address}` : site.address },
        position: { latitude: site.location.lat, longitude: site.location.lng },
      },
    ],
    active: site.active,
    type: [
      {
        coding: [{ system: codeSystems.siteType, code: site.type, display: typeLabel }],
        text: typeLabel,
      },
    ],
    location: [{ reference: '#site', display: site.name }],
    name: site.name,
    eligibility: [
      {
        code: { text: eligibilityText(site.ageRange) },
        comment: 'Patients outside this age range are not referred here.',
      },
    ],
    ...(hours.length ? { availableTime: hours } : {}),
    ...(site.closures.length
      ? {
          notAvailable: site.closures.map((c) => ({
            description: c.reason,
            during: { start: c.startsAt, end: c.endsAt },
          })),
        }
      : {}),
    availabilityExceptions: hours.length
      ? `Times are local to the service area (${timeZone}).`
      : 'No weekly hours are set: not taking referrals.',
  };
}
