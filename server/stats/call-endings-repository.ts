import type { Queryable } from '../db/database.js';
import { cancelReasons, type CancelReason } from '../../shared/call-lifecycle.js';
import type { StatsFilter } from './stats-schemas.js';

export interface CallEndings {
  /** Emergency calls given to ambulance dispatch instead of a CP unit. */
  handedOff: number;
  /** Median seconds from the call coming in to its hand-off; null with none. */
  handoffP50Sec: number | null;
  cancelled: number;
  cancelledByReason: Record<CancelReason, number>;
}

/**
 * Calls that ended without a CP visit, by how (issue 11): live from the calls of the period,
 * one indexed pass (calls by received_at). Reasons are categories: nothing a person typed.
 */
export async function callEndings(q: Queryable, f: StatsFilter): Promise<CallEndings> {
  const pathway = f.pathway ? 'and recommended_disposition = ?' : '';
  const { rows } = await q.raw<{
    rows: Array<{ status: string; reason: CancelReason | null; n: number; p50: number | null }>;
  }>(
    `select status, cancel_reason as reason, count(*)::int as n,
       percentile_disc(0.5) within group (
         order by round(date_part('epoch', handed_off_at - received_at)))::int as p50
     from calls
     where received_at >= ? and received_at < ? ${pathway}
       and status in ('handed_off', 'cancelled')
     group by status, cancel_reason`,
    [f.from, f.to, ...(f.pathway ? [f.pathway] : [])],
  );
  const byReason = Object.fromEntries(cancelReasons.map((r) => [r, 0])) as Record<
    CancelReason,
    number
  >;
  let handedOff = 0;
  let handoffP50Sec: number | null = null;
  for (const row of rows) {
    if (row.status === 'handed_off') {
      handedOff += row.n;
      handoffP50Sec = row.p50;
    } else if (row.reason) byReason[row.reason] += row.n;
  }
  return {
    handedOff,
    handoffP50Sec,
    cancelled: Object.values(byReason).reduce((a, b) => a + b, 0),
    cancelledByReason: byReason,
  };
}
