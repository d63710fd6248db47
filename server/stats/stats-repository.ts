import type { RejectReason } from '../../shared/referrals.js';
import type { OverrideCategory } from '../../shared/reason-categories.js';
import type { Queryable } from '../db/database.js';
import type { Disposition, Outcome } from '../../shared/event-contract.js';
import type { Reason } from '../../shared/decision.js';
import type { Bucket, StatsFilter } from './stats-schemas.js';

// Every figure is computed in the database over the two covering indexes of
// migration 0300 (calls by received_at, assignments by their call's
// received_at), grouped by bucket and by duration bin, so a year of a million
// calls comes back as a few thousand small rows. Durations are binned to the
// second below ten minutes and to the minute above, capped at a day; the
// percentiles are read off those histograms (stats-figures.ts).

const durationBin = (later: string, earlier: string) => {
  // date_part is double precision: extract() is numeric, several times slower over a million rows.
  const secs = `least(greatest(date_part('epoch', ${later} - ${earlier}), 0), 86400)`;
  // least/greatest skip nulls, so a missing time is caught first.
  return `(case when ${later} is null or ${earlier} is null then null
    when ${secs} < 600 then round(${secs}) else round(${secs} / 60) * 60 end)::int`;
};

/**
 * '-' for one bucket (the summary); otherwise the local date the day, week or
 * month starts on. `bucket` comes from a zod enum, never from raw input.
 */
const bucketExpr = (column: string, bucket: Bucket | null) =>
  bucket ? `to_char(date_trunc('${bucket}', ${column} at time zone ?), 'YYYY-MM-DD')` : `'-'`;

/** Which rows an aggregate covers: time ranges (the ends of a period, or all of it) and a pathway. */
export interface AggregateScope {
  ranges: Array<{ from: Date; to: Date }>;
  pathway?: Disposition | undefined;
  bucket: Bucket | null;
  timeZone: string;
  /** Keep the recommended pathway as a column (for the monthly roll-ups). */
  byPathway?: boolean;
}

function scopeSql(s: AggregateScope, timeColumn: string, pathwayColumn: string) {
  const ranges = s.ranges.map(() => `(${timeColumn} >= ? and ${timeColumn} < ?)`).join(' or ');
  return {
    bucket: bucketExpr(timeColumn, s.bucket),
    pathway: s.byPathway ? pathwayColumn : `'-'`,
    where: `(${ranges || 'false'})${s.pathway ? ` and ${pathwayColumn} = ?` : ''}`,
    bindings: [
      ...(s.bucket ? [s.timeZone] : []),
      ...s.ranges.flatMap((r) => [r.from, r.to]),
      ...(s.pathway ? [s.pathway] : []),
    ] as Array<Date | string>,
  };
}

export interface CallAggregateRow {
  bucket: string;
  pathway: string;
  bin: number | null;
  calls: number;
  within60: number;
}

export async function callAggregates(
  q: Queryable,
  scope: AggregateScope,
): Promise<CallAggregateRow[]> {
  const s = scopeSql(scope, 'received_at', 'recommended_disposition');
  const { rows } = await q.raw<{ rows: CallAggregateRow[] }>(
    `select ${s.bucket} as bucket, ${s.pathway} as pathway, ${durationBin('first_dispatched_at', 'received_at')} as bin,
       count(*)::int as calls,
       (count(*) filter (where first_dispatched_at - received_at <= interval '60 seconds'))::int as within60
     from calls
     where ${s.where}
     group by 1, 2, 3`,
    s.bindings,
  );
  return rows;
}

export interface AttendanceAggregateRow {
  bucket: string;
  pathway: string;
  /** 'outcome' rows carry the counts; 'scene' and 'work' rows a duration histogram. */
  kind: 'outcome' | 'scene' | 'work';
  disposition: Disposition | null;
  outcome: Outcome | null;
  bin: number | null;
  attendances: number;
  dispatches: number;
  overrides: number;
  linkable: number;
  recontacted: number;
  missed: number;
}

