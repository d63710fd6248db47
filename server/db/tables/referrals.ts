import type { Disposition } from '../../../shared/call-schema.js';
import type { ReferralOutcome, ReferralStatus, RejectReason } from '../../../shared/referrals.js';

/** A row of `referrals`: one call sent to one receiving site, and its answer. */
export interface ReferralsTable {
  id: string;
  call_id: string;
  destination_id: string;
  status: ReferralStatus;
  requested_by: string | null;
  requested_at: Date;
  accepted_at: Date | null;
  rejected_at: Date | null;
  arrived_at: Date | null;
  in_progress_at: Date | null;
  completed_at: Date | null;
  cancelled_at: Date | null;
  reject_reason: RejectReason | null;
  reject_text: string | null;
  cancel_reason: string | null;
  outcome: ReferralOutcome | null;
  proposed_disposition: Disposition | null;
  proposed_destination_id: string | null;
  proposal_reason: string | null;
  updated_at: Date;
}
