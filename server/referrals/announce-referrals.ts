import type { ReferralDeps } from './referral-deps.js';
import { findReferral, openReferralForCall } from './referral-repository.js';
import { deidentifyReferral, toReferralViews } from './referral-view.js';
import type { ReferralChanges } from './request-referral.js';
import { requestReferral } from './request-referral.js';
import type { ReferralHooks } from '../dispatch/dispatch-deps.js';
import type { Logger } from '../logging/logger.js';

/** After commit: the new referral to its site, a replaced one as cancelled. */
export async function announceReferrals(
  ctx: Pick<ReferralDeps, 'db' | 'publish' | 'roadSpeedKmh'>,
  changes: ReferralChanges,
): Promise<void> {
  const load = async (id: string) => {
    const row = await findReferral(ctx.db.query, id);
    const [view] = row ? await toReferralViews(ctx.db.query, [row], ctx) : [];
    return view;
  };
  if (changes.cancelled) {
    const referral = await load(changes.cancelled);
    if (referral)
      ctx.publish({ type: 'referral:updated', referral, forLeads: deidentifyReferral(referral) });
  }
  if (changes.requested) {
    const referral = await load(changes.requested);
    if (referral)
      ctx.publish({ type: 'referral:requested', referral, forLeads: deidentifyReferral(referral) });
  }
}

/** What the app hands the dispatch commands (DispatchDeps.referrals). */
export function referralHooks(
  ctx: Pick<ReferralDeps, 'db' | 'publish' | 'roadSpeedKmh'>,
  logger: Pick<Logger, 'warn'>,
): ReferralHooks {
  return {
    request: requestReferral,
    announce: (changes) => announceReferrals(ctx, changes),
    // Runs after the crew's step has committed: a failure here must not answer the crew
    // with an error (its phone would retry a step already taken and read the 409 as a
    // refusal), so it is logged and the site's ETA catches up on the next step.
    crewMoved: async (callId) => {
      try {
        const open = await openReferralForCall(ctx.db.query, callId);
        if (!open) return;
        const [referral] = await toReferralViews(ctx.db.query, [open], ctx);
        if (referral)
          ctx.publish({
            type: 'referral:updated',
            referral,
            forLeads: deidentifyReferral(referral),
          });
      } catch (err) {
        logger.warn(
          { err: (err as Error).message, callId },
          'could not re-announce the referral after a crew step',
        );
      }
    },
  };
}
