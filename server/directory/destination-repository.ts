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

interface ClosureRow {
  id: string;
  destination_id: string;
  starts_at: Date;
  ends_at: Date;
  reason: string;
}

interface HoursRow {
  destination_id: string;
  weekday: number;
  opens_at: string;
  closes_at: string;
}

const hhmm = (time: string) => time.slice(0, 5);

export async function listDestinations(
  q: Queryable,
  filter: { ids?: string[] } = {},
): Promise<Destination[]> {
  const query = q<DestinationRow>('destinations').orderBy(['type', 'name']);
  if (filter.ids) query.whereIn('id', filter.ids);
  const rows = await query;
  const hours = await q<HoursRow>('destination_hours')
    .whereIn(
      'destination_id',
      rows.map((r) => r.id),
    )
    .orderBy(['destination_id', 'weekday', 'opens_at']);
  const closures = await q<ClosureRow>('destination_closures')
    .whereIn(
      'destination_id',
      rows.map((r) => r.id),
    )
    .where('ends_at', '>', q.fn.now())
    .orderBy(['destination_id', 'starts_at']);
  const byDestination = groupBy(hours);
  const closuresOf = groupBy(closures);
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
    hours: (byDestination.get(row.id) ?? []).map((h) => ({
      weekday: h.weekday,
      opens: hhmm(h.opens_at),
      closes: hhmm(h.closes_at),
    })),
    closures: (closuresOf.get(row.id) ?? []).map((c) => ({
      id: c.id,
      startsAt: c.starts_at.toISOString(),
      endsAt: c.ends_at.toISOString(),
      reason: c.reason,
    })),
  }));
}

function groupBy<R extends { destination_id: string }>(rows: R[]): Map<string, R[]> {
  const grouped = new Map<string, R[]>();
  for (const row of rows) {
    const list = grouped.get(row.destination_id);
    if (list) list.push(row);
    else grouped.set(row.destination_id, [row]);
  }
  return grouped;
}
