import { alertReferralRejected } from '../alerts/raise-alerts.js';
import { appendAudit } from '../audit/audit-repository.js';
import type { Actor } from '../auth/roles.js';
import type { RequestContext } from '../auth/request-context.js';
import { findCallRow } from '../calls/call-repository.js';
import type { ReferralDeps } from './referral-deps.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../http/errors.js';
import type { ReferralView } from '../../shared/event-contract.js';
import { proposeNextSite } from './propose-next-site.js';
import { InvalidReferralTransitionError } from './referral-errors.js';
import { findReferral, setReferralStatus, type ReferralRow } from './referral-repository.js';
import type { ReferralStatusChange } from './referral-schemas.js';
import { deidentifyReferral, toReferralViews } from './referral-view.js';
import { canMoveReferral, dispatchSteps, partnerSteps } from '../../shared/referrals.js';

/** A clock a little ahead of ours is still believed: an arrival this far in the future is not. */
const CLOCK_SKEW_MS = 2 * 60_000;

/**
 * The receiving site accepts, declines, takes the patient into its care and
 * records the outcome; dispatch cancels. A decline raises a dispatcher alert and
 * proposes the next eligible site (or the ED), live. The one place a referral
 * changes status: the partner board and the FHIR Task endpoints both call it.
 */
export async function changeReferralStatus(
  deps: Pick<ReferralDeps, 'db' | 'publish' | 'roadSpeedKmh' | 'timeZone' | 'now'>,
  context: RequestContext,
  referralId: string,
  change: ReferralStatusChange,
): Promise<ReferralView> {
  const { actor } = context;
  const { referral, alert } = await deps.db.transaction(async (trx) => {
    // Locked: two staff pressing at once queue here; the second sees the first's step.
    const current = await findReferral(trx, referralId, { lock: true });
    if (!current) throw new NotFoundError('Referral');
    authorise(actor, current, change.status);
    if (!canMoveReferral(current.status, change.status))
      throw new InvalidReferralTransitionError(current.status, change.status);
    checkArrival(change.arrivedAt, current.requested_at, deps.now());

    const call = await findCallRow(trx, current.call_id);
    const match =
      change.status === 'rejected' && call
        ? await proposeNextSite(trx, {
            callId: current.call_id,
            decliningSiteId: current.destination_id,
            disposition: call.disposition,
            now: deps.now(),
            timeZone: deps.timeZone,
          })
        : undefined;
    await setReferralStatus(trx, referralId, {
      status: change.status,
      ...(change.reason ? { rejectReason: change.reason } : {}),
      ...(change.status === 'rejected' ? { rejectText: change.note ?? null } : {}),
      ...(change.status === 'cancelled' ? { cancelReason: change.note ?? null } : {}),
      ...(change.outcome ? { outcome: change.outcome } : {}),
      ...(change.arrivedAt ? { arrivedAt: change.arrivedAt } : {}),
      ...(match
        ? {
            proposal: {
              disposition: match.disposition,
              destinationId: match.destination?.id ?? null,
              reason: match.destination?.reason ?? match.reason,
            },
          }
        : {}),
    });
    await appendAudit(trx, {
      by: context,
      action: `referral:${change.status}`,
      entityType: 'referral',
      entityId: referralId,
      details: {
        callId: current.call_id,
        siteId: current.destination_id,
        from: current.status,
        to: change.status,
        ...(change.reason ? { reasonCategory: change.reason } : {}),
        ...(change.note ? { reason: change.note } : {}),
        ...(change.outcome ? { outcome: change.outcome } : {}),
        ...(change.arrivedAt ? { arrivedAt: change.arrivedAt.toISOString() } : {}),
        ...(match
          ? { proposedDisposition: match.disposition, proposedSiteId: match.destination?.id }
          : {}),
      },
    });
    const row = await findReferral(trx, referralId);
    const [view] = row ? await toReferralViews(trx, [row], deps) : [];
    if (!view) throw new Error('referral change lost its row');
    // A decline is the dispatcher's to act on: an alert, in the same transaction.
    return {
      referral: view,
      alert: change.status === 'rejected' ? await alertReferralRejected(trx, view) : null,
    };
  });
  deps.publish({ type: 'referral:updated', referral, forLeads: deidentifyReferral(referral) });
  if (alert) deps.publish({ type: 'alert:raised', alert });
  return referral;
}

function authorise(actor: Actor, referral: ReferralRow, to: ReferralStatusChange['status']): void {
  // Need to know: another site's staff cannot even learn that the referral exists.
  if (actor.role === 'partner' && actor.destinationId !== referral.destination_id)
    throw new NotFoundError('Referral');
  if (partnerSteps.includes(to)) {
    if (actor.role !== 'partner')
      throw new ForbiddenError(`Only the receiving site's staff can mark a referral ${to}`);
    return;
  }
  if (dispatchSteps.includes(to) && actor.role !== 'dispatcher' && actor.role !== 'admin')
    throw new ForbiddenError('Only a dispatcher or an admin can cancel a referral');
}

function checkArrival(arrivedAt: Date | undefined, requestedAt: Date, now: Date): void {
  if (!arrivedAt) return;
  const fail = (message: string) => {
    throw new ValidationError(
      'invalid_status_change',
      `Invalid status change: arrivedAt ${message}`,
      [{ path: 'arrivedAt', message }],
    );
  };
  if (arrivedAt.getTime() > now.getTime() + CLOCK_SKEW_MS) fail('cannot be in the future');
  if (arrivedAt < requestedAt) fail('cannot be before the referral was requested');
}
