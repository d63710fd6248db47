import { appendAudit } from '../audit/audit-repository.js';
import type { RequestContext } from '../auth/request-context.js';
import type { Database } from '../db/database.js';
import { NotFoundError } from '../http/errors.js';
import type { ReferralView } from '../../shared/event-contract.js';
import { findReferral, listReferralRows } from './referral-repository.js';
import { deidentifyReferral, toReferralViews } from './referral-view.js';
import type { ReferralStatus } from '../../shared/referrals.js';

type Options = { roadSpeedKmh: number };

/**
 * A partner sees its own site's referrals; dispatchers and admins all; leads
 * all, without the patient or anything typed. Every view of patient details is
 * audited (leads see none).
 */
export async function listReferrals(
  db: Database,
  context: RequestContext,
  filter: { statuses?: ReferralStatus[]; limit: number; siteId?: string },
  options: Options,
): Promise<ReferralView[]> {
  const { actor } = context;
  const destinationId = actor.role === 'partner' ? (actor.destinationId ?? 'none') : filter.siteId;
  // A partner asking for another site's referrals gets none (nothing to learn either).
  if (destinationId === 'none' || (filter.siteId && destinationId !== filter.siteId)) return [];
  const rows = await listReferralRows(db.query, {
    statuses: filter.statuses,
    limit: filter.limit,
    destinationId,
  });
  const views = await toReferralViews(db.query, rows, options);
  if (actor.role === 'lead') return views.map(deidentifyReferral);
  if (views.length) await auditView(db, context, views);
  return views;
}

export async function getReferral(
  db: Database,
  context: RequestContext,
  id: string,
  options: Options,
): Promise<ReferralView> {
  const { actor } = context;
  const row = await findReferral(db.query, id);
  if (!row || (actor.role === 'partner' && row.destination_id !== actor.destinationId))
    throw new NotFoundError('Referral');
  const [view] = await toReferralViews(db.query, [row], options);
  if (!view) throw new NotFoundError('Referral');
  if (actor.role === 'lead') return deidentifyReferral(view);
  await auditView(db, context, [view]);
  return view;
}

async function auditView(db: Database, context: RequestContext, views: ReferralView[]) {
  await appendAudit(db.query, {
    by: context,
    action: 'referral:viewed',
    entityType: 'referral',
    entityId: views.length === 1 ? views[0]?.id : undefined,
    details: { referralIds: views.map((v) => v.id), siteId: context.actor.destinationId },
  });
}
