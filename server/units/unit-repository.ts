import type { Queryable } from '../db/database.js';

import type { Unit, UnitStatus } from '../../shared/units.js';

export type { Unit, UnitStatus } from '../../shared/units.js';

interface UnitRow {
  id: string;
  call_sign: string;
  skills: string[];
  status: UnitStatus;
  shift_starts_at: Date | null;
  shift_ends_at: Date | null;
  home_base: string;
  home_lat: number;
  home_lng: number;
  last_lat: number | null;
  last_lng: number | null;
  last_position_at: Date | null;
  on_shift: boolean;
  status_changed_at: Date;
}

// A unit is on shift when its shift has started and has not ended (an open end
// means on shift until a supervisor ends it).
const ON_SHIFT_SQL = `(shift_starts_at is not null and shift_starts_at <= now()
  and (shift_ends_at is null or shift_ends_at > now())) as on_shift`;

function toUnit(row: UnitRow): Unit {
  return {
    id: row.id,
    callSign: row.call_sign,
    skills: row.skills,
    status: row.status,
    statusSince: row.status_changed_at.toISOString(),
    onShift: row.on_shift,
    shift: {
      startsAt: row.shift_starts_at?.toISOString() ?? null,
      endsAt: row.shift_ends_at?.toISOString() ?? null,
    },
    homeBase: { name: row.home_base, lat: row.home_lat, lng: row.home_lng },
    position:
      row.last_lat === null || row.last_lng === null
        ? null
        : { lat: row.last_lat, lng: row.last_lng, at: row.last_position_at?.toISOString() ?? null },
  };
}

export async function listUnits(q: Queryable): Promise<Unit[]> {
  const rows = await q<UnitRow>('units').select('*', q.raw(ON_SHIFT_SQL)).orderBy('call_sign');
  return rows.map(toUnit);
}

export async function findUnit(q: Queryable, id: string): Promise<Unit | undefined> {
  const row = await q<UnitRow>('units').select('*', q.raw(ON_SHIFT_SQL)).where({ id }).first();
  return row ? toUnit(row as UnitRow) : undefined;
}

export async function setUnitStatus(q: Queryable, id: string, status: UnitStatus): Promise<void> {
  await q('units').where({ id }).update({ status, updated_at: q.fn.now() });
}

export async function setUnitPosition(
  q: Queryable,
  id: string,
  position: { lat: number; lng: number },
): Promise<Date> {
  const [row] = await q('units')
    .where({ id })
    .update({ last_lat: position.lat, last_lng: position.lng, last_position_at: q.fn.now() })
    .returning<Array<{ last_position_at: Date }>>('last_position_at');
  return row?.last_position_at ?? new Date();
}
