import type { Queryable } from '../db/database.js';
import type { StatsFilter } from './stats-schemas.js';

/** The vital signs of a complete set, as stored in an assessment's input (see completeVitalSet). */
const completeSet = `array['heartRate','respiratoryRate','systolicBP','spo2','temperature','gcs']`;

export interface ClearanceCounts {
  /** Completed crisis-centre attendances that took the patient to the crisis centre. */
  transports: number;
  /** Of those, the ones an on-scene re-triage with a complete vital set confirmed first. */
  cleared: number;
}

/**
 * Crisis-centre medical clearance compliance (issue 9, item 6; in the Sudbury evaluation
 * 89.6 % of protocol non-compliance was missing vital signs): a transport counts as cleared
 * when, at or before it left the scene, an assessment decided the crisis centre on a complete
 * set of vital signs. Live, not rolled up: one indexed pass over a period's crisis transports.
 */
export async function clearanceCounts(q: Queryable, f: StatsFilter): Promise<ClearanceCounts> {
  const pathway = f.pathway ? 'and a.call_recommended_disposition = ?' : '';
  const { rows } = await q.raw<{ rows: Array<{ transports: number; cleared: number }> }>(
    `select count(*)::int as transports,
       (count(*) filter (where exists (
         select 1 from triage_decisions d
         where d.call_id = a.call_id and d.stage = 'assessment' and d.disposition = 'crisis_centre'
           and jsonb_exists_all(coalesce(d.input->'vitals', '{}'::jsonb), ${completeSet})
           and d.decided_at <= coalesce(a.transporting_at, a.completed_at))))::int as cleared
     from assignments a
     where a.call_received_at >= ? and a.call_received_at < ? ${pathway}
       and a.status = 'completed' and a.disposition = 'crisis_centre'
       and a.outcome = 'transported_crisis_centre'`,
    [f.from, f.to, ...(f.pathway ? [f.pathway] : [])],
  );
  return rows[0] ?? { transports: 0, cleared: 0 };
}