export async function attendanceAggregates(
  q: Queryable,
  scope: AggregateScope,
): Promise<AttendanceAggregateRow[]> {
  const s = scopeSql(scope, 'call_received_at', 'call_recommended_disposition');
  const done = `status = 'completed'`;
  const { rows } = await q.raw<{ rows: Array<AttendanceAggregateRow & { g: number }> }>(
    `select bucket, pathway, disposition, outcome, coalesce(scene_bin, work_bin) as bin,
       grouping(disposition, scene_bin, work_bin) as g,
       (count(*) filter (where completed))::int as attendances,
       (count(*) filter (where dispatched))::int as dispatches,
       (count(*) filter (where dispatched and overridden))::int as overrides,
       (count(*) filter (where completed and diverted and keyed))::int as linkable,
       (count(*) filter (where completed and diverted and recontacted))::int as recontacted,
       (count(*) filter (where completed and not diverted and recommended_alternate))::int as missed
     from (
       select ${s.bucket} as bucket, ${s.pathway} as pathway, disposition, outcome, overridden,
         ${done} as completed,
         dispatched_by is not null as dispatched,
         outcome is distinct from 'transported_ed' as diverted,
         call_patient_key is not null as keyed,
         coalesce(recontact_at <= completed_at + interval '72 hours', false) as recontacted,
         call_recommended_disposition <> 'emergency_department' as recommended_alternate,
         case when ${done} then ${durationBin('on_scene_at', 'offered_at')} end as scene_bin,
         case when ${done} then ${durationBin('completed_at', 'on_scene_at')} end as work_bin
       from assignments
       where ${s.where}
     ) a
     group by grouping sets ((bucket, pathway, disposition, outcome), (bucket, pathway, scene_bin), (bucket, pathway, work_bin))`,
    s.bindings,
  );
  // grouping(): bit 2 disposition, bit 1 scene_bin, bit 0 work_bin (1 = rolled up).
  const kindOf = (g: number): AttendanceAggregateRow['kind'] =>
    g === 3 ? 'outcome' : g === 5 ? 'scene' : 'work';
  return rows.map(({ g, ...row }) => ({ ...row, kind: kindOf(g) }));
}

/** Every bucket start in [from, to), so a quiet day still shows as a zero. */
export async function bucketStarts(q: Queryable, f: StatsFilter, bucket: Bucket, timeZone: string) {
  const { rows } = await q.raw<{ rows: Array<{ bucket: string; start: Date }> }>(
    `select to_char(local, 'YYYY-MM-DD') as bucket, local at time zone ? as start
     from generate_series(date_trunc('${bucket}', ?::timestamptz at time zone ?),
                          (?::timestamptz at time zone ?) - interval '1 microsecond',
                          interval '1 ${bucket}') as local`,
    [timeZone, f.from, timeZone, f.to, timeZone],
  );
  return rows;
}

const listFilter = (f: StatsFilter) => ({
  sql: `a.call_received_at >= ? and a.call_received_at < ? and a.status = 'completed' ${f.pathway ? 'and a.call_recommended_disposition = ?' : ''}`,
  bindings: [f.from, f.to, ...(f.pathway ? [f.pathway] : [])] as Array<Date | string>,
});

/** What a de-identified call row carries, before the key is hashed and the position rounded. */
export interface StatsCallRow {
  call_id: string;
  received_at: Date;
  complaint: string;
  patient_age: number;
  patient_sex: string;
  patient_key: string | null;
  lat: number | null;
  lng: number | null;
  recommended_disposition: Disposition;
  served_disposition: Disposition;
  outcome: Outcome;
  completed_at: Date;
}

const callColumns = `c.id as call_id, c.received_at, c.complaint, c.patient_age, c.patient_sex, c.patient_key, c.lat, c.lng,
  c.recommended_disposition, a.disposition as served_disposition, a.outcome, a.completed_at`;

export interface RecontactRow extends StatsCallRow {
  recontact_at: Date;
  recontact_call_id: string | null;
  recontact_recommended: Disposition | null;
}

