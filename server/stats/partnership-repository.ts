import type { Queryable } from '../db/database.js';
import type { DestinationType } from '../directory/destination-repository.js';
import type { ReferralOutcome, RejectReason } from '../../shared/referrals.js';
import type { StatsFilter } from './stats-schemas.js';

/** One site's referral figures, or every site's together (`site_id` null). */
export interface PartnerSiteRow {
  site_id: string | null;
  site_name: string | null;
  site_type: DestinationType | null;
  requested: number;
  accepted: number;
  rejected: number;
  /** Cancelled by dispatch before the site answered. */
  withdrawn: number;
  /** Declines after which the matcher proposed another site, a CP home visit, or the ED. */
  rejected_next_site: number;
  rejected_home_visit: number;
  rejected_ed: number;
  accept_p50_sec: number | null;
  accept_p90_sec: number | null;
  handovers: number;
  handover_mean_sec: number | null;
  handover_p50_sec: number | null;
  handover_p90_sec: number | null;
  completed: number;
}

export interface SiteCountRow<K extends string> {
  /** null: every site together. */
  site_id: string | null;
  key: K;
  n: number;
}

// The period is by when the referral was requested (referrals.requested_at is indexed);
// the pathway filter, as everywhere in the statistics, is triage's intake recommendation.
function period(f: StatsFilter): { sql: string; bindings: Array<Date | string> } {
  const pathway = f.pathway
    ? 'and exists (select 1 from calls c where c.id = r.call_id and c.recommended_disposition = ?)'
    : '';
  return {
    sql: `r.requested_at >= ? and r.requested_at < ? ${pathway}`,
    bindings: [f.from, f.to, ...(f.pathway ? [f.pathway] : [])],
  };
}

const seconds = (later: string, earlier: string) =>
  `round(date_part('epoch', r.${later} - r.${earlier}))`;

/**
 * Per site and for all sites (one grouping-sets pass): how many referrals were requested,
 * accepted or declined, request to acceptance and arrival to handover (nearest-rank
 * percentiles, `percentile_disc`), and how many the site completed. Only counts and
 * times leave the database: never the free text a site typed.
 */
export async function partnerSiteFigures(q: Queryable, f: StatsFilter): Promise<PartnerSiteRow[]> {
  const where = period(f);
  const accept = seconds('accepted_at', 'requested_at');
  const handover = seconds('in_progress_at', 'arrived_at');
  const { rows } = await q.raw<{ rows: PartnerSiteRow[] }>(
    `select s.*, d.name as site_name, d.type as site_type
       from (select r.destination_id as site_id,
                    count(*)::int as requested,
                    (count(*) filter (where r.accepted_at is not null))::int as accepted,
                    (count(*) filter (where r.status = 'rejected'))::int as rejected,
                    (count(*) filter (where r.status = 'cancelled' and r.accepted_at is null))::int as withdrawn,
                    (count(*) filter (where r.status = 'rejected' and r.proposed_destination_id is not null
                                            and r.proposed_disposition <> 'emergency_department'))::int as rejected_next_site,
                    (count(*) filter (where r.status = 'rejected' and r.proposed_disposition = 'home_visit'))::int as rejected_home_visit,
                    (count(*) filter (where r.status = 'rejected' and r.proposed_disposition = 'emergency_department'))::int as rejected_ed,
                    (percentile_disc(0.5) within group (order by ${accept}))::int as accept_p50_sec,
                    (percentile_disc(0.9) within group (order by ${accept}))::int as accept_p90_sec,
                    count(${handover})::int as handovers,
                    round(avg(${handover}))::int as handover_mean_sec,
                    (percentile_disc(0.5) within group (order by ${handover}))::int as handover_p50_sec,
                    (percentile_disc(0.9) within group (order by ${handover}))::int as handover_p90_sec,
                    (count(*) filter (where r.status = 'completed'))::int as completed
               from referrals r
              where ${where.sql}
              group by grouping sets ((r.destination_id), ())) s
       left join destinations d on d.id = s.site_id
      order by s.site_id is null, d.name`,
    where.bindings,
  );
  return rows;
}

/** Declines by reason code, per site and for all sites. */
export async function rejectionsByReason(
  q: Queryable,
  f: StatsFilter,
): Promise<Array<SiteCountRow<RejectReason>>> {
  return siteCounts<RejectReason>(q, f, 'reject_reason', 'rejected');
}

/** Completed referrals by the site's outcome, per site and for all sites. */
export async function completionsByOutcome(
  q: Queryable,
  f: StatsFilter,
): Promise<Array<SiteCountRow<ReferralOutcome>>> {
  return siteCounts<ReferralOutcome>(q, f, 'outcome', 'completed');
}

async function siteCounts<K extends string>(
  q: Queryable,
  f: StatsFilter,
  column: 'reject_reason' | 'outcome',
  status: 'rejected' | 'completed',
): Promise<Array<SiteCountRow<K>>> {
  const where = period(f);
  const { rows } = await q.raw<{ rows: Array<SiteCountRow<K>> }>(
    `select r.destination_id as site_id, r.${column} as key, count(*)::int as n
       from referrals r
      where r.status = ? and ${where.sql}
      group by grouping sets ((r.destination_id, r.${column}), (r.${column}))`,
    [status, ...where.bindings],
  );
  return rows;
}
