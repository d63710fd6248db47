import type { RequestContext } from '../auth/request-context.js';
import type { ReferralStatus } from '../../shared/referrals.js';
import { changeReferralStatus } from './change-referral-status.js';
import { getReferral, listReferrals } from './referral-queries.js';
import type { ReferralDeps } from './referral-deps.js';
import type { ReferralStatusChange } from './referral-schemas.js';

/**
 * What the partner board (/api/referrals) and the FHIR Task endpoints share: the
 * same need-to-know, transitions, audit and live events, built once in app.ts.
 */
export function referralServiceFactory(deps: ReferralDeps) {
  const { db, roadSpeedKmh } = deps;
  return {
    list: (
      context: RequestContext,
      filter: { statuses?: ReferralStatus[]; limit: number; siteId?: string },
    ) => listReferrals(db, context, filter, { roadSpeedKmh }),
    get: (context: RequestContext, id: string) => getReferral(db, context, id, { roadSpeedKmh }),
    changeStatus: (context: RequestContext, id: string, change: ReferralStatusChange) =>
      changeReferralStatus(deps, context, id, change),
  };
}

export type ReferralService = ReturnType<typeof referralServiceFactory>;
