import type { Queryable } from '../db/database.js';
import type { Disposition } from '../../shared/call-schema.js';
import { activeAssignmentStatuses } from '../../shared/assignments.js';

export interface CarePlanRow {
  id: string;
  patient_key: string;
  version: number;
  coordinator_name: string;
  coordinator_phone: string | null;
  coordinator_site_id: string | null;
  coordinator_site_name: string | null;
  what_helps: string;
  what_to_avoid: string;
  safety_notes: string;
  preferred_pathway: Disposition | null;
  known_paramedic_id: string | null;
  known_paramedic_email: string | null;
  known_paramedic_call_sign: string | null;
  written_by: string;
  written_by_email: string | null;
  written_role: string;
  written_at: Date;
}

export type NewCarePlanVersion = Pick<
  CarePlanRow,
  | 'patient_key'
  | 'version'
  | 'coordinator_name'
  | 'coordinator_phone'
  | 'coordinator_site_id'
  | 'what_helps'
  | 'what_to_avoid'
  | 'safety_notes'
  | 'preferred_pathway'
  | 'known_paramedic_id'
  | 'written_by'
  | 'written_role'
>;

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
