import type { Queryable } from '../db/database.js';

/** A lift assist: a fall with no injury where the patient could not get up (both answered). */
export const LIFT_ASSIST_SQL = `(c.complaint = 'fall' and c.answers->>'unableToGetUp' = 'true'
  and c.answers->>'injuryFromFall' = 'false')`;

/** Three or more calls in the window make a frequent caller; so do two lift assists. */
export const FREQUENT_CALLS = 3;
export const REPEAT_LIFT_ASSISTS = 2;

export interface FrequentCallerRow {
  patient_key: string;
  calls: number;
  lift_assists: number;
  ed_pathway: number;
  first_call_at: Date;
  last_call_at: Date;
  patient_age: number;
  patient_sex: string;
  complaints: string[];
  care_plan_since: Date | null;
  next_visit_at: Date | null;
}

/** Patients (by key) who called often in [from, to), most calls first. */
export async function listFrequentCallers(
  q: Queryable,
  window: { from: Date; to: Date },
  limit: number,
): Promise<FrequentCallerRow[]> {
  const result = await q.raw<{ rows: FrequentCallerRow[] }>(
    `with frequent as (
       select c.patient_key,
              count(*)::int as calls,
              (count(*) filter (where ${LIFT_ASSIST_SQL}))::int as lift_assists,
              (count(*) filter (where c.recommended_disposition = 'emergency_department'))::int as ed_pathway,
              min(c.received_at) as first_call_at,
              max(c.received_at) as last_call_at,
              (array_agg(c.patient_age order by c.received_at desc))[1] as patient_age,
              (array_agg(c.patient_sex order by c.received_at desc))[1] as patient_sex,
              array_agg(distinct c.complaint) as complaints
         from calls c
        where c.patient_key is not null and c.received_at >= ? and c.received_at < ?
        group by c.patient_key
       having count(*) >= ? or count(*) filter (where ${LIFT_ASSIST_SQL}) >= ?
     )
     select f.*,
            (select min(p.written_at) from care_plans p
              where p.patient_key = f.patient_key and p.version = 1) as care_plan_since,
            (select min(v.planned_for) from planned_visits v
              where v.patient_key = f.patient_key and v.status = 'planned'
                and v.planned_for >= now()) as next_visit_at
       from frequent f
      order by f.calls desc, f.lift_assists desc, f.last_call_at desc
      limit ?`,
    [window.from, window.to, FREQUENT_CALLS, REPEAT_LIFT_ASSISTS, limit],
  );
  return result.rows;
}

/** Every patient key with a call since `since`: where a lead's pseudonym is looked up. */
export async function recentPatientKeys(q: Queryable, since: Date): Promise<string[]> {
  const rows: Array<{ patient_key: string }> = await q('calls')
    .distinct('patient_key')
    .whereNotNull('patient_key')
    .where('received_at', '>=', since);
  return rows.map((r) => r.patient_key);
}

/** The patient's most recent call: where a home visit goes, and who they are. */
export async function latestCallOf(
  q: Queryable,
  patientKey: string,
): Promise<
  | {
      lat: number | null;
      lng: number | null;
      address: string | null;
      patient_age: number;
      patient_sex: string;
    }
  | undefined
> {
  return q('calls')
    .where({ patient_key: patientKey })
    .orderBy('received_at', 'desc')
    .first('lat', 'lng', 'address', 'patient_age', 'patient_sex');
}
