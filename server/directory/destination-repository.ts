import type { Queryable } from '../db/database.js';

import type { Capacity, Destination, DestinationType } from '../../shared/directory.js';

export type {
  Capacity,
  Closure,
  Destination,
  DestinationType,
  OpeningSpan,
} from '../../shared/directory.js';

interface DestinationRow {
  id: string;
  name: string;
  type: DestinationType;
  address: string;
  building: string | null;
  lat: number;
  lng: number;
  min_age: number;
  max_age: number | null;
  capacity: Capacity;
  capacity_updated_at: Date;
  active: boolean;
}

/** A closure as json_agg gives it: timestamps as ISO text. */
interface ClosureJson {
  id: string;
  starts_at: string;
  ends_at: string;
  reason: string;
}

interface HoursJson {
  weekday: number;
  opens_at: string;
  closes_at: string;
}

const hhmm = (time: string) => time.slice(0, 5);

/**
 * Destinations with their weekly hours and the closures not yet over, in one
 * statement (each call's intake reads them all: one round trip, not three).
 */
export async function listDestinations(
  q: Queryable,
  filter: { ids?: string[] } = {},
): Promise<Destination[]> {
  const query = q('destinations as d')
    .select(
      'd.*',
      q.raw(
        `coalesce((select json_agg(json_build_object('weekday', h.weekday, 'opens_at', h.opens_at, 'closes_at', h.closes_at)
                                   order by h.weekday, h.opens_at)
                     from destination_hours h where h.destination_id = d.id), '[]') as hours`,
      ),
      q.raw(
        `coalesce((select json_agg(json_build_object('id', c.id, 'starts_at', c.starts_at, 'ends_at', c.ends_at, 'reason', c.reason)
                                   order by c.starts_at)
                     from destination_closures c where c.destination_id = d.id and c.ends_at > now()), '[]') as closures`,
      ),
    )
    .orderBy(['d.type', 'd.name']);
  if (filter.ids) query.whereIn('d.id', filter.ids);
  const rows = (await query) as Array<
    DestinationRow & { hours: HoursJson[]; closures: ClosureJson[] }
  >;
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    type: row.type,
    address: row.address,
    building: row.building,
    location: { lat: row.lat, lng: row.lng },
    ageRange: { min: row.min_age, max: row.max_age },
    capacity: row.capacity,
    capacityUpdatedAt: row.capacity_updated_at.toISOString(),
    active: row.active,
    hours: row.hours.map((h) => ({
      weekday: h.weekday,
      opens: hhmm(h.opens_at),
      closes: hhmm(h.closes_at),
    })),
    closures: row.closures.map((c) => ({
      id: c.id,
      startsAt: new Date(c.starts_at).toISOString(),
      endsAt: new Date(c.ends_at).toISOString(),
      reason: c.reason,
    })),
  }));
}