export async function listRecontacts(q: Queryable, f: StatsFilter, limit: number) {
  const where = listFilter(f);
  const recontacted = `a.outcome <> 'transported_ed' and a.recontact_at <= a.completed_at + interval '72 hours'`;
  const [{ rows }, total] = await Promise.all([
    q.raw<{ rows: RecontactRow[] }>(
      `select ${callColumns}, a.recontact_at, r.id as recontact_call_id, r.recommended_disposition as recontact_recommended
       from assignments a join calls c on c.id = a.call_id
       left join lateral (select id, recommended_disposition from calls r
                          where r.patient_key = a.call_patient_key and r.received_at = a.recontact_at limit 1) r on true
       where ${where.sql} and ${recontacted}
       order by a.call_received_at desc limit ?`,
      [...where.bindings, limit],
    ),
    countWhere(q, `${where.sql} and ${recontacted}`, where.bindings),
  ]);
  return { total, rows };
}

export interface MissedRow extends StatsCallRow {
  escalated: boolean;
  destination_reason: string | null;
  override_reason: string | null;
  override_category: OverrideCategory | null;
  escalation_reasons: Reason[] | null;
  /** The last site that declined the call's referral, by its reason code (never its words). */
  declined_by: string | null;
  declined_reason: RejectReason | null;
}

export async function listMissedOpportunities(q: Queryable, f: StatsFilter, limit: number) {
  const where = listFilter(f);
  const missed = `a.outcome = 'transported_ed' and a.call_recommended_disposition <> 'emergency_department'`;
  const [{ rows }, total] = await Promise.all([
    q.raw<{ rows: MissedRow[] }>(
      `select ${callColumns}, c.escalated, c.destination_reason,
         ov.override_reason, ov.override_category,
         (select d.reasons from triage_decisions d
           where d.call_id = c.id and d.stage = 'assessment' and d.disposition = 'emergency_department'
           order by d.decided_at desc limit 1) as escalation_reasons,
         rj.declined_by, rj.declined_reason
       from assignments a join calls c on c.id = a.call_id
       left join lateral (select s.name as declined_by, r.reject_reason as declined_reason
           from referrals r join destinations s on s.id = r.destination_id
           where r.call_id = c.id and r.status = 'rejected'
           order by r.rejected_at desc limit 1) rj on true
       left join lateral (select o.override_reason, o.override_category from assignments o
           where o.call_id = c.id and o.dispatched_by is not null and o.overridden and o.disposition = 'emergency_department'
           order by o.offered_at desc limit 1) ov on true
       where ${where.sql} and ${missed}
       order by a.call_received_at desc limit ?`,
      [...where.bindings, limit],
    ),
    countWhere(q, `${where.sql} and ${missed}`, where.bindings),
  ]);
  return { total, rows };
}

async function countWhere(
  q: Queryable,
  where: string,
  bindings: Array<Date | string>,
): Promise<number> {
  const { rows } = await q.raw<{ rows: Array<{ n: number }> }>(
    `select count(*)::int as n from assignments a where ${where}`,
    bindings,
  );
  return rows[0]?.n ?? 0;
}

export interface ExportRow extends StatsCallRow {
  attendance_id: string;
  call_sign: string;
  overridden: boolean;
  override_reason: string | null;
  override_category: OverrideCategory | null;
  escalated: boolean;
  first_dispatched_at: Date | null;
  offered_at: Date;
  on_scene_at: Date | null;
  recontact_at: Date | null;
  sort_at: Date;
}

/** One page of attendances in (received_at, id) order after `after`; the CSV is streamed page by page. */
export async function exportPage(
  q: Queryable,
  f: StatsFilter,
  after: { at: Date; id: string } | null,
  limit: number,
) {
  const where = listFilter(f);
  const keyset = after ? 'and (a.call_received_at, a.id) > (?, ?)' : '';
  const { rows } = await q.raw<{ rows: ExportRow[] }>(
    `select a.id as attendance_id, ${callColumns}, u.call_sign, a.overridden, a.override_reason, a.override_category, c.escalated,
       c.first_dispatched_at, a.offered_at, a.on_scene_at, a.recontact_at, a.call_received_at as sort_at
     from assignments a join calls c on c.id = a.call_id join units u on u.id = a.unit_id
     where ${where.sql} ${keyset}
     order by a.call_received_at, a.id limit ?`,
    [...where.bindings, ...(after ? [after.at, after.id] : []), limit],
  );
  return rows;
}
