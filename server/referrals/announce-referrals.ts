import type { DispatchContext } from '../dispatch/dispatch-context.js';
import { findReferral } from './referral-repository.js';
import { toReferralViews } from './referral-view.js';
import type { ReferralChanges } from './request-referral.js';

/** After commit: the new referral to its site, a replaced one as cancelled. */
export async function announceReferrals(
  ctx: Pick<DispatchContext, 'db' | 'publish' | 'roadSpeedKmh'>,
  changes: ReferralChanges,
): Promise<void> {
  const load = async (id: string) => {
    const row = await findReferral(ctx.db.query, id);
    const [view] = row ? await toReferralViews(ctx.db.query, [row], ctx) : [];
    return view;
  };
  if (changes.cancelled) {
    const referral = await load(changes.cancelled);
    if (referral) ctx.publish({ type: 'referral:updated', referral });
  }
  if (changes.requested) {
    const referral = await load(changes.requested);
    if (referral) ctx.publish({ type: 'referral:requested', referral });
  }
}
