import { findCallRow } from '../calls/call-repository.js';
import type { Queryable } from '../db/database.js';
import { matchDestination, type Match } from '../directory/destination-matcher.js';
import { listDestinations } from '../directory/destination-repository.js';
import type { Disposition } from '../../shared/event-contract.js';
import { sitesThatRejected } from './referral-repository.js';

/**
 * After a site declines: the next eligible site of the same pathway, by the same
 * rules as the first match, without any site that declined this call; when none
 * is left, the matcher's own fallback (a crisis call goes to the ED, a clinic
 * call to a home visit).
 */
export async function proposeNextSite(
  q: Queryable,
  request: {
    callId: string;
    /** The site declining now (its rejection is not yet written). */
    decliningSiteId: string;
    disposition: Disposition;
    now: Date;
    timeZone: string;
  },
): Promise<Match | undefined> {
  const call = await findCallRow(q, request.callId);
  if (!call) return undefined;
  return matchDestination({
    disposition: request.disposition,
    patientAge: call.patient_age,
    location: call,
    now: request.now,
    timeZone: request.timeZone,
    destinations: await listDestinations(q),
    declinedBy: [...(await sitesThatRejected(q, request.callId)), request.decliningSiteId],
  });
}
