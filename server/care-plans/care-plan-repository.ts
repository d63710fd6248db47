import type { Queryable } from '../db/database.js';
import type { CarePlansTable } from '../db/tables/care-plans.js';
import type { Without } from '../db/tables/row-types.js';
import { activeAssignmentStatuses } from '../../shared/assignments.js';

/** A care plan version with the names of its coordinating site, known paramedic and writer. */
export type CarePlanRow = CarePlansTable & {
  coordinator_site_name: string | null;
  known_paramedic_email: string | null;
  known_paramedic_call_sign: string | null;
  written_by_email: string | null;
};

/** What a writer states; the id, time and the generated flag are the database's defaults. */
export type NewCarePlanVersion = Without<CarePlansTable, 'id' | 'written_at' | 'generated'>;

const selectVersions = (q: Queryable) =>
  q('care_plans as p')
    .leftJoin('destinations as d', 'd.id', 'p.coordinator_site_id')
    .leftJoin('users as k', 'k.id', 'p.known_paramedic_id')
    .leftJoin('units as u', 'u.id', 'k.unit_id')
    .leftJoin('users as w', 'w.id', 'p.written_by')
    .select(
      'p.*',
      'd.name as coordinator_site_name',
      'k.email as known_paramedic_email',
      'u.call_sign as known_paramedic_call_sign',
      'w.email as written_by_email',
    );

export async function currentCarePlan(
  q: Queryable,
  patientKey: string,
): Promise<CarePlanRow | undefined> {
  const row: CarePlanRow | undefined = await selectVersions(q)
    .where('p.patient_key', patientKey)
    .orderBy('p.version', 'desc')
    .first();
  return row;
}

export async function carePlanVersions(q: Queryable, patientKey: string): Promise<CarePlanRow[]> {
  return selectVersions(q).where('p.patient_key', patientKey).orderBy('p.version', 'desc');
}

export async function insertCarePlanVersion(q: Queryable, row: NewCarePlanVersion): Promise<void> {
  await q('care_plans').insert(row);
}

/** Whether `unitId` is on a call for this patient now (offered to it, or under way). */
export async function unitAttendsPatient(
  q: Queryable,
  unitId: string,
  patientKey: string,
): Promise<boolean> {
  const row = await q('assignments as a')
    .join('calls as c', 'c.id', 'a.call_id')
    .where({ 'a.unit_id': unitId, 'c.patient_key': patientKey })
    .whereIn('a.status', activeAssignmentStatuses)
    .first('a.id');
  return row !== undefined;
}

/** Whether a call for this patient was ever referred to `siteId` (whatever became of it). */
export async function patientReferredToSite(
  q: Queryable,
  siteId: string,
  patientKey: string,
): Promise<boolean> {
  const row = await q('referrals as r')
    .join('calls as c', 'c.id', 'r.call_id')
    .where({ 'r.destination_id': siteId, 'c.patient_key': patientKey })
    .first('r.id');
  return row !== undefined;
}

export async function isActiveParamedic(q: Queryable, userId: string): Promise<boolean> {
  const row = await q('users').where({ id: userId, role: 'paramedic', active: true }).first('id');
  return row !== undefined;
}

export async function isReceivingSite(q: Queryable, siteId: string): Promise<boolean> {
  const row = await q('destinations').where({ id: siteId }).first('id');
  return row !== undefined;
}
