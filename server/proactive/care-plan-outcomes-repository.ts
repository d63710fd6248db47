import type { Queryable } from '../db/database.js';
import { LIFT_ASSIST_SQL } from './frequent-callers-repository.js';

export interface PlanOutcomeRow {
  patient_key: string;
  since: Date;
  calls_before: number;
  calls_after: number;
  ed_before: number;
  ed_after: number;
  lifts_before: number;
  lifts_after: number;
}

/**
 * For every care plan first written in [from, to): the patient's calls in the
 * 90 days before it and the 90 days after (ED = the pathway served).
 */
export async function planOutcomes(
  q: Queryable,
  period: { from: Date; to: Date },
  windowDays: number,
): Promise<PlanOutcomeRow[]> {
  const window = `interval '${Math.trunc(windowDays)} days'`;
  const before = `c.received_at < p.since`;
  const ed = `c.disposition = 'emergency_department'`;
  const result = await q.raw<{ rows: PlanOutcomeRow[] }>(
    `select p.patient_key, p.since,
            (count(c.id) filter (where ${before}))::int as calls_before,
            (count(c.id) filter (where not ${before}))::int as calls_after,
            (count(c.id) filter (where ${before} and ${ed}))::int as ed_before,
            (count(c.id) filter (where not ${before} and ${ed}))::int as ed_after,
            (count(c.id) filter (where ${before} and ${LIFT_ASSIST_SQL}))::int as lifts_before,
            (count(c.id) filter (where not ${before} and ${LIFT_ASSIST_SQL}))::int as lifts_after
       from (select patient_key, written_at as since from care_plans
              where version = 1 and written_at >= ? and written_at < ?) p
       left join calls c on c.patient_key = p.patient_key
        and c.received_at >= p.since - ${window} and c.received_at < p.since + ${window}
      group by p.patient_key, p.since
      order by p.since`,
    [period.from, period.to],
  );
  return result.rows;
}
