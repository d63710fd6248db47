import type { Queryable } from '../db/database.js';
import type { VisitStatus } from './proactive-schema.js';

export interface VisitRow {
  id: string;
  patient_key: string;
  planned_for: Date;
  unit_id: string | null;
  call_sign: string | null;
  status: VisitStatus;
  lat: number;
  lng: number;
  address: string | null;
  patient_age: number;
  patient_sex: string;
  booked_by: string;
  booked_role: string;
  booked_at: Date;
}

export type NewVisit = Omit<VisitRow, 'id' | 'call_sign' | 'status' | 'booked_at'>;

const selectVisits = (q: Queryable) =>
  q('planned_visits as v').leftJoin('units as u', 'u.id', 'v.unit_id').select('v.*', 'u.call_sign');

export async function insertVisit(q: Queryable, visit: NewVisit): Promise<VisitRow> {
  const [inserted] = await q('planned_visits').insert(visit).returning<Array<{ id: string }>>('id');
  const row = inserted && (await findVisit(q, inserted.id));
  if (!row) throw new Error('booked visit not found');
  return row;
}

export async function findVisit(q: Queryable, id: string): Promise<VisitRow | undefined> {
  const row: VisitRow | undefined = await selectVisits(q).where('v.id', id).first();
  return row;
}

/** Planned visits soonest first; completed and cancelled ones most recent first. */
export async function listVisits(
  q: Queryable,
  status: VisitStatus,
  limit = 200,
): Promise<VisitRow[]> {
  return selectVisits(q)
    .where('v.status', status)
    .orderBy('v.planned_for', status === 'planned' ? 'asc' : 'desc')
    .limit(limit);
}

export async function setVisitStatus(
  q: Queryable,
  id: string,
  from: VisitStatus,
  to: VisitStatus,
): Promise<boolean> {
  const changed = await q('planned_visits').where({ id, status: from }).update({ status: to });
  return changed > 0;
}

export async function unitExists(q: Queryable, id: string): Promise<boolean> {
  return (await q('units').where({ id }).first('id')) !== undefined;
}
