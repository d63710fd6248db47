import type { Knex } from 'knex';
import { appendAudit, bySystem } from '../audit/audit-repository.js';
import type { DestinationType } from '../directory/destination-repository.js';
import type { ReferralChanges, ReferralRequest } from '../dispatch/dispatch-deps.js';
import { insertReferral, openReferralForCall } from './referral-repository.js';

/** Sites that take part: they accept or decline, and record arrival and outcome. */
export const partnerSiteTypes: readonly DestinationType[] = ['crisis_centre', 'cp_clinic'];

/**
 * A call sent to a receiving site becomes a referral the site owns, in the
 * dispatcher's transaction: no dispatch to a site without its referral. The
 * same site keeps the open referral it has; a different one replaces it.
 * Returns what changed, for the caller to announce after commit.
 */
export async function requestReferral(
  trx: Knex.Transaction,
  request: ReferralRequest,
): Promise<ReferralChanges> {
  const open = await openReferralForCall(trx, request.callId);
  if (open && open.destination_id === request.site?.id) return { requested: null, cancelled: null };
  if (open) {
    await trx('referrals')
      .where({ id: open.id })
      .update({
        status: 'cancelled',
        cancelled_at: trx.raw('statement_timestamp()'),
        cancel_reason: request.cancelNote ?? 'The patient is going to another site',
        updated_at: trx.raw('statement_timestamp()'),
      });
    await appendAudit(trx, {
      by: { actor: request.by ?? bySystem.actor, ip: request.ip },
      action: 'referral:cancelled',
      entityType: 'referral',
      entityId: open.id,
      details: { callId: request.callId, siteId: open.destination_id, because: 'site_changed' },
    });
  }
  const cancelled = open?.id ?? null;
  if (!request.site || !(partnerSiteTypes as readonly string[]).includes(request.site.type))
    return { requested: null, cancelled };
  const id = await insertReferral(trx, {
    callId: request.callId,
    destinationId: request.site.id,
    requestedBy: request.by?.id ?? null,
  });
  await appendAudit(trx, {
    by: { actor: request.by ?? bySystem.actor, ip: request.ip },
    action: 'referral:requested',
    entityType: 'referral',
    entityId: id,
    // The push to the site's room discloses the patient to its staff: recorded here.
    details: { callId: request.callId, siteId: request.site.id },
  });
  return { requested: id, cancelled };
}

export type { ReferralChanges };
