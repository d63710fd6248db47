import type { Queryable } from '../db/database.js';
import type { ColumnValues } from '../db/tables/row-types.js';
import type { ReferralsTable } from '../db/tables/referrals.js';
import type { DestinationType } from '../directory/destination-repository.js';
import type { Disposition } from '../../shared/event-contract.js';
import type { ReferralOutcome, ReferralStatus, RejectReason } from '../../shared/referrals.js';
import { openReferralStatuses } from '../../shared/referrals.js';

/** A referral with the names and place of its site and of any site proposed next. */
export type ReferralRow = ReferralsTable & {
  destination_name: string;
  destination_type: DestinationType;
  destination_lat: number;
  destination_lng: number;
  proposed_destination_name: string | null;
  proposed_destination_type: DestinationType | null;
};

const withSite = (q: Queryable) =>
  q<ReferralRow>('referrals as r')
    .join('destinations as d', 'd.id', 'r.destination_id')
    .leftJoin('destinations as pd', 'pd.id', 'r.proposed_destination_id')
    .select(
      'r.*',
      'd.name as destination_name',
      'd.type as destination_type',
      'd.lat as destination_lat',
      'd.lng as destination_lng',
      'pd.name as proposed_destination_name',
      'pd.type as proposed_destination_type',
    );

export async function insertReferral(
  q: Queryable,
  referral: { callId: string; destinationId: string; requestedBy: string | null },
): Promise<string> {
  const [row] = await q('referrals')
    .insert({
      call_id: referral.callId,
      destination_id: referral.destinationId,
      requested_by: referral.requestedBy,
      requested_at: q.raw('statement_timestamp()'),
    } satisfies ColumnValues<ReferralsTable>)
    .returning<Array<{ id: string }>>('id');
  if (!row) throw new Error('referral insert returned no row');
  return row.id;
}

export async function findReferral(
  q: Queryable,
  id: string,
  options: { lock?: boolean } = {},
): Promise<ReferralRow | undefined> {
  if (options.lock) await q('referrals').where({ id }).forUpdate().select('id');
  return (await withSite(q).where('r.id', id).first()) as ReferralRow | undefined;
}

export async function openReferralForCall(
  q: Queryable,
  callId: string,
): Promise<ReferralRow | undefined> {
  return (await withSite(q)
    .where('r.call_id', callId)
    .whereIn('r.status', openReferralStatuses)
    .first()) as ReferralRow | undefined;
}

/** The sites that already declined this call: the next proposal skips them. */
export async function sitesThatRejected(q: Queryable, callId: string): Promise<string[]> {
  return (await q('referrals')
    .where({ call_id: callId, status: 'rejected' })
    .pluck('destination_id')) as string[];
}

export async function listReferralRows(
  q: Queryable,
  filter: { destinationId?: string; statuses?: ReferralStatus[]; limit: number },
): Promise<ReferralRow[]> {
  const query = withSite(q)
    .orderBy('r.requested_at', 'desc')
    .orderBy('r.id', 'desc')
    .limit(filter.limit);
  if (filter.destinationId) query.where('r.destination_id', filter.destinationId);
  if (filter.statuses?.length) query.whereIn('r.status', filter.statuses);
  return (await query) as ReferralRow[];
}

const stampColumn: Partial<Record<ReferralStatus, keyof ReferralsTable>> = {
  accepted: 'accepted_at',
  rejected: 'rejected_at',
  'in-progress': 'in_progress_at',
  completed: 'completed_at',
  cancelled: 'cancelled_at',
};

export async function setReferralStatus(
  q: Queryable,
  id: string,
  change: {
    status: ReferralStatus;
    rejectReason?: RejectReason;
    rejectText?: string | null;
    cancelReason?: string | null;
    outcome?: ReferralOutcome;
    arrivedAt?: Date;
    proposal?: { disposition: Disposition; destinationId: string | null; reason: string };
  },
): Promise<void> {
  const row: ColumnValues<ReferralsTable> = {
    status: change.status,
    updated_at: q.raw('statement_timestamp()'),
  };
  const stamp = stampColumn[change.status];
  if (stamp) row[stamp] = q.raw('statement_timestamp()');
  if (change.rejectReason) row.reject_reason = change.rejectReason;
  if (change.rejectText !== undefined) row.reject_text = change.rejectText;
  if (change.cancelReason !== undefined) row.cancel_reason = change.cancelReason;
  if (change.outcome) row.outcome = change.outcome;
  if (change.status === 'in-progress')
    row.arrived_at = change.arrivedAt ?? q.raw('statement_timestamp()');
  if (change.proposal) {
    row.proposed_disposition = change.proposal.disposition;
    row.proposed_destination_id = change.proposal.destinationId;
    row.proposal_reason = change.proposal.reason;
  }
  await q('referrals').where({ id }).update(row);
}
